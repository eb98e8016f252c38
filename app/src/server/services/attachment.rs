//! Attachments: files checked by their content (magic bytes, never the name or the browser's
//! claimed type), limited in size and count, stored on disk outside the web root under a
//! random key, and described by a row of `attachments` saying what they belong to. Who may
//! download one is decided by the feature that owns it (tickets: the tracking code, or staff
//! who may see the ticket); `server/src/files.rs` serves them with safe headers.

use crate::error::{AppError, AppResult};
use crate::model::Attachment;
use crate::server::entities::attachment;
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, IntoCondition};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, RelationDef, Set,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file as it arrived in a form.
#[derive(Clone, Debug, Default)]
pub struct Upload {
    /// The form field it came in (`attachments`, `image`).
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The kinds of file the portal accepts anywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    Png,
    Jpeg,
    Gif,
    Webp,
    /// Office Open XML and OpenDocument files (ZIP containers, told apart by their parts).
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
}

impl Kind {
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Webp => "image/webp",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Kind::Odt => "application/vnd.oasis.opendocument.text",
            Kind::Ods => "application/vnd.oasis.opendocument.spreadsheet",
        }
    }

    /// The extensions a file of this kind may keep; the first is added when it has none of them.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Png => &["png"],
            Kind::Jpeg => &["jpg", "jpeg"],
            Kind::Gif => &["gif"],
            Kind::Webp => &["webp"],
            Kind::Docx => &["docx"],
            Kind::Xlsx => &["xlsx"],
            Kind::Pptx => &["pptx"],
            Kind::Odt => &["odt"],
            Kind::Ods => &["ods"],
        }
    }

    pub fn is_image(self) -> bool {
        matches!(self, Kind::Png | Kind::Jpeg | Kind::Gif | Kind::Webp)
    }
}

/// What the first bytes say the file is.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.get(12..16) == Some(b"IHDR") {
        Some(Kind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(Kind::Gif)
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP") {
        Some(Kind::Webp)
    } else if bytes.starts_with(b"PK\x03\x04") {
        sniff_zip(bytes)
    } else {
        None
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A ZIP container is an office document only with the parts that make one: OpenDocument
/// stores its `mimetype` first and uncompressed; Office Open XML has `[Content_Types].xml`
/// and its main part. Any other ZIP is refused.
fn sniff_zip(bytes: &[u8]) -> Option<Kind> {
    if bytes.get(30..38) == Some(b"mimetype") {
        let rest = &bytes[38..bytes.len().min(120)];
        if rest.starts_with(b"application/vnd.oasis.opendocument.text") {
            return Some(Kind::Odt);
        }
        if rest.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Some(Kind::Ods);
        }
        return None;
    }
    if !contains(bytes, b"[Content_Types].xml") {
        return None;
    }
    if contains(bytes, b"word/document.xml") {
        Some(Kind::Docx)
    } else if contains(bytes, b"xl/workbook.xml") {
        Some(Kind::Xlsx)
    } else if contains(bytes, b"ppt/presentation.xml") {
        Some(Kind::Pptx)
    } else {
        None
    }
}

/// What a feature accepts: which kinds, how large a file, how many at once.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub kinds: &'static [Kind],
    pub max_bytes: usize,
    pub max_files: usize,
    /// The Persian list of accepted kinds, for messages and help text.
    pub kinds_label: &'static str,
}

/// Tickets and their follow-ups: PDF and images, 5 MB a file, 3 a post.
pub const TICKET: Policy = Policy {
    kinds: &[Kind::Pdf, Kind::Png, Kind::Jpeg, Kind::Gif, Kind::Webp],
    max_bytes: 5 * 1024 * 1024,
    max_files: 3,
    kinds_label: "PDF یا تصویر (PNG، JPEG، GIF، WebP)",
};

/// A file that passed its policy, ready to store.
#[derive(Clone, Debug)]
pub struct Checked {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub kind: Kind,
}

fn invalid(message: String) -> AppError {
    AppError::validation("پیوست", message)
}

