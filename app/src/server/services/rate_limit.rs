//! Fixed-window counters in the database, so every server instance sees the same counts:
//! login failures per account and per address now, public forms and lookups later.

use crate::error::AppResult;
use crate::server::entities::rate_limit;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

static EXEMPT: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// Client addresses that the per-address limits of public forms do not apply to
/// (`PORTAL_RATE_LIMIT_EXEMPT`): a trusted gateway such as the national service desk or an
/// SMS gateway that files on behalf of many citizens, or a load test on 127.0.0.1. Login
/// throttling applies to everyone regardless.
pub fn set_exempt(addresses: Vec<String>) {
    let _ = EXEMPT.set(addresses);
}

pub fn is_exempt(ip: &str) -> bool {
    EXEMPT
        .get()
        .is_some_and(|list| list.iter().any(|a| a == ip))
}

/// A limit: at most `max` hits per `window_secs`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: i32,
    pub window_secs: i64,
}

fn window_start(limit: Limit, now: i64) -> i64 {
    now - now.rem_euclid(limit.window_secs)
}

/// Seconds until the window `now` falls in ends and the counts start again (windows are
/// aligned to the clock: a quarter-hour window ends at :00, :15, :30 and :45).
pub fn seconds_left(limit: Limit, now: i64) -> i64 {
    limit.window_secs - now.rem_euclid(limit.window_secs)
}

/// Hits recorded in the current window.
pub async fn count<C: ConnectionTrait>(db: &C, bucket: &str, limit: Limit) -> AppResult<i32> {
    let now = chrono::Utc::now().timestamp();
    Ok(
        rate_limit::Entity::find_by_id((bucket.to_string(), window_start(limit, now)))
            .one(db)
            .await?
            .map(|r| r.hits)
            .unwrap_or(0),
    )
}

/// Whether the bucket has used its limit in the current window.
pub async fn exhausted<C: ConnectionTrait>(db: &C, bucket: &str, limit: Limit) -> AppResult<bool> {
    Ok(count(db, bucket, limit).await? >= limit.max)
}

/// Records one hit (one atomic upsert) and forgets windows older than a day.
pub async fn hit<C: ConnectionTrait>(db: &C, bucket: &str, limit: Limit) -> AppResult<()> {
    let now = chrono::Utc::now().timestamp();
    let row = rate_limit::ActiveModel {
        bucket: Set(bucket.to_string()),
        window_start: Set(window_start(limit, now)),
        hits: Set(1),
    };
    rate_limit::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([rate_limit::Column::Bucket, rate_limit::Column::WindowStart])
                .value(
                    rate_limit::Column::Hits,
                    Expr::col((rate_limit::Entity, rate_limit::Column::Hits)).add(1),
                )
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::WindowStart.lt(now - 86_400))
        .exec(db)
        .await?;
    Ok(())
}

/// Charges one use of a public form or lookup to the client's address: refused with
/// `RateLimited` once the address has used its limit. Addresses on the exemption list, and
/// requests with no known address, are not counted.
pub async fn charge_address<C: ConnectionTrait>(
    db: &C,
    action: &str,
    ip: Option<&str>,
    limit: Limit,
) -> AppResult<()> {
    let Some(ip) = ip.filter(|ip| !is_exempt(ip)) else {
        return Ok(());
    };
    let bucket = format!("{action}:{ip}");
    if exhausted(db, &bucket, limit).await? {
        return Err(crate::error::AppError::RateLimited);
    }
    hit(db, &bucket, limit).await
}

/// Forgets a bucket (for example an account's failures after a successful login).
pub async fn clear<C: ConnectionTrait>(db: &C, bucket: &str) -> AppResult<()> {
    rate_limit::Entity::delete_many()
        .filter(rate_limit::Column::Bucket.eq(bucket))
        .exec(db)
        .await?;
    Ok(())
}
