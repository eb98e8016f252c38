//! Content: the public lists and pages of every kind, and the custodians' editor, workflow,
//! revisions and review queue.
// The list takes one argument per filter: the list page's address maps onto them one to one
// (the macro also generates the browser's caller with the same arguments).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{
    ContentEditor, ContentList, PublicContent, RevisionCompare, RevisionRow, SearchResults,
    StaffContentRow,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos::server_fn::ServerFn;

#[cfg(feature = "ssr")]
fn kind(s: &str) -> Result<crate::model::ContentKind, AppError> {
    crate::model::ContentKind::parse(s).ok_or(AppError::NotFound)
}

/// A public list. `topic`, `subkind`, `year`, `month`, `sort` (`old`), `open` (tenders,
/// research calls), `upcoming` (events), `page`, `q` (words), `executor` (research): as in
/// the list page's address. Items for registered users or staff are listed only to them.
#[server(endpoint = "content/list")]
pub async fn get_content_list(
    kind_key: String,
    #[server(default)] topic: String,
    #[server(default)] subkind: String,
    #[server(default)] year: String,
    #[server(default)] month: String,
    #[server(default)] sort: String,
    #[server(default)] open: String,
    #[server(default)] upcoming: String,
    #[server(default)] page: String,
    #[server(default)] per_page: String,
    #[server(default)] q: String,
    #[server(default)] executor: String,
) -> Result<ContentList, AppError> {
    use crate::server::services::content::{self, ListFilter};
    let (db, acting) = super::ctx().await?;
    let num = |s: &str| {
        crate::persian::normalize_digits(s)
            .trim()
            .parse::<i64>()
            .ok()
    };
    let filter = ListFilter {
        topic: num(&topic).map(|t| t as i32),
        subkind: Some(subkind).filter(|s| !s.is_empty()),
        year: num(&year).map(|y| y as i32),
        month: num(&month)
            .filter(|m| (1..=12).contains(m))
            .map(|m| m as u8),
        sort: Some(sort).filter(|s| !s.is_empty()),
        open_only: !open.is_empty(),
        upcoming_only: !upcoming.is_empty(),
        page: num(&page).unwrap_or(1).max(1) as u64,
        per_page: num(&per_page).map(|p| p as u64),
        q: Some(q.trim().to_string()).filter(|q| !q.is_empty()),
        executor: Some(executor.trim().to_string()).filter(|e| !e.is_empty()),
    };
    let audience = content::audience(&acting);
    content::public_list(&db, kind(&kind_key)?, &filter, audience, chrono::Utc::now()).await
}

/// The site search: `q` (words), `section` (a content kind's key, `offices` or `pages`;
/// empty for all), `from` and `to` (Jalali dates of publication, inclusive), `page`.
/// Content for registered users or staff is found only by them.
#[server(endpoint = "search")]
pub async fn site_search(
    q: String,
    #[server(default)] section: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] page: String,
) -> Result<SearchResults, AppError> {
    use crate::persian::jalali::{JalaliDate, JalaliDateTime};
    use crate::server::services::{content, search};
    let (db, acting) = super::ctx().await?;
    let scope = crate::model::SearchScope::parse(section.trim())
        .ok_or_else(|| AppError::validation("بخش", "بخشی با این نام در جست‌وجو نیست."))?;
    // The start of a Jalali day in Tehran, `days` days after `s`.
    let day = |s: &str,
               field: &str,
               days: i64|
     -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
        if s.trim().is_empty() {
            return Ok(None);
        }
        let d = JalaliDate::parse(s).map_err(|e| AppError::validation(field, e.message()))?;
        let d = JalaliDate::from_unix_days(d.to_unix_days() + days)
            .ok_or_else(|| AppError::validation(field, "تاریخ بیرون از بازه‌ی پذیرفتنی است."))?;
        let at = JalaliDateTime {
            date: d,
            hour: 0,
            minute: 0,
            second: 0,
        }
        .to_unix();
        Ok(chrono::DateTime::from_timestamp(at, 0))
    };
    let from = day(&from, "از تاریخ", 0)?;
    let until = day(&to, "تا تاریخ", 1)?;
    if let (Some(f), Some(u)) = (from, until) {
        if u <= f {
            return Err(AppError::validation(
                "تا تاریخ",
                "باید همان روز «از تاریخ» یا پس از آن باشد.",
            ));
        }
    }
    let page = crate::persian::normalize_digits(&page)
        .trim()
        .parse::<u64>()
        .unwrap_or(1)
        .clamp(1, 1000);
    let query = search::Query {
        q: &q,
        scope,
        from,
        until,
        page,
    };
    let now = chrono::Utc::now();
    let results = search::search(&db, &query, content::audience(&acting), now).await?;
    // The analytics count a search (its first page) by a browser that returned the visitor
    // cookie, which the counting middleware gives only to what is not a crawler.
    let recorder = use_context::<std::sync::Arc<crate::server::services::visitors::Recorder>>();
    let visitor = use_context::<http::request::Parts>().and_then(|p| {
        p.extensions
            .get::<crate::server::services::visitors::Returning>()
            .map(|r| r.0.clone())
    });
    if let (Some(recorder), Some(visitor), 1) = (recorder, visitor, page) {
        recorder.search(&visitor, &search::words(&q), now.timestamp());
    }
    Ok(results)
}