/// The last component of an uploaded name, without control or quoting characters, at most
/// 100 characters, ending in an extension of its real kind.
pub fn clean_name(name: &str, kind: Kind) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .chars()
        .take(100)
        .collect();
    if clean.is_empty() {
        clean = "پیوست".to_string();
    }
    let ext = clean
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default();
    if !kind.extensions().contains(&ext.as_str()) {
        clean.push('.');
        clean.push_str(kind.extensions()[0]);
    }
    clean
}

/// «پرونده‌ی «x» بزرگ‌تر از ۵ مگابایت است.» — here and while a form is being read.
pub fn too_large(file_name: &str, policy: &Policy) -> AppError {
    invalid(format!(
        "پرونده‌ی «{file_name}» بزرگ‌تر از {} مگابایت است.",
        crate::persian::to_persian_digits(&(policy.max_bytes / (1024 * 1024)).to_string())
    ))
}

/// «دست‌بالا ۳ پیوست می‌توانید بفرستید.»
pub fn too_many(max: usize) -> AppError {
    invalid(format!(
        "دست‌بالا {} پیوست می‌توانید بفرستید.",
        crate::persian::to_persian_digits(&max.to_string())
    ))
}

/// Checks uploads against `policy`. A file field left empty (no name, no bytes) is skipped.
pub fn check(policy: &Policy, uploads: Vec<Upload>) -> AppResult<Vec<Checked>> {
    let uploads: Vec<Upload> = uploads
        .into_iter()
        .filter(|u| !(u.file_name.trim().is_empty() && u.bytes.is_empty()))
        .collect();
    if uploads.len() > policy.max_files {
        return Err(too_many(policy.max_files));
    }
    uploads
        .into_iter()
        .map(|u| {
            let shown = u.file_name.rsplit(['/', '\\']).next().unwrap_or_default();
            if u.bytes.is_empty() {
                return Err(invalid(format!("پرونده‌ی «{shown}» خالی است.")));
            }
            if u.bytes.len() > policy.max_bytes {
                return Err(too_large(shown, policy));
            }
            match sniff(&u.bytes) {
                Some(kind) if policy.kinds.contains(&kind) => Ok(Checked {
                    file_name: clean_name(&u.file_name, kind),
                    bytes: u.bytes,
                    kind,
                }),
                _ => Err(invalid(format!(
                    "پرونده‌ی «{shown}» پذیرفته نیست؛ تنها {} می‌توانید پیوست کنید.",
                    policy.kinds_label
                ))),
            }
        })
        .collect()
}

/// Where the files are kept: a directory outside the site root (`PORTAL_UPLOAD_DIR`, by
/// default `data/uploads`), one sub-directory per first two hex digits of the key.
#[derive(Clone, Debug)]
pub struct Store {
    dir: Arc<PathBuf>,
}

/// Keys are exactly 32 lower-case hex digits; anything else never reaches the file system.
fn valid_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl Store {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Store {
            dir: Arc::new(dir.into()),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        valid_key(key).then(|| self.dir.join(&key[..2]).join(key))
    }

    /// Writes the bytes durably: to a temporary name, synced, then renamed into place.
    async fn write(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        use tokio::io::AsyncWriteExt;
        let path = self.path(key).ok_or(std::io::ErrorKind::InvalidInput)?;
        let parent = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
        tokio::fs::create_dir_all(parent).await?;
        let part = path.with_extension("part");
        let mut f = tokio::fs::File::create(&part).await?;
        f.write_all(bytes).await?;
        f.sync_all().await?;
        drop(f);
        tokio::fs::rename(&part, &path).await
    }

    /// The stored bytes of `key`.
    pub async fn read(&self, key: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path(key).ok_or(std::io::ErrorKind::NotFound)?;
        tokio::fs::read(path).await
    }

    /// Removes the bytes of `key`; bytes already gone count as removed.
    pub async fn remove(&self, key: &str) -> std::io::Result<()> {
        let path = self.path(key).ok_or(std::io::ErrorKind::InvalidInput)?;
        match tokio::fs::remove_file(path).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            done => done,
        }
    }
}

