//! Which of a content item's files whom. Every version (revision) names the files it carries,
//! and applying a version gives the item its set: the files the public is given are those of
//! the version the public reads, plus its main image. So a file added by an edit that waits
//! for review, a file an approved edit removed, and the files of an edit turned down go only
//! to the item's keepers (its section's custodians and the administrator), and a file follows
//! its item's visibility when that narrows. An edit turned down is removed with the files only
//! it carried [`RETENTION_DAYS`] days after.

use super::{item, revision, ATTACHMENT_OWNER};
use crate::error::AppResult;
use crate::server::entities::attachment as stored;
use crate::server::services::attachment::Store;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// How long an edit turned down is kept, with its own files, before it is removed.
pub const RETENTION_DAYS: i64 = 30;

/// The keys of a stored list (a JSON array).
pub fn keys(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// A list of keys as stored.
pub fn json(keys: &[String]) -> String {
    serde_json::to_string(keys).unwrap_or_else(|_| "[]".to_string())
}

/// The files an edit builds on: the pending edit's if there is one, else those applied.
pub(super) async fn base<C: ConnectionTrait>(
    db: &C,
    current: &item::Model,
) -> AppResult<Vec<String>> {
    if let Some(p) = current.pending_revision_id {
        if let Some(r) = revision::Entity::find_by_id(p).one(db).await? {
            return Ok(keys(&r.files));
        }
    }
    Ok(keys(&current.files))
}

/// An edit's files: those it built on, less those it removes, then those it adds.
pub(super) fn next(base: Vec<String>, removed: &[String], added: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = base.into_iter().filter(|k| !removed.contains(k)).collect();
    for k in added {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// Whether `key` is given to whoever may read the item: a file of the version applied, or
/// its main image.
pub(super) fn is_live(m: &item::Model, key: &str) -> bool {
    m.image_key.as_deref() == Some(key) || keys(&m.files).iter().any(|k| k == key)
}

/// Fills both lists for content stored before they existed (the migration that adds them):
/// a version carries the item's files uploaded up to its save (a file is stored just before
/// the version in the same transaction), main images aside; an item is given the files of
/// its newest version that is not waiting for review. Before the lists, every file of a
/// readable item was public, and edits turned down were not marked: what was public stays
/// so, and their files are kept like any other version's.
pub async fn fill<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    let files: Vec<(i32, String, DateTime<Utc>)> = stored::Entity::find()
        .select_only()
        .columns([
            stored::Column::OwnerId,
            stored::Column::StorageKey,
            stored::Column::CreatedAt,
        ])
        .filter(stored::Column::OwnerKind.eq(ATTACHMENT_OWNER))
        .order_by_asc(stored::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let revisions: Vec<(i32, i32, Option<String>, DateTime<Utc>)> = revision::Entity::find()
        .select_only()
        .columns([
            revision::Column::Id,
            revision::Column::ItemId,
            revision::Column::ImageKey,
            revision::Column::CreatedAt,
        ])
        .order_by_asc(revision::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let items: Vec<(i32, Option<String>, Option<i32>)> = item::Entity::find()
        .select_only()
        .columns([
            item::Column::Id,
            item::Column::ImageKey,
            item::Column::PendingRevisionId,
        ])
        .into_tuple()
        .all(db)
        .await?;
    let images: HashSet<String> = revisions
        .iter()
        .filter_map(|r| r.2.clone())
        .chain(items.iter().filter_map(|i| i.1.clone()))
        .collect();
    let mut by_item: HashMap<i32, Vec<(String, DateTime<Utc>)>> = HashMap::new();
    for (owner, key, at) in files {
        if !images.contains(&key) {
            by_item.entry(owner).or_default().push((key, at));
        }
    }
    let pending: HashSet<i32> = items.iter().filter_map(|i| i.2).collect();
    let mut applied: HashMap<i32, Vec<String>> = HashMap::new();
    for (id, item_id, _, at) in &revisions {
        let set: Vec<String> = by_item
            .get(item_id)
            .into_iter()
            .flatten()
            .filter(|(_, t)| t <= at)
            .map(|(k, _)| k.clone())
            .collect();
        revision::Entity::update_many()
            .col_expr(revision::Column::Files, Expr::value(json(&set)))
            .filter(revision::Column::Id.eq(*id))
            .exec(db)
            .await?;
        if !pending.contains(id) {
            applied.insert(*item_id, set);
        }
    }
    for (item_id, set) in applied {
        item::Entity::update_many()
            .col_expr(item::Column::Files, Expr::value(json(&set)))
            .filter(item::Column::Id.eq(item_id))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Removes the edits turned down more than [`RETENTION_DAYS`] before `now`, and the files
/// that only they carried: their rows, then their bytes. Returns how many edits went.
pub async fn purge_rejected(
    db: &DatabaseConnection,
    store: &Store,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let cutoff = now - chrono::Duration::days(RETENTION_DAYS);
    let due = revision::Entity::find().filter(revision::Column::RejectedAt.lt(cutoff));
    // Most hours there is nothing to remove: asked before taking the writers' turn.
    if due.clone().one(db).await?.is_none() {
        return Ok(0);
    }
    let txn = crate::server::db::write_txn(db).await?;
    let old = due.all(&txn).await?;
    let gone: HashSet<i32> = old.iter().map(|r| r.id).collect();
    let items: HashSet<i32> = old.iter().map(|r| r.item_id).collect();
    // What the item and its other versions still carry stays.
    let mut kept: HashSet<String> = HashSet::new();
    for r in revision::Entity::find()
        .filter(revision::Column::ItemId.is_in(items.iter().copied()))
        .all(&txn)
        .await?
    {
        if !gone.contains(&r.id) {
            kept.extend(keys(&r.files));
            kept.extend(r.image_key);
        }
    }
    for m in item::Entity::find()
        .filter(item::Column::Id.is_in(items.iter().copied()))
        .all(&txn)
        .await?
    {
        kept.extend(keys(&m.files));
        kept.extend(m.image_key);
    }
    let mut removed: Vec<String> = Vec::new();
    for r in &old {
        for k in keys(&r.files).into_iter().chain(r.image_key.clone()) {
            if !kept.contains(&k) && !removed.contains(&k) {
                removed.push(k);
            }
        }
    }
    stored::Entity::delete_many()
        .filter(stored::Column::OwnerKind.eq(ATTACHMENT_OWNER))
        .filter(stored::Column::StorageKey.is_in(removed.iter().cloned()))
        .exec(&txn)
        .await?;
    revision::Entity::delete_many()
        .filter(revision::Column::Id.is_in(gone.iter().copied()))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    for k in &removed {
        if let Err(e) = store.remove(k).await {
            tracing::warn!(key = %k, "a turned-down edit's file could not be removed: {e}");
        }
    }
    Ok(old.len())
}

/// Removes turned-down edits past their retention, once an hour.
pub async fn run_purger(db: DatabaseConnection, store: Store) {
    loop {
        match purge_rejected(&db, &store, Utc::now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!("removed {n} turned-down content edits past their retention"),
            Err(e) => tracing::warn!("removing turned-down content edits: {e}"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
