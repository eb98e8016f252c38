//! Suggestions and criticism: anyone sends one (signed in or not) and gets a tracking code;
//! it lands in the `messages` section's inbox, where staff read it, reply (the sender reads
//! the reply with the code), or forward it to the section it concerns. All audited.

use crate::error::{AppError, AppResult};
use crate::model::{
    MessageInbox, MessageKind, MessageRow, MessageStatus, PublicMessage, SectionRef, StaffMessage,
};
use crate::server::entities::{message, section};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use crate::server::services::rate_limit;
use crate::tracking_code;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use std::collections::HashMap;

/// Where every message arrives.
pub const SECTION: &str = "messages";

pub const SEND_LIMIT: rate_limit::Limit = rate_limit::Limit {
    max: 20,
    window_secs: 3600,
};
pub const LOOKUP_LIMIT: rate_limit::Limit = rate_limit::Limit {
    max: 60,
    window_secs: 600,
};

fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

pub fn not_found() -> AppError {
    invalid(
        "کد رهگیری",
        "پیامی با این کد رهگیری پیدا نشد. کد را از روی رسید دوباره بخوانید؛ کد ۱۶ رقم دارد.",
    )
}

fn text(field: &str, value: &str, min: usize, max: usize) -> AppResult<String> {
    let v = value.trim().replace("\r\n", "\n");
    let n = v.chars().count();
    if n < min || n > max {
        return Err(invalid(
            field,
            format!(
                "{field} باید {} تا {} نویسه باشد.",
                crate::persian::to_persian_digits(&min.to_string()),
                crate::persian::to_persian_digits(&max.to_string())
            ),
        ));
    }
    Ok(v)
}