#[server(endpoint = "content/item")]
pub async fn get_content_item(kind_key: String, id: i32) -> Result<PublicContent, AppError> {
    use crate::server::services::content;
    let (db, acting) = super::ctx().await?;
    let audience = content::audience(&acting);
    let views = super::views()?;
    let mut item = content::public_item(
        &db,
        &views,
        kind(&kind_key)?,
        id,
        audience,
        chrono::Utc::now(),
    )
    .await?;
    item.views_filled_per_visit = crate::server::auth::rendered_for_cache();
    Ok(item)
}

#[server(endpoint = "staff/content")]
pub async fn staff_content(
    kind_key: String,
    #[server(default)] state: String,
) -> Result<Vec<StaffContentRow>, AppError> {
    let (db, acting) = super::ctx().await?;
    let state = crate::model::ContentState::parse(&state);
    let views = super::views()?;
    crate::server::services::content::staff_list(&db, &views, &acting, kind(&kind_key)?, state)
        .await
}

#[server(endpoint = "staff/content/review-queue")]
pub async fn review_queue() -> Result<Vec<StaffContentRow>, AppError> {
    let (db, acting) = super::ctx().await?;
    let views = super::views()?;
    crate::server::services::content::review_queue(&db, &views, &acting).await
}

/// The editor of item `id`, or (with `id` 0) an empty one for a new item of `kind_key`.
#[server(endpoint = "staff/content/editor")]
pub async fn get_content_editor(kind_key: String, id: i32) -> Result<ContentEditor, AppError> {
    let (db, acting) = super::ctx().await?;
    if id == 0 {
        crate::server::services::content::new_editor(&db, &acting, kind(&kind_key)?).await
    } else {
        crate::server::services::content::editor(&db, &acting, id).await
    }
}

/// Saves the editor (a multipart form: `kind`, `id` (empty for new), `title`, `summary`,
/// `body`, `topic`, `sort_order`, `publish_at`, `unpublish_at`, `f_<field>` for the kind's
/// fields, files in `attachments` and `image`, and a `remove_file` per attached file the
/// edit leaves out). Goes back to the item's editor page.
#[server(endpoint = "staff/content/save", input = MultipartFormData)]
pub async fn save_content(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::content::{self, Draft, Files};
    let (db, acting) = super::ctx().await?;
    acting.signed_in()?;
    let store = super::store()?;
    let mut form = super::multipart::read(data, &content::FILES).await?;
    let kind = kind(&form.take("kind"))?;
    let id: Option<i32> = form.take("id").trim().parse().ok();
    let mut fields = std::collections::BTreeMap::new();
    for spec in kind.fields() {
        fields.insert(spec.key.to_string(), form.take(&format!("f_{}", spec.key)));
    }
    let draft = Draft {
        title: form.take("title"),
        summary: form.take("summary"),
        body: form.take("body"),
        fields,
        topic_id: form.take("topic").trim().parse().ok(),
        sort_order: form.take("sort_order"),
        publish_at: form.take("publish_at"),
        unpublish_at: form.take("unpublish_at"),
        remove_files: form.take_all("remove_file"),
    };
    let (image, attachments): (Vec<_>, Vec<_>) =
        form.files.into_iter().partition(|f| f.field == "image");
    let files = Files {
        store: &store,
        attachments,
        image,
    };
    // Either way back to the item's editor, which says it was saved and shows the version
    // just saved (its files included).
    let id = match id {
        Some(id) => {
            content::update(&db, &acting, id, &draft, Some(files)).await?;
            id
        }
        None => content::create(&db, &acting, kind, &draft, Some(files)).await?,
    };
    leptos_axum::redirect(&format!("/staff/content/{id}?saved=1"));
    Ok(())
}

/// A workflow move: `to` is `submit`, `publish`, `reject`, `archive` or `reopen`.
#[server(endpoint = "staff/content/transition")]
pub async fn content_transition(
    id: i32,
    to: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    use crate::server::services::content::{self, Transition};
    let (db, acting) = super::ctx().await?;
    acting.signed_in()?;
    let to = Transition::parse(&to)
        .ok_or_else(|| AppError::validation("وضعیت", "این کار شناخته نیست."))?;
    content::transition(&db, &acting, id, to, &note).await
}

#[server(endpoint = "staff/content/revisions")]
pub async fn content_revisions(id: i32) -> Result<Vec<RevisionRow>, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::content::revisions(&db, &acting, id).await
}

#[server(endpoint = "staff/content/compare")]
pub async fn compare_revisions(id: i32, a: i32, b: i32) -> Result<RevisionCompare, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::content::compare(&db, &acting, id, a, b).await
}

#[server(endpoint = "staff/content/restore")]
pub async fn restore_revision(id: i32, number: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::content::restore(&db, &acting, id, number).await
}

/// The topics and categories of the kinds the signed-in custodian keeps.
#[server(endpoint = "staff/topics")]
pub async fn staff_topics() -> Result<Vec<crate::model::TopicGroup>, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::topics::for_staff(&db, &acting).await
}

/// Adds (no `id`) or renames and reorders a topic of `kind`.
#[server(endpoint = "staff/topics/save")]
pub async fn save_topic(
    kind: String,
    #[server(default)] id: String,
    title: String,
    #[server(default)] sort_order: String,
) -> Result<(), AppError> {
    use crate::server::services::topics::{self, TopicInput};
    let (db, acting) = super::ctx().await?;
    let input = TopicInput {
        kind,
        id: id.trim().parse().ok(),
        title,
        sort_order,
    };
    topics::save(&db, &acting, &input).await?;
    Ok(())
}

#[server(endpoint = "staff/topics/delete")]
pub async fn delete_topic(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::topics::delete(&db, &acting, id).await
}

/// The content server functions that take files.
pub const MULTIPART_PATHS: [&str; 1] = [SaveContent::PATH];
