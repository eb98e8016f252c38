//! The topics and categories of content kinds (law topics, news categories, FAQ categories):
//! data kept by each section's custodian (and the administrator), not code. A topic can be
//! renamed and reordered at any time; it can be deleted only while no item (nor an edit
//! waiting for review) uses it. Every change is audited.

use crate::error::{AppError, AppResult};
use crate::model::{ContentKind, TopicGroup, TopicRow};
use crate::server::entities::{content_item as item, content_revision as revision, content_topic};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

/// The highest display order a topic may have.
pub const MAX_ORDER: i32 = 999;

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

/// The kind, if it has topics at all and `acting` may keep its section's content.
async fn allowed<C: ConnectionTrait>(
    db: &C,
    acting: &Acting,
    kind: &str,
) -> AppResult<ContentKind> {
    let kind = ContentKind::parse(kind)
        .filter(|k| k.topic_label().is_some())
        .ok_or(AppError::NotFound)?;
    permission::authorize(db, acting, Action::EditContent, kind.section_key(), None).await?;
    Ok(kind)
}

/// Items (or edits waiting for review) that use the topic.
async fn uses<C: ConnectionTrait>(db: &C, topic_id: i32) -> AppResult<i64> {
    let items = item::Entity::find()
        .filter(item::Column::TopicId.eq(topic_id))
        .count(db)
        .await?;
    let pending: Vec<i32> = item::Entity::find()
        .select_only()
        .column(item::Column::PendingRevisionId)
        .filter(item::Column::PendingRevisionId.is_not_null())
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let edits = if pending.is_empty() {
        0
    } else {
        revision::Entity::find()
            .filter(revision::Column::Id.is_in(pending))
            .filter(revision::Column::TopicId.eq(topic_id))
            .count(db)
            .await?
    };
    Ok((items + edits) as i64)
}

/// The kinds with topics that `acting` keeps, each with its topics in display order.
pub async fn for_staff(db: &DatabaseConnection, acting: &Acting) -> AppResult<Vec<TopicGroup>> {
    acting.signed_in()?;
    let mut out = Vec::new();
    for kind in ContentKind::ALL {
        if kind.topic_label().is_none() || allowed(db, acting, kind.as_str()).await.is_err() {
            continue;
        }
        let mut topics = Vec::new();
        for t in content_topic::Entity::find()
            .filter(content_topic::Column::Kind.eq(kind.as_str()))
            .order_by_asc(content_topic::Column::SortOrder)
            .order_by_asc(content_topic::Column::Id)
            .all(db)
            .await?
        {
            topics.push(TopicRow {
                items: uses(db, t.id).await?,
                id: t.id,
                title: t.title,
                sort_order: t.sort_order,
            });
        }
        out.push(TopicGroup { kind, topics });
    }
    if out.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(out)
}

/// What the topic form sends.
#[derive(Clone, Debug, Default)]
pub struct TopicInput {
    pub kind: String,
    /// `None` adds a topic.
    pub id: Option<i32>,
    pub title: String,
    /// Any digit script; empty puts a new topic last and leaves an old one where it is.
    pub sort_order: String,
}

/// Adds or renames/reorders a topic; returns its id.
pub async fn save(db: &DatabaseConnection, acting: &Acting, input: &TopicInput) -> AppResult<i32> {
    let kind = allowed(db, acting, &input.kind).await?;
    let label = kind.topic_label().unwrap_or("موضوع");
    let title = crate::persian::text::collapse_spaces(&input.title);
    if !(2..=80).contains(&title.chars().count()) {
        return Err(invalid(label, "عنوان باید ۲ تا ۸۰ نویسه باشد."));
    }
    let order = match crate::persian::normalize_digits(input.sort_order.trim()).as_str() {
        "" => None,
        s => Some(
            s.parse::<i32>()
                .ok()
                .filter(|n| (0..=MAX_ORDER).contains(n))
                .ok_or_else(|| invalid("ترتیب", "ترتیب عددی از ۰ تا ۹۹۹ است."))?,
        ),
    };
    let txn = crate::server::db::write_txn(db).await?;
    let same_kind = content_topic::Column::Kind.eq(kind.as_str());
    let clash = content_topic::Entity::find()
        .filter(same_kind.clone())
        .filter(content_topic::Column::Title.eq(&title))
        .one(&txn)
        .await?
        .is_some_and(|t| Some(t.id) != input.id);
    if clash {
        return Err(invalid(label, format!("«{title}» پیش‌تر در این فهرست هست.")));
    }
    let (id, summary) = match input.id {
        Some(id) => {
            let t = content_topic::Entity::find_by_id(id)
                .one(&txn)
                .await?
                .filter(|t| t.kind == kind.as_str())
                .ok_or(AppError::NotFound)?;
            let summary = if t.title == title {
                format!("{}: {title}", kind.plural())
            } else {
                format!("{}: {} → {title}", kind.plural(), t.title)
            };
            let mut am: content_topic::ActiveModel = t.into();
            am.title = Set(title);
            if let Some(o) = order {
                am.sort_order = Set(o);
            }
            am.update(&txn).await?;
            (id, summary)
        }
        None => {
            let last = content_topic::Entity::find()
                .filter(same_kind)
                .order_by_desc(content_topic::Column::SortOrder)
                .one(&txn)
                .await?
                .map_or(0, |t| t.sort_order);
            let row = content_topic::ActiveModel {
                kind: Set(kind.as_str().to_string()),
                title: Set(title.clone()),
                sort_order: Set(order.unwrap_or((last + 1).min(MAX_ORDER))),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            (row.id, format!("{}: افزودن «{title}»", kind.plural()))
        }
    };
    audit::record(
        &txn,
        acting,
        Event::new("topic.saved", summary)
            .section(kind.section_key())
            .target("topic", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Deletes a topic no item uses.
pub async fn delete(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    acting.signed_in()?;
    let txn = crate::server::db::write_txn(db).await?;
    let t = content_topic::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = allowed(&txn, acting, &t.kind).await?;
    let n = uses(&txn, id).await?;
    if n > 0 {
        return Err(invalid(
            kind.topic_label().unwrap_or("موضوع"),
            format!(
                "«{}» را {} مورد دارند؛ نخست آن‌ها را به موضوع دیگری ببرید.",
                t.title,
                crate::persian::format_number(n)
            ),
        ));
    }
    content_topic::Entity::delete_by_id(id).exec(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("topic.deleted", format!("{}: {}", kind.plural(), t.title))
            .section(kind.section_key())
            .target("topic", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