/// Sends a message; returns its tracking code.
pub async fn send(
    db: &DatabaseConnection,
    acting: &Acting,
    kind: MessageKind,
    subject: &str,
    body: &str,
    contact: &str,
) -> AppResult<String> {
    let subject = text(
        "موضوع",
        &crate::persian::text::collapse_spaces(subject),
        3,
        200,
    )?;
    let body = text("متن", body, 10, 10_000)?;
    let contact = crate::persian::text::collapse_spaces(contact);
    if contact.chars().count() > 200 {
        return Err(invalid("راه تماس", "راه تماس بیش از ۲۰۰ نویسه است."));
    }
    rate_limit::charge_address(db, "message-send", acting.ip.as_deref(), SEND_LIMIT).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let mut code = tracking_code::generate();
    while message::Entity::find()
        .filter(message::Column::TrackingCode.eq(&code))
        .one(&txn)
        .await?
        .is_some()
    {
        code = tracking_code::generate();
    }
    let now = Utc::now();
    let row = message::ActiveModel {
        tracking_code: Set(code.clone()),
        section_key: Set(SECTION.to_string()),
        kind: Set(kind.as_str().to_string()),
        subject: Set(subject.clone()),
        body: Set(body),
        contact: Set((!contact.is_empty()).then_some(contact)),
        user_id: Set(acting.actor.as_ref().map(|a| a.user_id)),
        status: Set(MessageStatus::Unread.as_str().to_string()),
        reply: Set(None),
        replied_by: Set(None),
        replied_at: Set(None),
        forwarded_from: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new("message.sent", format!("{}: {subject}", kind.label()))
            .section(SECTION)
            .target("message", row.id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(code)
}

fn status_of(m: &message::Model) -> MessageStatus {
    MessageStatus::parse(&m.status).unwrap_or(MessageStatus::Unread)
}

fn kind_of(m: &message::Model) -> MessageKind {
    MessageKind::parse(&m.kind).unwrap_or(MessageKind::Suggestion)
}

/// The message and its reply, for whoever holds the code.
pub async fn lookup(
    db: &DatabaseConnection,
    ip: Option<&str>,
    code: &str,
) -> AppResult<PublicMessage> {
    rate_limit::charge_address(db, "message-lookup", ip, LOOKUP_LIMIT).await?;
    let code = tracking_code::parse(code).ok_or_else(not_found)?;
    let m = message::Entity::find()
        .filter(message::Column::TrackingCode.eq(code))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    Ok(PublicMessage {
        kind: kind_of(&m),
        status: status_of(&m),
        tracking_code: m.tracking_code,
        subject: m.subject,
        body: m.body,
        created_at: m.created_at.timestamp(),
        reply: m.reply,
        replied_at: m.replied_at.map(|t| t.timestamp()),
    })
}

fn row(m: &message::Model, titles: &HashMap<String, String>) -> MessageRow {
    MessageRow {
        id: m.id,
        kind: kind_of(m),
        subject: m.subject.clone(),
        status: status_of(m),
        section: titles.get(&m.section_key).cloned().unwrap_or_default(),
        created_at: m.created_at.timestamp(),
        forwarded_from: m
            .forwarded_from
            .as_ref()
            .map(|k| titles.get(k).cloned().unwrap_or_else(|| k.clone())),
    }
}

/// One section's inbox (the `messages` section when none is named), unread first.
pub async fn inbox(
    db: &DatabaseConnection,
    acting: &Acting,
    section_key: Option<&str>,
    status: Option<MessageStatus>,
) -> AppResult<MessageInbox> {
    let actor = acting.signed_in()?;
    let all = section::Entity::find()
        .order_by_asc(section::Column::SortOrder)
        .all(db)
        .await?;
    let readable: Vec<SectionRef> = all
        .iter()
        .filter(|s| permission::may(Some(actor), Action::AnswerCases, Some(&(*s).into()), None))
        .map(|s| SectionRef {
            key: s.key.clone(),
            title: s.title.clone(),
        })
        .collect();
    let key = match section_key.filter(|k| !k.is_empty()) {
        Some(k) => k.to_string(),
        None if readable.iter().any(|s| s.key == SECTION) => SECTION.to_string(),
        None => readable
            .first()
            .map(|s| s.key.clone())
            .ok_or(AppError::Forbidden)?,
    };
    permission::authorize(db, acting, Action::AnswerCases, &key, None).await?;
    let mut q = message::Entity::find().filter(message::Column::SectionKey.eq(&key));
    if let Some(s) = status {
        q = q.filter(message::Column::Status.eq(s.as_str()));
    }
    let rows = q
        .order_by_desc(message::Column::Id)
        .limit(500)
        .all(db)
        .await?;
    let titles: HashMap<String, String> = all.into_iter().map(|s| (s.key, s.title)).collect();
    let mut rows: Vec<MessageRow> = rows.iter().map(|m| row(m, &titles)).collect();
    rows.sort_by_key(|r| r.status != MessageStatus::Unread);
    Ok(MessageInbox {
        sections: readable,
        section: key,
        rows,
    })
}

async fn for_staff<C: ConnectionTrait>(
    db: &C,
    acting: &Acting,
    id: i32,
) -> AppResult<message::Model> {
    acting.signed_in()?;
    let m = message::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    permission::authorize(db, acting, Action::AnswerCases, &m.section_key, None).await?;
    Ok(m)
}

/// Opens a message; an unread one becomes read (audited).
pub async fn open(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<StaffMessage> {
    let txn = crate::server::db::write_txn(db).await?;
    let mut m = for_staff(&txn, acting, id).await?;
    if status_of(&m) == MessageStatus::Unread {
        let mut am: message::ActiveModel = m.clone().into();
        am.status = Set(MessageStatus::Read.as_str().to_string());
        am.updated_at = Set(Utc::now());
        m = am.update(&txn).await?;
        audit::record(
            &txn,
            acting,
            Event::new("message.read", m.subject.clone())
                .section(&m.section_key)
                .target("message", id),
        )
        .await?;
    }
    let sections = permission::section_list(&txn).await?;
    let titles: HashMap<String, String> = sections
        .iter()
        .map(|s| (s.key.clone(), s.title.clone()))
        .collect();
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(StaffMessage {
        row: row(&m, &titles),
        tracking_code: m.tracking_code,
        body: m.body,
        contact: m.contact,
        registered_user: m.user_id.is_some(),
        reply: m.reply,
        replied_at: m.replied_at.map(|t| t.timestamp()),
        sections: sections
            .into_iter()
            .filter(|s| s.key != m.section_key)
            .collect(),
    })
}

/// Replies (the sender reads it with the code); the message is then handled.
pub async fn reply(db: &DatabaseConnection, acting: &Acting, id: i32, body: &str) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let m = for_staff(&txn, acting, id).await?;
    let body = text("پاسخ", body, 2, 10_000)?;
    let actor = acting.signed_in()?;
    let now = Utc::now();
    let key = m.section_key.clone();
    let mut am: message::ActiveModel = m.into();
    am.reply = Set(Some(body));
    am.replied_by = Set(Some(actor.user_id));
    am.replied_at = Set(Some(now));
    am.status = Set(MessageStatus::Handled.as_str().to_string());
    am.updated_at = Set(now);
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("message.replied", "پاسخ به پیام")
            .section(&key)
            .target("message", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// Marks a message handled without a reply (for example an appreciation).
pub async fn mark_handled(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let m = for_staff(&txn, acting, id).await?;
    let key = m.section_key.clone();
    let mut am: message::ActiveModel = m.into();
    am.status = Set(MessageStatus::Handled.as_str().to_string());
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("message.handled", "رسیدگی‌شده بی پاسخ")
            .section(&key)
            .target("message", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}

/// Forwards a message to another section's inbox, as unread.
pub async fn forward(db: &DatabaseConnection, acting: &Acting, id: i32, to: &str) -> AppResult<()> {
    let txn = crate::server::db::write_txn(db).await?;
    let m = for_staff(&txn, acting, id).await?;
    let target = section::Entity::find_by_id(to.to_string())
        .one(&txn)
        .await?
        .ok_or_else(|| invalid("ارسال به", "بخش برگزیده وجود ندارد."))?;
    if target.key == m.section_key {
        return Err(invalid("ارسال به", "پیام هم‌اکنون در همین بخش است."));
    }
    let from = m.section_key.clone();
    let mut am: message::ActiveModel = m.into();
    am.section_key = Set(target.key.clone());
    am.forwarded_from = Set(Some(from.clone()));
    am.status = Set(MessageStatus::Unread.as_str().to_string());
    am.updated_at = Set(Utc::now());
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("message.forwarded", format!("ارسال به «{}»", target.title))
            .section(&from)
            .target("message", id),
    )
    .await?;
    txn.commit().await?;
    crate::server::events::changed(db, SECTION).await;
    Ok(())
}
