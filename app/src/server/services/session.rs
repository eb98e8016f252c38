//! Sessions in the database, so any number of server instances share them. The browser
//! holds a random token (in a signed cookie, see `server::auth`); the table holds only the
//! token's SHA-256, so a copy of the database opens no session.

use crate::error::AppResult;
use crate::server::entities::session;
use crate::server::services::permission::{self, Actor};
use base64::Engine;
use chrono::{Duration, Utc};
use rand::rngs::OsRng;
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

/// A session ends this long after sign-in, whatever happens.
pub const ABSOLUTE_LIFETIME_HOURS: i64 = 12;
/// ... or after this long without a request.
pub const IDLE_MINUTES: i64 = 120;
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_MINUTES: i64 = 5;

fn token_id(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Starts a session and returns its token (256 bits from the OS generator).
pub async fn create<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    ip: Option<String>,
    user_agent: Option<String>,
) -> AppResult<String> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    session::ActiveModel {
        id: Set(token_id(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(ABSOLUTE_LIFETIME_HOURS)),
        last_seen_at: Set(now),
        ip: Set(ip),
        user_agent: Set(user_agent.map(|u| u.chars().take(200).collect())),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The person behind a token, with their current roles; `None` when the session is unknown,
/// expired, idle too long, or the account is no longer approved.
pub async fn resolve<C: ConnectionTrait>(db: &C, token: &str) -> AppResult<Option<Actor>> {
    let id = token_id(token);
    let Some(row) = session::Entity::find_by_id(id.clone()).one(db).await? else {
        return Ok(None);
    };
    let now = Utc::now();
    if row.expires_at <= now || row.last_seen_at + Duration::minutes(IDLE_MINUTES) <= now {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    let actor = permission::load_actor(db, row.user_id).await?;
    if actor.is_none() {
        session::Entity::delete_by_id(id).exec(db).await?;
        return Ok(None);
    }
    if row.last_seen_at + Duration::minutes(TOUCH_EVERY_MINUTES) <= now {
        let mut active: session::ActiveModel = row.into();
        active.last_seen_at = Set(now);
        active.update(db).await?;
    }
    Ok(actor)
}

/// Ends one session (logout).
pub async fn end<C: ConnectionTrait>(db: &C, token: &str) -> AppResult<()> {
    session::Entity::delete_by_id(token_id(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a person: on suspension, role loss, password reset.
pub async fn end_all_for_user<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<u64> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Browsers by a mark of their user agent, in the order to test them (Edge and Chromium
/// also say `Chrome/`, everyone says `Safari/`).
const BROWSERS: &[(&str, &str)] = &[
    ("Edg/", "اج"),
    ("Firefox/", "فایرفاکس"),
    ("Chromium/", "کرومیوم"),
    ("Chrome/", "کروم"),
    ("Safari/", "سافاری"),
];
/// Systems likewise (Android also says `Linux`).
const SYSTEMS: &[(&str, &str)] = &[
    ("Android", "اندروید"),
    ("iPhone", "آی‌اواس"),
    ("iPad", "آی‌اواس"),
    ("Windows", "ویندوز"),
    ("Mac OS X", "مک"),
    ("Linux", "لینوکس"),
];

/// A browser and system named from a user agent, in Persian words.
pub fn device_of(user_agent: &str) -> String {
    let name = |table: &[(&str, &'static str)], unknown: &'static str| {
        table
            .iter()
            .find(|(mark, _)| user_agent.contains(mark))
            .map_or(unknown, |(_, name)| name)
    };
    format!(
        "{} روی {}",
        name(BROWSERS, "مرورگر ناشناخته"),
        name(SYSTEMS, "سیستم ناشناخته")
    )
}

/// A person's open sessions, the latest used first; `current` is this browser's token.
pub async fn list_for<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    current: Option<&str>,
) -> AppResult<Vec<crate::model::SessionRow>> {
    use sea_orm::QueryOrder;
    let now = Utc::now();
    let current = current.map(token_id);
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - Duration::minutes(IDLE_MINUTES)))
        .order_by_desc(session::Column::LastSeenAt)
        .all(db)
        .await?
        .into_iter()
        .map(|s| crate::model::SessionRow {
            current: current.as_deref() == Some(s.id.as_str()),
            created_at: s.created_at.timestamp(),
            last_seen_at: s.last_seen_at.timestamp(),
            ip: s.ip,
            device: device_of(s.user_agent.as_deref().unwrap_or("")),
        })
        .collect())
}

/// Ends every session of the signed-in person but this browser's (`current`); recorded in
/// the audit log. Returns how many ended.
pub async fn end_others(
    db: &sea_orm::DatabaseConnection,
    acting: &permission::Acting,
    current: &str,
) -> AppResult<u64> {
    use crate::server::services::audit::{self, Event};
    let actor = acting.signed_in()?;
    let txn = crate::server::db::write_txn(db).await?;
    let ended = session::Entity::delete_many()
        .filter(session::Column::UserId.eq(actor.user_id))
        .filter(session::Column::Id.ne(token_id(current)))
        .exec(&txn)
        .await?
        .rows_affected;
    audit::record(
        &txn,
        acting,
        Event::new(
            "account.sessions_ended",
            format!(
                "{} ورود دیگر پایان یافت",
                crate::persian::to_persian_digits(&ended.to_string())
            ),
        )
        .target("user", actor.user_id),
    )
    .await?;
    txn.commit().await?;
    Ok(ended)
}

/// How many sessions a person has open (for the tests and the user screen).
pub async fn count_for_user<C: ConnectionTrait>(db: &C, user_id: i32) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .count(db)
        .await?)
}
