//! The publishing engine, shared by every content type: items written by a section's
//! custodians (sanitized rich text, the kind's own fields, attachments and a main image),
//! the workflow draft → in review → published → archived with who may move what, scheduled
//! publish and unpublish, a revision for every save (list, compare, restore), and what the
//! public sees — only published items whose time has come, counted per view in memory.

pub mod files;
pub mod views;

use crate::error::{AppError, AppResult};
use crate::model::{
    Attachment, ContentCard, ContentEditor, ContentKind, ContentList, ContentState, DiffPart,
    FieldInput, PublicContent, RelatedSite, RevisionCompare, RevisionRow, StaffContentRow, Topic,
    Visibility,
};
use crate::persian::jalali::{JalaliDate, JalaliDateTime};
use crate::server::entities::{
    content_item as item, content_revision as revision, content_topic, user,
};
use crate::server::services::attachment::{self, Store, Upload};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::{BTreeMap, HashMap};
use views::Views;

/// What content attachments belong to in `attachments`.
pub const ATTACHMENT_OWNER: &str = "content";
pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 500;
pub const MAX_BODY: usize = 200_000;
pub const PER_PAGE: u64 = 10;

/// Content attachments: PDF, images and office documents, 10 MB a file, 5 a save.
pub const FILES: attachment::Policy = attachment::Policy {
    kinds: &[
        attachment::Kind::Pdf,
        attachment::Kind::Png,
        attachment::Kind::Jpeg,
        attachment::Kind::Gif,
        attachment::Kind::Webp,
        attachment::Kind::Docx,
        attachment::Kind::Xlsx,
        attachment::Kind::Pptx,
        attachment::Kind::Odt,
        attachment::Kind::Ods,
    ],
    max_bytes: 10 * 1024 * 1024,
    max_files: 5,
    kinds_label: "PDF، تصویر (PNG، JPEG، GIF، WebP) یا سند اداری (DOCX، XLSX، PPTX، ODT، ODS)",
};

/// The main image: an image only, 5 MB.
pub const IMAGE: attachment::Policy = attachment::Policy {
    kinds: &[
        attachment::Kind::Png,
        attachment::Kind::Jpeg,
        attachment::Kind::Gif,
        attachment::Kind::Webp,
    ],
    max_bytes: 5 * 1024 * 1024,
    max_files: 1,
    kinds_label: "تصویر (PNG، JPEG، GIF، WebP)",
};

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

// ---------------------------------------------------------------------------------------
// Sanitizing and slugs

/// The only HTML content may hold: structure (headings, paragraphs, lists, tables, quotes),
/// emphasis, links (http, https, mailto, tel, or the portal's own paths) and images. No
/// scripts, styles, event handlers, frames or forms; links get `rel="noopener noreferrer"`.
pub fn sanitize(html: &str) -> String {
    use std::collections::HashSet;
    let tags: HashSet<&str> = [
        "h2",
        "h3",
        "h4",
        "p",
        "br",
        "hr",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "sub",
        "sup",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "figure",
        "figcaption",
        "code",
        "pre",
        "span",
        "div",
    ]
    .into_iter()
    .collect();
    let mut attrs: HashMap<&str, HashSet<&str>> = HashMap::new();
    attrs.insert("a", ["href", "title"].into_iter().collect());
    attrs.insert(
        "img",
        ["src", "alt", "width", "height"].into_iter().collect(),
    );
    attrs.insert("th", ["scope", "colspan", "rowspan"].into_iter().collect());
    attrs.insert("td", ["colspan", "rowspan"].into_iter().collect());
    attrs.insert("ol", ["start"].into_iter().collect());
    let clean = ammonia::Builder::default()
        .tags(tags)
        .tag_attributes(attrs)
        .generic_attributes(["dir", "lang"].into_iter().collect())
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string();
    with_alt(&clean)
}

/// Gives every image without a text alternative an empty one (decorative), as HTML and
/// WCAG require; the editor's own image tool always asks for one. The sanitizer writes
/// every attribute value in double quotes with `"` escaped, so a tag ends at the first `>`
/// outside quotes and ` alt="` inside it is the attribute.
fn with_alt(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let mut quoted = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '>' && !quoted
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        if tag[..end].contains(" alt=\"") {
            out.push_str(&tag[..end]);
        } else {
            out.push_str("<img alt=\"\"");
            out.push_str(&tag[4..end]);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    out
}

/// The text of sanitized HTML: tags dropped, blocks on their own lines, entities decoded.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for c in html.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let name = tag
                    .trim_start_matches('/')
                    .split(|c: char| c.is_whitespace() || c == '/')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if matches!(
                    name.as_str(),
                    "p" | "br" | "li" | "h2" | "h3" | "h4" | "tr" | "blockquote" | "div" | "pre"
                ) {
                    out.push('\n');
                } else if matches!(name.as_str(), "td" | "th") {
                    out.push(' ');
                }
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    let out = out
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A URL segment from a title: Persian and Latin letters and digits, words joined by `-`.
pub fn slugify(title: &str) -> String {
    let normalized = crate::persian::text::normalize(title);
    let mut slug = String::new();
    for c in normalized.chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_matches('-').chars().take(80).collect();
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "item".into()
    } else {
        slug
    }
}

// ---------------------------------------------------------------------------------------
// Dates

fn instant(unix: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(unix, 0).unwrap_or_else(Utc::now)
}

/// Reads `۱۴۰۴/۰۲/۱۵` or `۱۴۰۴/۰۲/۱۵ ۱۴:۳۰` (Tehran time) as an instant.
pub fn parse_moment(field: &str, s: &str, with_time: bool) -> AppResult<DateTime<Utc>> {
    let s = crate::persian::normalize_digits(s.trim());
    let mut parts = s.split_whitespace();
    let date = JalaliDate::parse(parts.next().unwrap_or_default())
        .map_err(|e| invalid(field, e.message()))?;
    let (hour, minute) = match parts.next() {
        Some(t) => {
            let (h, m) = t.split_once(':').unwrap_or((t, "0"));
            match (h.parse::<u8>(), m.parse::<u8>()) {
                (Ok(h), Ok(m)) if h < 24 && m < 60 => (h, m),
                _ => {
                    return Err(invalid(
                        field,
                        "ساعت را به شکل ساعت:دقیقه بنویسید، مانند ۱۴:۳۰.",
                    ))
                }
            }
        }
        None if with_time => (0, 0),
        None => (0, 0),
    };
    if parts.next().is_some() {
        return Err(invalid(field, "تاریخ را به شکل ۱۴۰۴/۰۲/۱۵ ۱۴:۳۰ بنویسید."));
    }
    Ok(instant(
        JalaliDateTime {
            date,
            hour,
            minute,
            second: 0,
        }
        .to_unix(),
    ))
}