/// 128 random bits in hex: attachment keys, visitor cookies, newsletter tokens.
pub fn random_key() -> String {
    use rand::rngs::OsRng;
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Stores `files` and records them as belonging to (`owner_kind`, `owner_id`). Call inside
/// the owner's transaction: if it rolls back, the rows go and the files are orphans on
/// disk, never referenced.
pub async fn attach<C: ConnectionTrait>(
    db: &C,
    store: &Store,
    owner_kind: &str,
    owner_id: i32,
    files: &[Checked],
) -> AppResult<Vec<Attachment>> {
    let mut stored = Vec::with_capacity(files.len());
    for f in files {
        let key = random_key();
        store.write(&key, &f.bytes).await.map_err(|e| {
            tracing::error!("cannot store attachment in {}: {e}", store.dir().display());
            AppError::Internal
        })?;
        let digest = Sha256::digest(&f.bytes);
        let row = attachment::ActiveModel {
            storage_key: Set(key),
            owner_kind: Set(owner_kind.to_string()),
            owner_id: Set(owner_id),
            file_name: Set(f.file_name.clone()),
            media_type: Set(f.kind.media_type().to_string()),
            size_bytes: Set(f.bytes.len() as i64),
            sha256: Set(digest.iter().map(|b| format!("{b:02x}")).collect()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        stored.push(to_dto(row));
    }
    Ok(stored)
}

/// What the browser is told of an attachment.
pub(crate) fn to_dto(m: attachment::Model) -> Attachment {
    Attachment {
        key: m.storage_key,
        name: m.file_name,
        media_type: m.media_type,
        size: m.size_bytes,
    }
}

/// Joins the attachments of `owner_kind` to the rows of `E` whose id is `id`, for a query
/// that reads the owners and their files at once (`LEFT JOIN … select_also(attachment)`).
pub(crate) fn joined_to<E: EntityTrait>(id: E::Column, owner_kind: &'static str) -> RelationDef {
    E::belongs_to(attachment::Entity)
        .from(id)
        .to(attachment::Column::OwnerId)
        .on_condition(move |_, files| {
            Expr::col((files, attachment::Column::OwnerKind))
                .eq(owner_kind)
                .into_condition()
        })
        .into()
}

/// The attachments of each of `owner_ids`, in upload order.
pub async fn for_owners<C: ConnectionTrait>(
    db: &C,
    owner_kind: &str,
    owner_ids: &[i32],
) -> AppResult<HashMap<i32, Vec<Attachment>>> {
    let mut out: HashMap<i32, Vec<Attachment>> = HashMap::new();
    if owner_ids.is_empty() {
        return Ok(out);
    }
    let rows = attachment::Entity::find()
        .filter(attachment::Column::OwnerKind.eq(owner_kind))
        .filter(attachment::Column::OwnerId.is_in(owner_ids.iter().copied()))
        .all(db)
        .await?;
    let mut rows = rows;
    rows.sort_by_key(|r| r.id);
    for r in rows {
        out.entry(r.owner_id).or_default().push(to_dto(r));
    }
    Ok(out)
}

/// The attachment with download key `key`, if the key is well formed and known.
pub async fn by_key<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<Option<attachment::Model>> {
    if !valid_key(key) {
        return Ok(None);
    }
    Ok(attachment::Entity::find()
        .filter(attachment::Column::StorageKey.eq(key))
        .one(db)
        .await?)
}

/// The attachment `key`, if this request may download it. Each owner decides: a ticket's
/// attachment goes to the holder of its tracking code (`code`) or to staff who may answer it.
/// A published item's attachment goes to everyone (and may be cached: the `bool`).
/// Anything else answers «not found», revealing nothing.
pub async fn authorize(
    db: &sea_orm::DatabaseConnection,
    acting: &crate::server::services::permission::Acting,
    key: &str,
    code: Option<&str>,
) -> AppResult<(attachment::Model, bool)> {
    use crate::server::services::ticket;
    let row = by_key(db, key).await?.ok_or(AppError::NotFound)?;
    match row.owner_kind.as_str() {
        ticket::ATTACHMENT_OWNER => {
            ticket::may_download(db, acting, row.owner_id, code).await?;
            Ok((row, false))
        }
        crate::server::services::forms::ANSWER_FILES
        | crate::server::services::forms::POST_FILES => {
            crate::server::services::forms::submit::may_download(db, acting, &row, code).await?;
            Ok((row, false))
        }
        crate::server::services::content::ATTACHMENT_OWNER => {
            let public = crate::server::services::content::may_download(
                db,
                acting,
                row.owner_id,
                &row.storage_key,
            )
            .await?;
            Ok((row, public))
        }
        _ => Err(AppError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_reads_content_not_names() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"), Some(Kind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Some(Kind::Jpeg));
        assert_eq!(sniff(b"GIF89a\x01\0"), Some(Kind::Gif));
        assert_eq!(sniff(b"RIFF\0\0\0\0WEBPVP8 "), Some(Kind::Webp));
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"MZ\x90\0"), None);
        let docx = b"PK\x03\x04....[Content_Types].xml....word/document.xml";
        assert_eq!(sniff(docx), Some(Kind::Docx));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.resize(30, 0);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        assert_eq!(sniff(&odt), Some(Kind::Odt));
        assert_eq!(sniff(b"PK\x03\x04 plain zip with evil.exe"), None);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n<script>"), None);
    }

    #[test]
    fn names_are_cleaned_and_match_their_kind() {
        assert_eq!(clean_name("C:\\Users\\x\\نامه.PDF", Kind::Pdf), "نامه.PDF");
        assert_eq!(clean_name("../../etc/passwd", Kind::Pdf), "passwd.pdf");
        assert_eq!(clean_name("page.html", Kind::Png), "page.html.png");
        assert_eq!(clean_name("\"a\"<b>.jpg", Kind::Jpeg), "ab.jpg");
        assert_eq!(clean_name("", Kind::Gif), "پیوست.gif");
        assert_eq!(clean_name(".htaccess", Kind::Pdf), "htaccess.pdf");
    }

    #[test]
    fn policy_limits_kind_size_and_count() {
        let pdf = |name: &str, len: usize| Upload {
            field: "attachments".into(),
            file_name: name.into(),
            bytes: [b"%PDF-1.4\n".as_slice(), &vec![b'x'; len]].concat(),
        };
        let ok = check(&TICKET, vec![pdf("a.pdf", 10), Upload::default()]).unwrap();
        assert_eq!(ok.len(), 1, "an empty file field is skipped");
        assert!(check(&TICKET, vec![pdf("big.pdf", 5 * 1024 * 1024)]).is_err());
        assert!(check(
            &TICKET,
            (0..4).map(|i| pdf(&format!("{i}.pdf"), 1)).collect()
        )
        .is_err());
        let html = Upload {
            field: String::new(),
            file_name: "x.pdf".into(),
            bytes: b"<html></html>".to_vec(),
        };
        assert!(check(&TICKET, vec![html]).is_err());
        let empty = Upload {
            field: String::new(),
            file_name: "x.pdf".into(),
            bytes: vec![],
        };
        assert!(check(&TICKET, vec![empty]).is_err());
    }

    #[test]
    fn keys_never_escape_the_directory() {
        let store = Store::new("/srv/uploads");
        assert!(store.path("../../../../etc/passwd").is_none());
        assert!(store.path("0123456789abcdef0123456789ABCDEF").is_none());
        assert_eq!(
            store.path("0123456789abcdef0123456789abcdef"),
            Some(PathBuf::from(
                "/srv/uploads/01/0123456789abcdef0123456789abcdef"
            ))
        );
        assert_eq!(random_key().len(), 32);
        assert!(valid_key(&random_key()));
    }
}
