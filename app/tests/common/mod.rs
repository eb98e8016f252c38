//! Real databases for tests: a fresh SQLite file, and a fresh PostgreSQL database when
//! `PORTAL_TEST_POSTGRES_URL` is set (CI sets it). Migrations run in every one.
#![allow(dead_code)]

use app::server::{db, migration};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

pub struct TestDb {
    pub name: &'static str,
    pub url: String,
    pub conn: DatabaseConnection,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
    let conn = db::connect(&url).await.expect("open sqlite");
    migration::run(&conn).await.expect("migrate sqlite");
    TestDb {
        name: "sqlite",
        url,
        conn,
        _dir: Some(dir),
    }
}

/// The URL of a new, empty PostgreSQL database on the server `PORTAL_TEST_POSTGRES_URL`
/// names; `None` when it is not set.
pub async fn empty_postgres_url() -> Option<String> {
    let base = std::env::var("PORTAL_TEST_POSTGRES_URL").ok()?;
    let admin = db::connect(&base)
        .await
        .expect("connect to PORTAL_TEST_POSTGRES_URL");
    let name = format!("portal_test_{}_{}", std::process::id(), rand_suffix());
    admin
        .execute_raw(Statement::from_string(
            admin.get_database_backend(),
            format!("CREATE DATABASE {name}"),
        ))
        .await
        .expect("create test database");
    let (prefix, _) = base.rsplit_once('/').expect("URL with a database name");
    Some(format!("{prefix}/{name}"))
}

/// A new PostgreSQL database with the migrations applied.
pub async fn postgres() -> Option<TestDb> {
    let url = empty_postgres_url().await?;
    let conn = db::connect(&url).await.expect("connect to test database");
    migration::run(&conn).await.expect("migrate postgres");
    Some(TestDb {
        name: "postgres",
        url,
        conn,
        _dir: None,
    })
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.subsec_nanos() as u64)
        .unwrap_or(0);
    t * 1000 + n
}

/// SQLite always; PostgreSQL too when configured.
pub async fn all() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        dbs.push(pg);
    }
    dbs
}
