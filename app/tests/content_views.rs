//! View counts: counted in memory on the hot path (no write per view), added to the
//! database by one flush. Its own test binary: the counter belongs to the process.
#![cfg(feature = "ssr")]

mod common;

use app::model::{ContentKind, Visibility};
use app::server::services::content::{self, ListFilter};
use chrono::Utc;
use sea_orm::{ConnectionTrait, Statement};

#[tokio::test]
async fn views_are_counted_in_memory_and_flushed_exactly() {
    for t in common::all().await {
        let db = &t.conn;
        app::server::services::demo::seed(db).await.unwrap();
        let id = content::public_list(
            db,
            ContentKind::News,
            &ListFilter::default(),
            Visibility::Public,
            Utc::now(),
        )
        .await
        .unwrap()
        .items[0]
            .id;
        let stored = || async move {
            db.query_one_raw(Statement::from_string(
                db.get_database_backend(),
                format!("SELECT view_count FROM content_items WHERE id = {id}"),
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "view_count")
            .unwrap()
        };
        assert_eq!(stored().await, 0);
        for n in 1..=5 {
            let shown =
                content::public_item(db, ContentKind::News, id, Visibility::Public, Utc::now())
                    .await
                    .unwrap();
            assert_eq!(shown.views, n, "{}: the page shows its own view", t.name);
        }
        assert_eq!(stored().await, 0, "no database write per view");
        content::flush_views(db).await.unwrap();
        assert_eq!(stored().await, 5, "{}", t.name);
        assert_eq!(
            content::flush_views(db).await.unwrap(),
            0,
            "nothing left to flush"
        );
        let shown = content::public_item(db, ContentKind::News, id, Visibility::Public, Utc::now())
            .await
            .unwrap();
        assert_eq!(shown.views, 6);
        content::flush_views(db).await.unwrap();
        assert_eq!(stored().await, 6);
    }
}
