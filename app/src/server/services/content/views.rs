//! View counts of content items: counted in memory on the hot path (no write per view) and
//! added to the database by one flush every few seconds.
//!
//! - The figure a page shows is the stored count plus this process's views not yet flushed,
//!   the visit being shown included ([`Views::count`]).
//! - A flush and the reading of a figure never interleave: a reading between a flush's
//!   taking the counts and its commit would find the flushed views neither in memory nor in
//!   the database, and the figure would drop (readings hold [`Views::reading`], a flush
//!   waits for them and they for it; one flush runs at a time).
//! - A page the page cache shows again is not rendered again: [`Views::count_at`] counts its
//!   view and gives the figure as of its last render plus the views this process counted
//!   since. Views counted by other instances on the same database reach it at the next
//!   render.

use crate::error::{AppError, AppResult};
use crate::model::ContentKind;
use crate::server::entities::content_item as item;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{RwLock, RwLockReadGuard};

#[derive(Default)]
struct Counts {
    /// Views counted since the last flush, by item.
    pending: HashMap<i32, i64>,
    /// The figure each item's page shows now, as this process knows it.
    shown: HashMap<i32, i64>,
}

/// The view counts of one database's items in this process: one value the server holds
/// (its router state and the pages' context) and the tests make one of for each database.
#[derive(Default)]
pub struct Views {
    counts: Mutex<Counts>,
    flushing: RwLock<()>,
}

impl Views {
    fn with_counts<T>(&self, f: impl FnOnce(&mut Counts) -> T) -> T {
        f(&mut self.counts.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Held while a stored count is read and added to the pending views: no flush meanwhile.
    /// Not to be taken twice by one task (a waiting flush would hold the second one up).
    pub async fn reading(&self) -> RwLockReadGuard<'_, ()> {
        self.flushing.read().await
    }

    /// Counts a view of item `id` whose stored count (read under [`Views::reading`]) is
    /// `stored`, and gives the figure its page shows.
    pub fn count(&self, id: i32, stored: i64) -> i64 {
        self.with_counts(|c| {
            let pending = c.pending.entry(id).or_insert(0);
            *pending += 1;
            let figure = stored + *pending;
            c.shown.insert(id, figure);
            figure
        })
    }

    /// The figure of item `id` whose stored count (read under [`Views::reading`]) is
    /// `stored`, without counting a view (the staff's lists).
    pub fn figure(&self, id: i32, stored: i64) -> i64 {
        stored + self.with_counts(|c| c.pending.get(&id).copied().unwrap_or(0))
    }

    /// Counts a view of the item whose public page is at `path` (`{kind's path}/{id}/…`),
    /// shown by the page cache without rendering it again, and gives the figure the page
    /// shows: the one of its last render plus the views counted since. `None` when `path` is
    /// no item's page or the item's page was not rendered by this process.
    pub fn count_at(&self, path: &str) -> Option<i64> {
        let id = item_at(path)?;
        self.with_counts(|c| {
            *c.pending.entry(id).or_insert(0) += 1;
            let shown = c.shown.get_mut(&id)?;
            *shown += 1;
            Some(*shown)
        })
    }

    /// The figure the page at `path` shows, as [`Views::count_at`] gives it, without counting
    /// a view (the answer to the visit that rendered it, which [`Views::count`] counted).
    pub fn shown_at(&self, path: &str) -> Option<i64> {
        let id = item_at(path)?;
        self.with_counts(|c| c.shown.get(&id).copied())
    }

    /// Adds the views counted since the last flush to the database (one transaction) and
    /// says for how many items. On a failure the counts are put back for the next flush.
    pub async fn flush(&self, db: &DatabaseConnection) -> AppResult<usize> {
        if self.with_counts(|c| c.pending.is_empty()) {
            return Ok(0);
        }
        // The transaction (and on SQLite the turn to write) first: the readings wait only
        // for the updates and the commit, never for another writer.
        let txn = crate::server::db::stats_txn(db).await?;
        let _flushing = self.flushing.write().await;
        let taken = self.with_counts(|c| std::mem::take(&mut c.pending));
        let result = async {
            for (id, n) in &taken {
                item::Entity::update_many()
                    .col_expr(
                        item::Column::ViewCount,
                        Expr::col(item::Column::ViewCount).add(*n),
                    )
                    .filter(item::Column::Id.eq(*id))
                    .exec(&txn)
                    .await?;
            }
            txn.commit().await?;
            Ok::<_, AppError>(())
        }
        .await;
        if let Err(e) = result {
            self.with_counts(|c| {
                for (id, n) in &taken {
                    *c.pending.entry(*id).or_insert(0) += n;
                }
            });
            return Err(e);
        }
        Ok(taken.len())
    }
}

/// The item whose public page is at `path`, its id read as the page reads it (any digits,
/// percent-encoded or not).
fn item_at(path: &str) -> Option<i32> {
    let path = crate::server::request::decode_path(path);
    ContentKind::ALL
        .into_iter()
        .filter(|k| *k != ContentKind::Link)
        .find_map(|k| {
            let rest = path.strip_prefix(k.path())?.strip_prefix('/')?;
            crate::persian::normalize_digits(rest.split('/').next()?)
                .parse::<i32>()
                .ok()
        })
}

/// Flushes view counts every `every` until the process ends.
pub async fn run_flusher(views: Arc<Views>, db: DatabaseConnection, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        if let Err(e) = views.flush(&db).await {
            tracing::warn!("view counts not flushed yet: {e}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_page_shows_the_figure_of_its_render_plus_the_views_since() {
        let v = Views::default();
        let id = 7;
        assert_eq!(
            v.count_at(&format!("/news/{id}")),
            None,
            "never rendered here"
        );
        assert_eq!(
            v.count(id, 40),
            42,
            "the stored 40, the visit before and this one"
        );
        assert_eq!(v.count_at(&format!("/news/{id}/slug")), Some(43));
        assert_eq!(v.count_at(&format!("/news/{id}")), Some(44));
        assert_eq!(
            v.shown_at(&format!("/news/{id}")),
            Some(44),
            "nothing counted"
        );
        assert_eq!(v.figure(id, 40), 44);
        assert_eq!(v.count_at("/news/%DB%B7"), Some(45), "۷ in the address");
        assert_eq!(v.count_at("/news"), None);
        assert_eq!(v.count_at("/links/1"), None);
    }
}
