//! View counts: counted in memory on the hot path (no write per view), added to the
//! database by one flush, and never shown lower than they were while a flush runs.

use crate::common;

use app::model::{ContentKind, Visibility};
use app::server::services::content::views::Views;
use app::server::services::content::{self, ListFilter};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::sync::Arc;

async fn first_news(db: &DatabaseConnection) -> i32 {
    app::server::services::demo::seed(db).await.unwrap();
    content::public_list(
        db,
        ContentKind::News,
        &ListFilter::default(),
        Visibility::Public,
        Utc::now(),
    )
    .await
    .unwrap()
    .items[0]
        .id
}

async fn stored(db: &DatabaseConnection, id: i32) -> i64 {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT view_count FROM content_items WHERE id = {id}"),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get::<i64>("", "view_count")
    .unwrap()
}

async fn shown(db: &DatabaseConnection, views: &Views, id: i32) -> i64 {
    content::public_item(
        db,
        views,
        ContentKind::News,
        id,
        Visibility::Public,
        Utc::now(),
    )
    .await
    .unwrap()
    .views
}

#[tokio::test]
async fn views_are_counted_in_memory_and_flushed_exactly() {
    for t in common::all().await {
        let db = &t.conn;
        let views = Views::default();
        let id = first_news(db).await;
        assert_eq!(stored(db, id).await, 0);
        for n in 1..=5 {
            assert_eq!(
                shown(db, &views, id).await,
                n,
                "{}: the page shows its own view",
                t.name
            );
        }
        assert_eq!(stored(db, id).await, 0, "no database write per view");
        views.flush(db).await.unwrap();
        assert_eq!(stored(db, id).await, 5, "{}", t.name);
        assert_eq!(views.flush(db).await.unwrap(), 0, "nothing left to flush");
        assert_eq!(shown(db, &views, id).await, 6);
        views.flush(db).await.unwrap();
        assert_eq!(stored(db, id).await, 6);
    }
}

/// A page read while a flush moves the counts from memory to the database shows every view
/// before it and its own: the figure rises by one at each look, wherever the flusher (a task
/// of its own, flushing over and over until the looks are done) is when the look reads.
#[tokio::test]
async fn a_figure_never_drops_while_a_flush_runs() {
    use std::sync::atomic::{AtomicBool, Ordering};
    for t in common::all().await {
        let db = t.conn.clone();
        let views = Arc::new(Views::default());
        let done = Arc::new(AtomicBool::new(false));
        let id = first_news(&db).await;
        let flusher = tokio::spawn({
            let (db, views, done) = (db.clone(), views.clone(), done.clone());
            async move {
                let mut flushed = 0;
                while !done.load(Ordering::SeqCst) {
                    flushed += views.flush(&db).await.unwrap();
                    tokio::task::yield_now().await;
                }
                flushed
            }
        });
        let mut last = 0;
        for _ in 0..300 {
            let figure = shown(&db, &views, id).await;
            assert_eq!(figure, last + 1, "{}: each look adds one", t.name);
            last = figure;
        }
        done.store(true, Ordering::SeqCst);
        // Each look waits for the database, and the flusher runs meanwhile.
        assert!(flusher.await.unwrap() > 0, "flushes moved counts meanwhile");
        views.flush(&db).await.unwrap();
        assert_eq!(stored(&db, id).await, 300, "{}", t.name);
    }
}