/// The editor's form of an instant: `۱۴۰۴/۰۲/۱۵ ۱۴:۳۰` (or only the date).
pub fn show_moment(t: DateTime<Utc>, with_time: bool) -> String {
    match JalaliDateTime::from_unix(t.timestamp()) {
        Some(j) if with_time => j.format(),
        Some(j) => j.date.format(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Who may do what

/// What a person may do in a kind's section beyond writing (which `rights` already checked).
struct Rights {
    publish: bool,
}

async fn rights<C: ConnectionTrait>(
    db: &C,
    acting: &Acting,
    kind: ContentKind,
) -> AppResult<Rights> {
    // `permission::authorize`'s answers, with the section read once for both questions.
    let actor = acting.signed_in()?;
    let section =
        crate::server::entities::section::Entity::find_by_id(kind.section_key().to_string())
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
    let rules = (&section).into();
    if !permission::may(Some(actor), Action::EditContent, Some(&rules), None) {
        return Err(AppError::Forbidden);
    }
    Ok(Rights {
        publish: permission::may(Some(actor), Action::PublishContent, Some(&rules), None)
            || permission::may(Some(actor), Action::ReviewContent, Some(&rules), None),
    })
}

fn kind_of(m: &item::Model) -> AppResult<ContentKind> {
    ContentKind::parse(&m.kind).ok_or(AppError::NotFound)
}

fn state_of(m: &item::Model) -> ContentState {
    ContentState::parse(&m.state).unwrap_or(ContentState::Draft)
}

async fn load<C: ConnectionTrait>(db: &C, id: i32) -> AppResult<item::Model> {
    item::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

// ---------------------------------------------------------------------------------------
// Writing

/// What the editor sends (raw; checked here).
#[derive(Clone, Debug, Default)]
pub struct Draft {
    pub title: String,
    pub summary: String,
    pub body: String,
    /// The kind's fields by key (`subkind`, `ref_number`, `ref_date` and the JSON ones).
    pub fields: BTreeMap<String, String>,
    pub topic_id: Option<i32>,
    pub sort_order: String,
    /// Jalali date and time, or empty.
    pub publish_at: String,
    pub unpublish_at: String,
    /// Keys of attached files this edit leaves out.
    pub remove_files: Vec<String>,
}

/// A checked draft, ready to store.
#[derive(Clone, Debug, PartialEq)]
struct Checked {
    title: String,
    summary: String,
    body: String,
    fields: String,
    topic_id: Option<i32>,
    subkind: Option<String>,
    ref_number: Option<String>,
    ref_date: Option<DateTime<Utc>>,
    sort_order: i32,
    publish_at: Option<DateTime<Utc>>,
    unpublish_at: Option<DateTime<Utc>>,
}

fn text(field: &str, value: &str, min: usize, max: usize) -> AppResult<String> {
    let v = crate::persian::text::collapse_spaces(value);
    let n = v.chars().count();
    if n < min {
        return Err(invalid(field, format!("{field} را بنویسید.")));
    }
    if n > max {
        return Err(invalid(
            field,
            format!(
                "{field} حداکثر {} نویسه است.",
                crate::persian::to_persian_digits(&max.to_string())
            ),
        ));
    }
    Ok(v)
}

/// Checks a draft; `stored` is the item's fields JSON when editing (a staff-member field may
/// keep a person who has since left the staff).
async fn check<C: ConnectionTrait>(
    db: &C,
    kind: ContentKind,
    d: &Draft,
    stored: Option<&str>,
) -> AppResult<Checked> {
    let stored: BTreeMap<String, String> = stored
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let title = text(kind.title_label(), &d.title, 3, MAX_TITLE)?;
    let summary = text("خلاصه", &d.summary, 0, MAX_SUMMARY)?;
    let body = match kind.body_label() {
        Some(label) => {
            if d.body.len() > MAX_BODY {
                return Err(invalid(label, "متن بیش از اندازه بلند است."));
            }
            let clean = sanitize(&d.body);
            if plain_text(&clean).chars().count() < 2 && !clean.contains("<img") {
                return Err(invalid(label, format!("{label} را بنویسید.")));
            }
            clean
        }
        None => String::new(),
    };
    let mut json = BTreeMap::new();
    let (mut subkind, mut ref_number, mut ref_date) = (None, None, None);
    for spec in kind.fields() {
        let raw = d.fields.get(spec.key).map(|s| s.trim()).unwrap_or("");
        let raw = raw.replace("\r\n", "\n");
        if raw.is_empty() {
            if spec.required && spec.input != FieldInput::YesNo {
                return Err(invalid(spec.label, format!("{} را بنویسید.", spec.label)));
            }
            continue;
        }
        let value = match spec.input {
            FieldInput::Text | FieldInput::LongText | FieldInput::Lines => {
                if raw.chars().count() > 5000 {
                    return Err(invalid(spec.label, "بیش از اندازه بلند است."));
                }
                // One line: spaces collapsed and Arabic letters folded, so the same
                // executor typed twice is one filter entry.
                if spec.input == FieldInput::Text {
                    crate::persian::text::collapse_spaces(&raw)
                } else {
                    raw.clone()
                }
            }
            FieldInput::Number => crate::persian::normalize_digits(&raw),
            FieldInput::Url => {
                let u = raw.clone();
                if !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/')) {
                    return Err(invalid(
                        spec.label,
                        "نشانی باید با https:// یا http:// (یا / برای صفحه‌ای از همین پرتال) آغاز شود.",
                    ));
                }
                u
            }
            FieldInput::Choice(options) => {
                if !options.iter().any(|(v, _)| *v == raw) {
                    return Err(invalid(spec.label, "یکی از گزینه‌ها را برگزینید."));
                }
                raw.clone()
            }
            // Empty boxes were skipped above: what is left is ticked.
            FieldInput::YesNo => "1".to_string(),
            FieldInput::StaffMember => {
                let ok = stored.get(spec.key) == Some(&raw)
                    || match raw.parse::<i32>() {
                        Ok(id) => staff_members(db).await?.iter().any(|t| t.id == id),
                        Err(_) => false,
                    };
                if !ok {
                    return Err(invalid(spec.label, "یکی از کارکنان فهرست را برگزینید."));
                }
                raw.clone()
            }
            FieldInput::Date | FieldInput::DateTime => {
                let t = parse_moment(spec.label, &raw, spec.input == FieldInput::DateTime)?;
                if spec.key == "ref_date" {
                    ref_date = Some(t);
                    continue;
                }
                if spec.key == "end_date" && ref_date.is_some_and(|start| t < start) {
                    return Err(invalid(
                        spec.label,
                        "تاریخ پایان نباید پیش از تاریخ شروع باشد.",
                    ));
                }
                t.timestamp().to_string()
            }
        };
        match spec.key {
            "subkind" => subkind = Some(value),
            "ref_number" => ref_number = Some(crate::persian::normalize_digits(&value)),
            _ => {
                json.insert(spec.key.to_string(), value);
            }
        }
    }
    let topic_id = match (kind.topic_label(), d.topic_id) {
        (Some(_), Some(t)) => {
            let ok = content_topic::Entity::find_by_id(t)
                .one(db)
                .await?
                .is_some_and(|x| x.kind == kind.as_str());
            if !ok {
                return Err(invalid(
                    kind.topic_label().unwrap_or("موضوع"),
                    "یکی از گزینه‌ها را برگزینید.",
                ));
            }
            Some(t)
        }
        _ => None,
    };
    let sort_order = match crate::persian::normalize_digits(d.sort_order.trim()).as_str() {
        "" => 0,
        s => s
            .parse()
            .map_err(|_| invalid("ترتیب", "ترتیب را با عدد بنویسید."))?,
    };
    let publish_at = match d.publish_at.trim() {
        "" => None,
        s => Some(parse_moment("زمان انتشار", s, true)?),
    };
    let unpublish_at = match d.unpublish_at.trim() {
        "" => None,
        s => Some(parse_moment("زمان پایان انتشار", s, true)?),
    };
    if let (Some(a), Some(b)) = (publish_at, unpublish_at) {
        if b <= a {
            return Err(invalid(
                "زمان پایان انتشار",
                "پایان انتشار باید پس از زمان انتشار باشد.",
            ));
        }
    }
    Ok(Checked {
        title,
        summary,
        body,
        fields: serde_json::to_string(&json).unwrap_or_else(|_| "{}".into()),
        topic_id,
        subkind,
        ref_number,
        ref_date,
        sort_order,
        publish_at,
        unpublish_at,
    })
}

/// Files to attach on a save, and where to keep them.
pub struct Files<'a> {
    pub store: &'a Store,
    pub attachments: Vec<Upload>,
    /// A new main image (kinds with one).
    pub image: Vec<Upload>,
}

/// Stores a save's files: returns the new main image's key, if there is one, and the keys
/// of the new attachments.
async fn store_files<C: ConnectionTrait>(
    db: &C,
    kind: ContentKind,
    id: i32,
    files: Option<Files<'_>>,
) -> AppResult<(Option<String>, Vec<String>)> {
    let Some(f) = files else {
        return Ok((None, Vec::new()));
    };
    let attachments = attachment::check(&FILES, f.attachments)?;
    let image = if kind.has_image() {
        attachment::check(&IMAGE, f.image)?
    } else {
        vec![]
    };
    let added = attachment::attach(db, f.store, ATTACHMENT_OWNER, id, &attachments)
        .await?
        .into_iter()
        .map(|a| a.key)
        .collect();
    let image = attachment::attach(db, f.store, ATTACHMENT_OWNER, id, &image)
        .await?
        .pop()
        .map(|a| a.key);
    Ok((image, added))
}

async fn next_number<C: ConnectionTrait>(db: &C, item_id: i32) -> AppResult<i32> {
    Ok(revision::Entity::find()
        .filter(revision::Column::ItemId.eq(item_id))
        .order_by_desc(revision::Column::Number)
        .one(db)
        .await?
        .map(|r| r.number + 1)
        .unwrap_or(1))
}

async fn save_revision<C: ConnectionTrait>(
    db: &C,
    item_id: i32,
    c: &Checked,
    image_key: Option<String>,
    files: &[String],
    author: Option<i32>,
    note: &str,
) -> AppResult<revision::Model> {
    Ok(revision::ActiveModel {
        item_id: Set(item_id),
        number: Set(next_number(db, item_id).await?),
        title: Set(c.title.clone()),
        summary: Set(c.summary.clone()),
        body: Set(c.body.clone()),
        fields: Set(c.fields.clone()),
        topic_id: Set(c.topic_id),
        subkind: Set(c.subkind.clone()),
        ref_number: Set(c.ref_number.clone()),
        ref_date: Set(c.ref_date),
        sort_order: Set(c.sort_order),
        image_key: Set(image_key),
        files: Set(files::json(files)),
        rejected_at: Set(None),
        author_id: Set(author),
        note: Set(note.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// The visibility a kind's fields ask for (public when they name none).
fn visibility_in(fields: &BTreeMap<String, String>) -> Visibility {
    Visibility::parse(fields.get("visibility").map_or("", |v| v))
}

/// The normalized words of an item (title, summary, text, reference number and the kind's
/// field values other than bare numbers, which are dates and ids).
fn search_text_of(
    title: &str,
    summary: &str,
    body: &str,
    fields: &BTreeMap<String, String>,
    ref_number: Option<&str>,
) -> String {
    let mut all = format!("{title} {summary} {}", plain_text(body));
    for v in ref_number.into_iter().chain(
        fields
            .iter()
            .filter(|(k, v)| *k != "visibility" && !v.chars().all(|ch| ch.is_ascii_digit()))
            .map(|(_, v)| v.as_str()),
    ) {
        all.push(' ');
        all.push_str(v);
    }
    crate::persian::text::normalize(&all)
}

/// Makes a version the one the public reads: its text, fields, main image and files.
fn apply(am: &mut item::ActiveModel, c: &Checked, image_key: Option<String>, files: &str) {
    let fields: BTreeMap<String, String> = serde_json::from_str(&c.fields).unwrap_or_default();
    am.visibility = Set(visibility_in(&fields).as_str().to_string());
    am.executor = Set(fields.get("executor").cloned());
    am.search_text = Set(search_text_of(
        &c.title,
        &c.summary,
        &c.body,
        &fields,
        c.ref_number.as_deref(),
    ));
    am.title = Set(c.title.clone());
    am.summary = Set(c.summary.clone());
    am.body = Set(c.body.clone());
    am.fields = Set(c.fields.clone());
    am.topic_id = Set(c.topic_id);
    am.subkind = Set(c.subkind.clone());
    am.ref_number = Set(c.ref_number.clone());
    am.ref_date = Set(c.ref_date);
    am.sort_order = Set(c.sort_order);
    am.image_key = Set(image_key);
    am.files = Set(files.to_string());
}

/// An edit that waits for review still narrows who may read the item at once: hiding an
/// item never waits (widening does).
fn narrow_at_once(am: &mut item::ActiveModel, c: &Checked, current: &item::Model) {
    let asked = visibility_in(&serde_json::from_str(&c.fields).unwrap_or_default());
    if asked > Visibility::parse(&current.visibility) {
        am.visibility = Set(asked.as_str().to_string());
    }
}

fn checked_of_revision(r: &revision::Model) -> Checked {
    Checked {
        title: r.title.clone(),
        summary: r.summary.clone(),
        body: r.body.clone(),
        fields: r.fields.clone(),
        topic_id: r.topic_id,
        subkind: r.subkind.clone(),
        ref_number: r.ref_number.clone(),
        ref_date: r.ref_date,
        sort_order: r.sort_order,
        publish_at: None,
        unpublish_at: None,
    }
}

/// The row of a new draft of `kind` made of `c`.
fn new_item(
    kind: ContentKind,
    c: &Checked,
    author: Option<i32>,
    now: DateTime<Utc>,
) -> item::ActiveModel {
    let mut am = item::ActiveModel {
        kind: Set(kind.as_str().to_string()),
        section_key: Set(kind.section_key().to_string()),
        slug: Set(slugify(&c.title)),
        state: Set(ContentState::Draft.as_str().to_string()),
        publish_at: Set(c.publish_at),
        unpublish_at: Set(c.unpublish_at),
        published_at: Set(None),
        pending_revision_id: Set(None),
        review_note: Set(None),
        view_count: Set(0),
        is_sample: Set(false),
        created_by: Set(author),
        updated_by: Set(author),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    apply(&mut am, c, None, "[]");
    am
}

fn checked_of_item(m: &item::Model) -> Checked {
    Checked {
        title: m.title.clone(),
        summary: m.summary.clone(),
        body: m.body.clone(),
        fields: m.fields.clone(),
        topic_id: m.topic_id,
        subkind: m.subkind.clone(),
        ref_number: m.ref_number.clone(),
        ref_date: m.ref_date,
        sort_order: m.sort_order,
        publish_at: m.publish_at,
        unpublish_at: m.unpublish_at,
    }
}

/// Creates a draft of `kind`; returns its id.
pub async fn create(
    db: &DatabaseConnection,
    acting: &Acting,
    kind: ContentKind,
    draft: &Draft,
    files: Option<Files<'_>>,
) -> AppResult<i32> {
    let txn = crate::server::db::write_txn(db).await?;
    rights(&txn, acting, kind).await?;
    let actor = acting.signed_in()?;
    let c = check(&txn, kind, draft, None).await?;
    let row = new_item(kind, &c, Some(actor.user_id), Utc::now())
        .insert(&txn)
        .await?;
    let (image, added) = store_files(&txn, kind, row.id, files).await?;
    if image.is_some() || !added.is_empty() {
        let mut am: item::ActiveModel = row.clone().into();
        am.image_key = Set(image.clone());
        am.files = Set(files::json(&added));
        am.update(&txn).await?;
    }
    save_revision(
        &txn,
        row.id,
        &c,
        image,
        &added,
        Some(actor.user_id),
        "نسخه‌ی نخست",
    )
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("content.created", format!("{}: {}", kind.label(), c.title))
            .section(kind.section_key())
            .target("content", row.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.id)
}

/// Saves an edit. Every save is a revision. On a published item, someone who may not
/// publish leaves the public version as it is: the edit waits for review.
pub async fn update(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    draft: &Draft,
    files: Option<Files<'_>>,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let current = load(&txn, id).await?;
    let kind = kind_of(&current)?;
    let r = rights(&txn, acting, kind).await?;
    let actor = acting.signed_in()?;
    let c = check(&txn, kind, draft, Some(&current.fields)).await?;
    let state = state_of(&current);
    let (new_image, added) = store_files(&txn, kind, id, files).await?;
    let file_set = files::next(
        files::base(&txn, &current).await?,
        &draft.remove_files,
        added,
    );
    // The image the edit builds on: the pending one if there is one, else the item's.
    let base_image = match current.pending_revision_id {
        Some(p) => revision::Entity::find_by_id(p)
            .one(&txn)
            .await?
            .and_then(|r| r.image_key),
        None => current.image_key.clone(),
    };
    let image = new_image.or(base_image);
    let waits = state == ContentState::Published && !r.publish;
    let rev = save_revision(
        &txn,
        id,
        &c,
        image.clone(),
        &file_set,
        Some(actor.user_id),
        if waits {
            "ویرایش (در انتظار بررسی)"
        } else {
            "ویرایش"
        },
    )
    .await?;
    let mut am: item::ActiveModel = current.clone().into();
    if waits {
        am.pending_revision_id = Set(Some(rev.id));
        narrow_at_once(&mut am, &c, &current);
    } else {
        apply(&mut am, &c, image, &files::json(&file_set));
        am.pending_revision_id = Set(None);
        if state == ContentState::Draft {
            am.slug = Set(slugify(&c.title));
        }
    }
    am.publish_at = Set(c.publish_at);
    am.unpublish_at = Set(c.unpublish_at);
    am.updated_by = Set(Some(actor.user_id));
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    // An edit of a published item that applies at once changes what the public sees.
    let live = !waits && state == ContentState::Published;
    audit::record(
        &txn,
        acting,
        Event::new(
            if live {
                "content.edited_live"
            } else {
                "content.edited"
            },
            format!("{}: {} (نسخه‌ی {})", kind.label(), c.title, rev.number),
        )
        .section(kind.section_key())
        .target("content", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, kind.section_key()).await;
    Ok(())
}

/// A move of the workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transition {
    /// draft → in review
    Submit,
    /// draft / in review → published; or a published item's pending edit goes live
    Publish,
    /// in review → draft, or a pending edit is turned down; with the reviewer's note
    Reject,
    /// published → archived
    Archive,
    /// archived → draft
    Reopen,
}

impl Transition {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "submit" => Some(Transition::Submit),
            "publish" => Some(Transition::Publish),
            "reject" => Some(Transition::Reject),
            "archive" => Some(Transition::Archive),
            "reopen" => Some(Transition::Reopen),
            _ => None,
        }
    }
}

pub async fn transition(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    to: Transition,
    note: &str,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let current = load(&txn, id).await?;
    let kind = kind_of(&current)?;
    let r = rights(&txn, acting, kind).await?;
    let state = state_of(&current);
    let pending = current.pending_revision_id;
    let refuse = |msg: &str| Err(invalid("وضعیت", msg.to_string()));
    let needs_publish = matches!(
        to,
        Transition::Publish | Transition::Reject | Transition::Archive
    );
    if needs_publish && !r.publish {
        return Err(AppError::Forbidden);
    }
    let now = Utc::now();
    let mut am: item::ActiveModel = current.clone().into();
    let (action, summary) = match (to, state) {
        (Transition::Submit, ContentState::Draft) => {
            am.state = Set(ContentState::Review.as_str().into());
            am.review_note = Set(None);
            ("content.submitted", "فرستادن برای بررسی")
        }
        (Transition::Publish, ContentState::Draft | ContentState::Review) => {
            am.state = Set(ContentState::Published.as_str().into());
            // The first publication stays the item's date (a scheduled one: its time).
            am.published_at = Set(Some(
                current
                    .published_at
                    .unwrap_or(current.publish_at.unwrap_or(now)),
            ));
            am.review_note = Set(None);
            ("content.published", "انتشار")
        }
        (Transition::Publish, ContentState::Published) if pending.is_some() => {
            let rev = revision::Entity::find_by_id(pending.unwrap_or_default())
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            apply(
                &mut am,
                &checked_of_revision(&rev),
                rev.image_key.clone(),
                &rev.files,
            );
            am.pending_revision_id = Set(None);
            am.review_note = Set(None);
            ("content.published", "انتشار ویرایش")
        }
        (Transition::Reject, ContentState::Review) => {
            am.state = Set(ContentState::Draft.as_str().into());
            am.review_note = Set(Some(note.trim().to_string()).filter(|n| !n.is_empty()));
            ("content.rejected", "بازگرداندن به پیش‌نویس")
        }
        (Transition::Reject, ContentState::Published) if pending.is_some() => {
            // Turned down: its own files stay the keepers' until it is removed.
            revision::Entity::update_many()
                .col_expr(revision::Column::RejectedAt, Expr::value(now))
                .filter(revision::Column::Id.eq(pending.unwrap_or_default()))
                .exec(&txn)
                .await?;
            am.pending_revision_id = Set(None);
            am.review_note = Set(Some(note.trim().to_string()).filter(|n| !n.is_empty()));
            ("content.rejected", "نپذیرفتن ویرایش")
        }
        (Transition::Archive, ContentState::Published) => {
            am.state = Set(ContentState::Archived.as_str().into());
            ("content.archived", "بایگانی")
        }
        (Transition::Reopen, ContentState::Archived) => {
            am.state = Set(ContentState::Draft.as_str().into());
            ("content.reopened", "بازگشت به پیش‌نویس")
        }
        _ => return refuse("این کار در وضعیت کنونی این مورد ممکن نیست."),
    };
    am.updated_at = Set(now);
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            action,
            format!("{}: {} — {summary}", kind.label(), current.title),
        )
        .section(kind.section_key())
        .target("content", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, kind.section_key()).await;
    Ok(())
}

/// Makes revision `number` the working copy again (itself a new revision).
pub async fn restore(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    number: i32,
) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let current = load(&txn, id).await?;
    let kind = kind_of(&current)?;
    let r = rights(&txn, acting, kind).await?;
    let actor = acting.signed_in()?;
    let old = revision::Entity::find()
        .filter(revision::Column::ItemId.eq(id))
        .filter(revision::Column::Number.eq(number))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut c = checked_of_revision(&old);
    // A topic deleted since that revision is dropped, not restored.
    if let Some(t) = c.topic_id {
        if content_topic::Entity::find_by_id(t)
            .one(&txn)
            .await?
            .is_none()
        {
            c.topic_id = None;
        }
    }
    let waits = state_of(&current) == ContentState::Published && !r.publish;
    let rev = save_revision(
        &txn,
        id,
        &c,
        old.image_key.clone(),
        &files::keys(&old.files),
        Some(actor.user_id),
        &format!(
            "بازگردانی نسخه‌ی {}",
            crate::persian::to_persian_digits(&number.to_string())
        ),
    )
    .await?;
    let mut am: item::ActiveModel = current.clone().into();
    if waits {
        am.pending_revision_id = Set(Some(rev.id));
        narrow_at_once(&mut am, &c, &current);
    } else {
        apply(&mut am, &c, old.image_key.clone(), &old.files);
        am.pending_revision_id = Set(None);
    }
    am.updated_by = Set(Some(actor.user_id));
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "content.restored",
            format!(
                "{}: {} — بازگردانی نسخه‌ی {number}",
                kind.label(),
                current.title
            ),
        )
        .section(kind.section_key())
        .target("content", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The staff side: lists, the editor, revisions

pub async fn staff_list(
    db: &DatabaseConnection,
    views: &Views,
    acting: &Acting,
    kind: ContentKind,
    state: Option<ContentState>,
) -> AppResult<Vec<StaffContentRow>> {
    rights(db, acting, kind).await?;
    let mut q = item::Entity::find().filter(item::Column::Kind.eq(kind.as_str()));
    if let Some(s) = state {
        q = q.filter(item::Column::State.eq(s.as_str()));
    }
    let _reading = views.reading().await;
    let rows = q
        .order_by_desc(item::Column::UpdatedAt)
        .limit(500)
        .all(db)
        .await?;
    let now = Utc::now();
    Ok(rows
        .iter()
        .map(|m| staff_row(m, views, kind, now))
        .collect())
}

/// A row of the staff's lists; its view figure is read under [`Views::reading`].
fn staff_row(
    m: &item::Model,
    views: &Views,
    kind: ContentKind,
    now: DateTime<Utc>,
) -> StaffContentRow {
    StaffContentRow {
        id: m.id,
        kind,
        title: m.title.clone(),
        state: state_of(m),
        pending_edit: m.pending_revision_id.is_some(),
        visible_now: visible(m, now),
        publish_at: m.publish_at.map(|t| t.timestamp()),
        updated_at: m.updated_at.timestamp(),
        views: views.figure(m.id, m.view_count),
        is_sample: m.is_sample,
    }
}

/// What waits for review in the sections this person may publish: items in review and
/// pending edits of published items.
pub async fn review_queue(
    db: &DatabaseConnection,
    views: &Views,
    acting: &Acting,
) -> AppResult<Vec<StaffContentRow>> {
    acting.signed_in()?;
    let now = Utc::now();
    let mut out = Vec::new();
    for kind in ContentKind::ALL {
        let Ok(r) = rights(db, acting, kind).await else {
            continue;
        };
        if !r.publish {
            continue;
        }
        let _reading = views.reading().await;
        let rows = item::Entity::find()
            .filter(item::Column::Kind.eq(kind.as_str()))
            .filter(
                Condition::any()
                    .add(item::Column::State.eq(ContentState::Review.as_str()))
                    .add(item::Column::PendingRevisionId.is_not_null()),
            )
            .order_by_asc(item::Column::UpdatedAt)
            .all(db)
            .await?;
        out.extend(rows.iter().map(|m| staff_row(m, views, kind, now)));
    }
    Ok(out)
}

/// The active staff (administrator, custodians, experts) by name: what a staff-member
/// field offers.
pub async fn staff_members<C: ConnectionTrait>(db: &C) -> AppResult<Vec<Topic>> {
    use crate::server::entities::{custodian_appointment, expert_assignment};
    let mut ids: std::collections::BTreeSet<i32> = custodian_appointment::Entity::find()
        .filter(custodian_appointment::Column::Status.eq("appointed"))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.user_id)
        .collect();
    ids.extend(
        expert_assignment::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|a| a.user_id),
    );
    let mut out: Vec<Topic> = user::Entity::find()
        .filter(user::Column::Status.eq("approved"))
        .all(db)
        .await?
        .into_iter()
        .filter(|u| u.is_admin || ids.contains(&u.id))
        .map(|u| Topic {
            id: u.id,
            title: u.full_name,
        })
        .collect();
    out.sort_by(|a, b| a.title.cmp(&b.title));
    Ok(out)
}

async fn staff_if_asked<C: ConnectionTrait>(db: &C, kind: ContentKind) -> AppResult<Vec<Topic>> {
    if kind
        .fields()
        .iter()
        .any(|f| f.input == FieldInput::StaffMember)
    {
        staff_members(db).await
    } else {
        Ok(vec![])
    }
}

/// The staff list plus whoever a staff-member field of the item names now, if they have
/// left the staff (so the editor keeps them rather than silently picking someone else).
async fn with_current_staff<C: ConnectionTrait>(
    db: &C,
    kind: ContentKind,
    mut staff: Vec<Topic>,
    fields_json: &str,
) -> AppResult<Vec<Topic>> {
    let fields: BTreeMap<String, String> = serde_json::from_str(fields_json).unwrap_or_default();
    for spec in kind.fields() {
        if spec.input != FieldInput::StaffMember {
            continue;
        }
        let Some(id) = fields.get(spec.key).and_then(|v| v.parse::<i32>().ok()) else {
            continue;
        };
        if staff.iter().any(|t| t.id == id) {
            continue;
        }
        if let Some(u) = user::Entity::find_by_id(id).one(db).await? {
            staff.push(Topic {
                id,
                title: u.full_name,
            });
        }
    }
    Ok(staff)
}

/// Recomputes every item's searchable text (the migration that added it; safe to rerun).
/// Reads only the columns it needs, so it runs on the schema of that migration whatever
/// columns later ones add.
pub async fn fill_search_text<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    type Row = (i32, String, String, String, String, Option<String>);
    let rows: Vec<Row> = item::Entity::find()
        .select_only()
        .columns([
            item::Column::Id,
            item::Column::Title,
            item::Column::Summary,
            item::Column::Body,
            item::Column::Fields,
            item::Column::RefNumber,
        ])
        .into_tuple()
        .all(db)
        .await?;
    for (id, title, summary, body, fields, ref_number) in rows {
        let fields = serde_json::from_str(&fields).unwrap_or_default();
        let text = search_text_of(&title, &summary, &body, &fields, ref_number.as_deref());
        item::Entity::update_many()
            .col_expr(item::Column::SearchText, Expr::value(text))
            .filter(item::Column::Id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}

async fn topics_of<C: ConnectionTrait>(db: &C, kind: ContentKind) -> AppResult<Vec<Topic>> {
    Ok(content_topic::Entity::find()
        .filter(content_topic::Column::Kind.eq(kind.as_str()))
        .order_by_asc(content_topic::Column::SortOrder)
        .order_by_asc(content_topic::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| Topic {
            id: t.id,
            title: t.title,
        })
        .collect())
}

fn field_values(
    kind: ContentKind,
    fields_json: &str,
    subkind: &Option<String>,
    ref_number: &Option<String>,
    ref_date: Option<DateTime<Utc>>,
) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = serde_json::from_str(fields_json).unwrap_or_default();
    for spec in kind.fields() {
        let shown = match spec.key {
            "subkind" => subkind.clone(),
            "ref_number" => ref_number.clone(),
            "ref_date" => ref_date.map(|t| show_moment(t, spec.input == FieldInput::DateTime)),
            k => match spec.input {
                FieldInput::Date | FieldInput::DateTime => out
                    .get(k)
                    .and_then(|v| v.parse::<i64>().ok())
                    .map(|t| show_moment(instant(t), spec.input == FieldInput::DateTime)),
                _ => None,
            },
        };
        if let Some(v) = shown {
            out.insert(spec.key.to_string(), v);
        }
    }
    out
}

/// The editor: the working copy (a pending edit if there is one), the kind's topics, what
/// this person may do, the attachments.
pub async fn editor(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<ContentEditor> {
    let m = load(db, id).await?;
    let kind = kind_of(&m)?;
    let r = rights(db, acting, kind).await?;
    let pending = match m.pending_revision_id {
        Some(p) => revision::Entity::find_by_id(p).one(db).await?,
        None => None,
    };
    // The working copy: the pending edit if there is one, else the item itself.
    let (c, image_key, carried) = match &pending {
        Some(p) => (
            checked_of_revision(p),
            p.image_key.clone(),
            files::keys(&p.files),
        ),
        None => (
            checked_of_item(&m),
            m.image_key.clone(),
            files::keys(&m.files),
        ),
    };
    let attachments = attachment::for_owners(db, ATTACHMENT_OWNER, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default()
        .into_iter()
        .filter(|a| carried.contains(&a.key))
        .collect();
    Ok(ContentEditor {
        id: Some(id),
        kind,
        state: state_of(&m),
        fields: field_values(kind, &c.fields, &c.subkind, &c.ref_number, c.ref_date),
        title: c.title,
        summary: c.summary,
        body: c.body,
        topic_id: c.topic_id,
        sort_order: c.sort_order,
        image_key,
        publish_at: m
            .publish_at
            .map(|t| show_moment(t, true))
            .unwrap_or_default(),
        unpublish_at: m
            .unpublish_at
            .map(|t| show_moment(t, true))
            .unwrap_or_default(),
        topics: topics_of(db, kind).await?,
        staff: with_current_staff(db, kind, staff_if_asked(db, kind).await?, &c.fields).await?,
        attachments,
        may_publish: r.publish,
        pending_edit: pending.is_some(),
        review_note: m.review_note.clone(),
        public_href: visible(&m, Utc::now())
            .then(|| format!("{}/{}/{}", kind.path(), m.id, m.slug)),
        is_sample: m.is_sample,
    })
}

/// An empty editor for a new item of `kind`.
pub async fn new_editor(
    db: &DatabaseConnection,
    acting: &Acting,
    kind: ContentKind,
) -> AppResult<ContentEditor> {
    let r = rights(db, acting, kind).await?;
    let actor = acting.signed_in()?;
    // A staff-member field starts on whoever writes; visibility starts public.
    let fields: BTreeMap<String, String> = kind
        .fields()
        .iter()
        .filter_map(|f| match f.input {
            FieldInput::StaffMember => Some((f.key.to_string(), actor.user_id.to_string())),
            _ if f.key == "visibility" => Some((f.key.to_string(), "public".to_string())),
            _ => None,
        })
        .collect();
    Ok(ContentEditor {
        id: None,
        kind,
        state: ContentState::Draft,
        title: String::new(),
        summary: String::new(),
        body: String::new(),
        fields,
        topic_id: None,
        sort_order: 0,
        image_key: None,
        publish_at: String::new(),
        unpublish_at: String::new(),
        topics: topics_of(db, kind).await?,
        staff: staff_if_asked(db, kind).await?,
        attachments: vec![],
        may_publish: r.publish,
        pending_edit: false,
        review_note: None,
        public_href: None,
        is_sample: false,
    })
}

pub async fn revisions(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<Vec<RevisionRow>> {
    let m = load(db, id).await?;
    rights(db, acting, kind_of(&m)?).await?;
    let rows = revision::Entity::find()
        .filter(revision::Column::ItemId.eq(id))
        .order_by_desc(revision::Column::Number)
        .all(db)
        .await?;
    let authors: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.author_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.full_name))
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| RevisionRow {
            number: r.number,
            title: r.title,
            note: r.note,
            author: r
                .author_id
                .and_then(|a| authors.get(&a).cloned())
                .unwrap_or_default(),
            at: r.created_at.timestamp(),
            pending: m.pending_revision_id == Some(r.id),
        })
        .collect())
}

/// Word-level differences between two texts.
pub fn diff_words(old: &str, new: &str) -> Vec<DiffPart> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => 0,
            ChangeTag::Delete => -1,
            ChangeTag::Insert => 1,
        };
        match out.last_mut() {
            Some(last) if last.change == tag => last.text.push_str(change.value()),
            _ => out.push(DiffPart {
                change: tag,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

fn revision_text(kind: ContentKind, r: &revision::Model) -> String {
    let mut s = format!("{}\n{}\n", r.title, r.summary);
    for (k, v) in field_values(kind, &r.fields, &r.subkind, &r.ref_number, r.ref_date) {
        let label = kind
            .fields()
            .iter()
            .find(|f| f.key == k)
            .map(|f| f.label)
            .unwrap_or("");
        s.push_str(&format!("{label}: {v}\n"));
    }
    s.push_str(&plain_text(&r.body));
    s
}

/// The readable difference between revisions `a` and `b` of an item.
pub async fn compare(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
    a: i32,
    b: i32,
) -> AppResult<RevisionCompare> {
    let m = load(db, id).await?;
    let kind = kind_of(&m)?;
    rights(db, acting, kind).await?;
    let get = |n: i32| async move {
        revision::Entity::find()
            .filter(revision::Column::ItemId.eq(id))
            .filter(revision::Column::Number.eq(n))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)
    };
    let (ra, rb) = (get(a).await?, get(b).await?);
    Ok(RevisionCompare {
        item_title: m.title.clone(),
        a,
        b,
        parts: diff_words(&revision_text(kind, &ra), &revision_text(kind, &rb)),
    })
}

// ---------------------------------------------------------------------------------------
// The public side

/// Whether an item is public at `now`: published, its publish time come, its unpublish
/// time not yet.
pub fn visible(m: &item::Model, now: DateTime<Utc>) -> bool {
    m.state == ContentState::Published.as_str()
        && m.publish_at.is_none_or(|t| t <= now)
        && m.unpublish_at.is_none_or(|t| t > now)
}

/// The widest visibility `acting` may read: staff read everything, signed-in users what is
/// public or for registered users, everyone else what is public.
pub fn audience(acting: &Acting) -> Visibility {
    match &acting.actor {
        Some(a) if a.is_staff() => Visibility::Staff,
        Some(_) => Visibility::Registered,
        None => Visibility::Public,
    }
}

fn readable(m: &item::Model, now: DateTime<Utc>, audience: Visibility) -> bool {
    visible(m, now) && Visibility::parse(&m.visibility) <= audience
}

pub(crate) fn visible_condition(now: DateTime<Utc>, audience: Visibility) -> Condition {
    Condition::all()
        .add(item::Column::Visibility.is_in(audience.readable()))
        .add(item::Column::State.eq(ContentState::Published.as_str()))
        .add(
            Condition::any()
                .add(item::Column::PublishAt.is_null())
                .add(item::Column::PublishAt.lte(now)),
        )
        .add(
            Condition::any()
                .add(item::Column::UnpublishAt.is_null())
                .add(item::Column::UnpublishAt.gt(now)),
        )
}

pub(crate) fn card(
    m: &item::Model,
    kind: ContentKind,
    topics: &HashMap<i32, String>,
) -> ContentCard {
    let url = serde_json::from_str::<BTreeMap<String, String>>(&m.fields)
        .ok()
        .and_then(|f| f.get("url").cloned());
    ContentCard {
        id: m.id,
        kind,
        slug: m.slug.clone(),
        title: m.title.clone(),
        summary: m.summary.clone(),
        published_at: m
            .published_at
            .map(|p| m.publish_at.map_or(p, |s| s.max(p)))
            .unwrap_or(m.created_at)
            .timestamp(),
        topic: m.topic_id.and_then(|t| topics.get(&t).cloned()),
        subkind: m.subkind.clone(),
        ref_number: m.ref_number.clone(),
        ref_date: m.ref_date.map(|t| t.timestamp()),
        image_key: m.image_key.clone(),
        is_sample: m.is_sample,
        url,
        body_html: (kind == ContentKind::Faq).then(|| m.body.clone()),
        visibility: Visibility::parse(&m.visibility),
    }
}

pub(crate) async fn topic_titles<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<i32, String>> {
    Ok(content_topic::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect())
}

/// The filters of a public list.
#[derive(Clone, Debug, Default)]
pub struct ListFilter {
    pub topic: Option<i32>,
    pub subkind: Option<String>,
    /// A Jalali year (of the reference date for laws, of publication for the rest).
    pub year: Option<i32>,
    pub month: Option<u8>,
    /// `old` for oldest first; newest first otherwise.
    pub sort: Option<String>,
    /// Tenders: only those still open (deadline ahead).
    pub open_only: bool,
    /// Events: only those still ahead.
    pub upcoming_only: bool,
    pub page: u64,
    pub per_page: Option<u64>,
    /// Words to find in the title, summary, text or fields (normalized; every word must
    /// be there).
    pub q: Option<String>,
    /// Research projects: one executor.
    pub executor: Option<String>,
}

fn jalali_year_bounds(year: i32, month: Option<u8>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start_month = month.unwrap_or(1);
    let start = JalaliDate::new(year, start_month, 1).ok()?;
    let end = match month {
        Some(12) | None => JalaliDate::new(year + 1, 1, 1).ok()?,
        Some(m) => JalaliDate::new(year, m + 1, 1).ok()?,
    };
    let at = |d: JalaliDate| {
        instant(
            JalaliDateTime {
                date: d,
                hour: 0,
                minute: 0,
                second: 0,
            }
            .to_unix(),
        )
    };
    Some((at(start), at(end)))
}

pub async fn public_list(
    db: &DatabaseConnection,
    kind: ContentKind,
    filter: &ListFilter,
    audience: Visibility,
    now: DateTime<Utc>,
) -> AppResult<ContentList> {
    let mut q = item::Entity::find()
        .filter(item::Column::Kind.eq(kind.as_str()))
        .filter(visible_condition(now, audience));
    if let Some(e) = filter.executor.as_ref().filter(|s| !s.is_empty()) {
        q = q.filter(item::Column::Executor.eq(e.as_str()));
    }
    if let Some(t) = filter.topic {
        q = q.filter(item::Column::TopicId.eq(t));
    }
    if let Some(s) = filter.subkind.as_ref().filter(|s| !s.is_empty()) {
        q = q.filter(item::Column::Subkind.eq(s.as_str()));
    }
    let date_col = if kind.dated_by_reference() {
        item::Column::RefDate
    } else {
        item::Column::PublishedAt
    };
    if let Some((from, to)) = filter
        .year
        .and_then(|y| jalali_year_bounds(y, filter.month))
    {
        q = q.filter(date_col.gte(from)).filter(date_col.lt(to));
    }
    if let Some(words) = &filter.q {
        let words: String = words.chars().take(100).collect();
        for word in crate::persian::text::normalize(&words)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(8)
        {
            // `%` and `_` in a word are matched as themselves.
            let escaped = word
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            q = q.filter(
                item::Column::SearchText.like(LikeExpr::new(format!("%{escaped}%")).escape('\\')),
            );
        }
    }
    if filter.open_only || filter.upcoming_only {
        q = q.filter(item::Column::RefDate.gt(now));
    }
    let oldest_first = filter.sort.as_deref() == Some("old");
    q = if kind.ordered_by_hand() {
        q.order_by_asc(item::Column::SortOrder)
            .order_by_asc(item::Column::Id)
    } else if kind == ContentKind::Event && filter.upcoming_only {
        q.order_by_asc(item::Column::RefDate)
    } else if oldest_first {
        q.order_by_asc(date_col).order_by_asc(item::Column::Id)
    } else {
        q.order_by_desc(date_col).order_by_desc(item::Column::Id)
    };
    let per_page = filter.per_page.unwrap_or(PER_PAGE).clamp(1, 100);
    let pages = q.paginate(db, per_page);
    let total = pages.num_items().await?;
    let page = filter.page.max(1);
    let rows = pages.fetch_page(page - 1).await?;
    let topics = topic_titles(db).await?;
    // Years with items, for the filter and the archive.
    let dates: Vec<Option<DateTime<Utc>>> = item::Entity::find()
        .select_only()
        .column(date_col)
        .filter(item::Column::Kind.eq(kind.as_str()))
        .filter(visible_condition(now, audience))
        .into_tuple()
        .all(db)
        .await?;
    let executors: Vec<String> = if kind.fields().iter().any(|f| f.key == "executor") {
        item::Entity::find()
            .select_only()
            .column(item::Column::Executor)
            .distinct()
            .filter(item::Column::Kind.eq(kind.as_str()))
            .filter(item::Column::Executor.is_not_null())
            .filter(visible_condition(now, audience))
            .order_by_asc(item::Column::Executor)
            .into_tuple::<Option<String>>()
            .all(db)
            .await?
            .into_iter()
            .flatten()
            .collect()
    } else {
        vec![]
    };
    let mut years: Vec<i32> = dates
        .into_iter()
        .flatten()
        .filter_map(|t| JalaliDateTime::from_unix(t.timestamp()).map(|j| j.date.year))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    Ok(ContentList {
        kind,
        items: rows.iter().map(|m| card(m, kind, &topics)).collect(),
        total,
        page,
        per_page,
        topics: topics_of(db, kind).await?,
        years,
        executors,
        now: now.timestamp(),
    })
}

/// A public item, if it is visible now to `audience`; counts the view (in memory).
pub async fn public_item(
    db: &DatabaseConnection,
    views: &Views,
    kind: ContentKind,
    id: i32,
    audience: Visibility,
    now: DateTime<Utc>,
) -> AppResult<PublicContent> {
    let reading = views.reading().await;
    let m = item::Entity::find_by_id(id)
        .filter(item::Column::Kind.eq(kind.as_str()))
        .filter(visible_condition(now, audience))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let views = views.count(m.id, m.view_count);
    drop(reading);
    let mut fields = field_values(kind, &m.fields, &m.subkind, &m.ref_number, m.ref_date);
    for spec in kind.fields() {
        if spec.input == FieldInput::StaffMember {
            // Shown by name; an account that is gone shows nothing rather than a number.
            let name = match fields.get(spec.key).and_then(|v| v.parse::<i32>().ok()) {
                Some(uid) => user::Entity::find_by_id(uid)
                    .one(db)
                    .await?
                    .map(|u| u.full_name),
                None => None,
            };
            match name {
                Some(n) => fields.insert(spec.key.to_string(), n),
                None => fields.remove(spec.key),
            };
        }
    }
    let topics = topic_titles(db).await?;
    // The files of the version the public reads (not those of an edit still in review).
    let given = files::keys(&m.files);
    let attachments: Vec<Attachment> = attachment::for_owners(db, ATTACHMENT_OWNER, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default()
        .into_iter()
        .filter(|a| given.contains(&a.key))
        .collect();
    let section_title = crate::server::entities::section::Entity::find_by_id(m.section_key.clone())
        .one(db)
        .await?
        .map(|s| s.title)
        .unwrap_or_default();
    Ok(PublicContent {
        card: card(&m, kind, &topics),
        body_html: m.body.clone(),
        fields,
        attachments,
        section_title,
        updated_at: m.updated_at.timestamp(),
        views,
        views_filled_per_visit: false,
        description: if m.summary.is_empty() {
            plain_text(&m.body).chars().take(160).collect()
        } else {
            m.summary.clone()
        },
        public_url: crate::server::services::outbox::public_url().to_string(),
        now: now.timestamp(),
    })
}

/// Whether this request may download the content attachment `key` of item `item_id`: a
/// file of the version the public reads (or its main image) goes to whoever may read the
/// item now; any other (of an edit in review or turned down, or removed by an edit), and
/// every file of an item not readable, only to its section's custodians and the
/// administrator. Returns whether it is public to everyone.
pub async fn may_download(
    db: &DatabaseConnection,
    acting: &Acting,
    item_id: i32,
    key: &str,
) -> AppResult<bool> {
    let m = load(db, item_id).await?;
    let now = Utc::now();
    if files::is_live(&m, key) && readable(&m, now, audience(acting)) {
        return Ok(readable(&m, now, Visibility::Public));
    }
    match rights(db, acting, kind_of(&m)?).await {
        Ok(_) => Ok(false),
        Err(_) => Err(AppError::NotFound),
    }
}

/// Every public item's address and last change, for `sitemap.xml`.
pub async fn sitemap(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<Vec<(String, i64)>> {
    Ok(item::Entity::find()
        .filter(visible_condition(now, Visibility::Public))
        .order_by_asc(item::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|m| {
            let kind = ContentKind::parse(&m.kind)?;
            (!kind.ordered_by_hand()).then(|| {
                (
                    format!("{}/{}/{}", kind.path(), m.id, m.slug),
                    m.updated_at.timestamp(),
                )
            })
        })
        .collect())
}

/// The public `link` items in their set order: the footer's related sites.
pub async fn related_links(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> AppResult<Vec<RelatedSite>> {
    Ok(item::Entity::find()
        .filter(item::Column::Kind.eq(ContentKind::Link.as_str()))
        .filter(visible_condition(now, Visibility::Public))
        .order_by_asc(item::Column::SortOrder)
        .order_by_asc(item::Column::Id)
        .all(db)
        .await?
        .iter()
        .filter_map(|m| {
            let c = card(m, ContentKind::Link, &HashMap::new());
            Some(RelatedSite {
                url: c.url?,
                title: c.title,
                is_sample: c.is_sample,
            })
        })
        .collect())
}

/// The latest items of `kind` public to everyone, with their text, for a feed (feeds are
/// read anonymously: an item for registered users or staff is never in one).
pub async fn feed(
    db: &DatabaseConnection,
    kind: ContentKind,
    now: DateTime<Utc>,
) -> AppResult<Vec<(ContentCard, String)>> {
    let rows = item::Entity::find()
        .filter(item::Column::Kind.eq(kind.as_str()))
        .filter(visible_condition(now, Visibility::Public))
        .order_by_desc(item::Column::PublishedAt)
        .order_by_desc(item::Column::Id)
        .limit(30)
        .all(db)
        .await?;
    let topics = topic_titles(db).await?;
    Ok(rows
        .iter()
        .map(|m| (card(m, kind, &topics), m.body.clone()))
        .collect())
}

// ---------------------------------------------------------------------------------------
// Demo content (marked as sample everywhere it shows)

/// One demo item.
pub struct Sample<'a> {
    pub kind: ContentKind,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub fields: &'a [(&'a str, &'a str)],
    pub subkind: Option<&'a str>,
    pub ref_number: Option<&'a str>,
    pub ref_date: Option<DateTime<Utc>>,
    pub topic: Option<&'a str>,
    pub sort_order: i32,
    /// How long ago it was published.
    pub age_days: i64,
    /// A knowledge item's author (an account id), set when the demo is loaded.
    pub author: Option<i32>,
}

/// Inserts a published sample item with its first revision.
pub async fn insert_sample<C: ConnectionTrait>(db: &C, s: &Sample<'_>) -> AppResult<()> {
    let topic_id = match s.topic {
        Some(t) => content_topic::Entity::find()
            .filter(content_topic::Column::Kind.eq(s.kind.as_str()))
            .filter(content_topic::Column::Title.eq(t))
            .one(db)
            .await?
            .map(|t| t.id),
        None => None,
    };
    let mut fields: BTreeMap<String, String> = s
        .fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if let Some(a) = s.author {
        fields.insert("author".into(), a.to_string());
    }
    // Other dates are written as the editor takes them (Jalali) and stored as it stores them.
    for spec in s.kind.fields() {
        if matches!(spec.input, FieldInput::Date | FieldInput::DateTime) {
            if let Some(v) = fields.get_mut(spec.key) {
                *v = parse_moment(spec.label, v, spec.input == FieldInput::DateTime)?
                    .timestamp()
                    .to_string();
            }
        }
    }
    let fields = serde_json::to_string(&fields).unwrap_or_else(|_| "{}".into());
    let at = Utc::now() - chrono::Duration::days(s.age_days);
    let c = Checked {
        title: s.title.to_string(),
        summary: s.summary.to_string(),
        body: sanitize(s.body),
        fields,
        topic_id,
        subkind: s.subkind.map(str::to_string),
        ref_number: s.ref_number.map(str::to_string),
        ref_date: s.ref_date,
        sort_order: s.sort_order,
        publish_at: None,
        unpublish_at: None,
    };
    let mut am = new_item(s.kind, &c, None, at);
    am.state = Set(ContentState::Published.as_str().to_string());
    am.published_at = Set(Some(at));
    am.is_sample = Set(true);
    let row = am.insert(db).await?;
    save_revision(db, row.id, &c, None, &[], None, "نمونه‌ی نمایشی").await?;
    Ok(())
}

/// The kinds that already have sample content (a kind added later gets its samples on the
/// next demo load; the others are left alone).
pub async fn kinds_with_samples<C: ConnectionTrait>(
    db: &C,
) -> AppResult<std::collections::HashSet<String>> {
    Ok(item::Entity::find()
        .select_only()
        .column(item::Column::Kind)
        .distinct()
        .filter(item::Column::IsSample.eq(true))
        .into_tuple::<String>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_persian_words() {
        assert_eq!(slugify("افتتاح سد  کوچری!"), "افتتاح-سد-کوچری");
        assert_eq!(slugify("<script>"), "script");
        assert_eq!(slugify("؟؟"), "item");
    }

    #[test]
    fn sanitizing_keeps_structure_and_drops_scripts() {
        let s = sanitize(
            r#"<h2 onclick="x()">عنوان</h2><script>alert(1)</script><p style="color:red">متن <a href="javascript:alert(1)">بد</a> <a href="https://qmrw.ir">خوب</a></p><img src=x onerror=alert(1)><table><tr><td>۱</td></tr></table><iframe src="https://evil"></iframe>"#,
        );
        assert!(s.contains("<h2>عنوان</h2>"), "{s}");
        assert!(
            !s.contains("script") && !s.contains("onclick") && !s.contains("onerror"),
            "{s}"
        );
        assert!(
            !s.contains("javascript") && !s.contains("iframe") && !s.contains("style"),
            "{s}"
        );
        assert!(
            s.contains(r#"<a href="https://qmrw.ir" rel="noopener noreferrer">خوب</a>"#),
            "{s}"
        );
        assert!(s.contains("<td>۱</td>"), "{s}");
    }

    #[test]
    fn every_image_gets_a_text_alternative() {
        assert_eq!(
            sanitize(r#"<p><img src="/files/a"><img alt="سد" src="/files/b"></p>"#),
            r#"<p><img alt="" src="/files/a"><img alt="سد" src="/files/b"></p>"#
        );
        // A text alternative after other attributes is found; nothing is added twice.
        assert_eq!(
            sanitize(r#"<img src="/x?a=1>2" alt="بند">"#),
            r#"<img src="/x?a=1&gt;2" alt="بند">"#
        );
        assert_eq!(
            with_alt(r#"<img src="a>b" alt="c">"#),
            r#"<img src="a>b" alt="c">"#
        );
    }

    #[test]
    fn plain_text_and_word_diffs() {
        assert_eq!(
            plain_text("<p>یک &amp; دو</p><ul><li>سه</li></ul>"),
            "یک & دو\nسه"
        );
        let d = diff_words("سد کوچری پر شد", "سد کوچری نیمه پر شد");
        assert!(d.iter().any(|p| p.change == 1 && p.text.contains("نیمه")));
        assert!(d.iter().all(|p| p.change != -1));
    }
}
