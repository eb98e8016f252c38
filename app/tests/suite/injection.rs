//! SQL injection as data, on both databases: the classic payloads go through search, the
//! tracking-code lookups, login, the water data's date filter and a stored message; each is
//! answered as ordinary input (no results, not found, wrong credentials, an invalid date),
//! and is stored and read back exactly as written. Every query is built with bound
//! parameters; this pins that down for the inputs an anonymous visitor controls. (sqlmap
//! probes the same inputs over HTTP: `end2end/security.sh`.)
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{MessageKind, Visibility};
use app::server::services::permission::Acting;
use app::server::services::water::open::Range;
use app::server::services::{account, message, search, ticket};
use chrono::Utc;
use sea_orm::DatabaseConnection;

const PAYLOADS: &[&str] = &[
    "' OR '1'='1",
    "1' OR 1=1 --",
    "'; DROP TABLE content_items; --",
    "\" OR \"\"=\"",
    "1; SELECT pg_sleep(5)",
    "آب' UNION SELECT password_hash FROM users --",
    "NEAR(آب قم) OR * \" AND",
    "%' AND '%'='",
    "\\'; DELETE FROM users; --",
    "1403/01/01' OR '1'='1",
];

async fn rows(db: &DatabaseConnection, table: &str) -> i64 {
    common::count(db, &format!("SELECT COUNT(*) AS n FROM {table}")).await
}

#[tokio::test]
async fn injection_strings_are_only_data() {
    for t in common::all().await {
        let db = &t.conn;
        app::server::services::demo::seed(db).await.unwrap();
        let items = rows(db, "content_items").await;
        let users = rows(db, "users").await;
        let messages = rows(db, "messages").await;
        for p in PAYLOADS {
            let found =
                search::search(db, &search::Query::words(p), Visibility::Public, Utc::now())
                    .await
                    .unwrap_or_else(|e| panic!("{}: search {p:?}: {e:?}", t.name));
            assert!(
                found
                    .hits
                    .iter()
                    .all(|h| !h.card.title.contains("password")),
                "{}",
                t.name
            );
            assert_eq!(
                ticket::lookup(db, None, p).await.unwrap_err(),
                ticket::not_found(),
                "{}: {p:?}",
                t.name
            );
            assert_eq!(
                message::lookup(db, None, p).await.unwrap_err(),
                message::not_found(),
                "{}: {p:?}",
                t.name
            );
            assert_eq!(
                account::login(db, None, p, p).await.unwrap_err(),
                AppError::validation("ورود", "نام کاربری یا کلمه عبور درست نیست."),
                "{}: {p:?}",
                t.name
            );
            assert!(
                matches!(
                    Range::parse(Some(p), None),
                    Err(AppError::Validation { .. })
                ),
                "{p:?}"
            );

            // Stored and read back exactly as written.
            let body = format!("{p} — {p}");
            let code = message::send(
                db,
                &Acting::anonymous(None),
                MessageKind::Suggestion,
                p,
                &body,
                p,
            )
            .await
            .unwrap_or_else(|e| panic!("{}: send {p:?}: {e:?}", t.name));
            let read = message::lookup(db, None, &code).await.unwrap();
            assert_eq!(read.subject, p.trim(), "{}", t.name);
        }
        assert_eq!(rows(db, "content_items").await, items, "{}", t.name);
        assert_eq!(rows(db, "users").await, users, "{}", t.name);
        assert_eq!(
            rows(db, "messages").await,
            messages + PAYLOADS.len() as i64,
            "{}",
            t.name
        );
    }
}
