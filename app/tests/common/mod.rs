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

/// Waits, when the window of `limit` ends within `need` seconds, for the next one: a test
/// that spends a limit and then expects a refusal must not see the counts start again
/// halfway (windows are aligned to the clock). The wait is at most `need` seconds.
pub async fn room_in_window(limit: app::server::services::rate_limit::Limit, need: i64) {
    let left =
        app::server::services::rate_limit::seconds_left(limit, chrono::Utc::now().timestamp());
    if left <= need {
        tokio::time::sleep(std::time::Duration::from_secs(left as u64 + 1)).await;
    }
}

/// SQLite always; PostgreSQL too when configured.
pub async fn all() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        dbs.push(pg);
    }
    dbs
}

/// A registered and approved account (a valid national ID made from `n`), signed in.
pub async fn approved_person(
    db: &DatabaseConnection,
    admin: &app::server::services::permission::Acting,
    n: u32,
    username: &str,
    password: &str,
) -> app::server::services::permission::Acting {
    use app::server::services::account::{self, Registration};
    use app::server::services::permission::Acting;
    let base = format!("{:09}", 300_000_000 + n);
    let sum: u32 = base
        .chars()
        .enumerate()
        .map(|(i, c)| c.to_digit(10).unwrap() * (10 - i as u32))
        .sum();
    let r = sum % 11;
    let reg = Registration {
        full_name: format!("کارمند {n}"),
        national_id: format!("{base}{}", if r < 2 { r } else { 11 - r }),
        mobile: format!("0935{n:07}"),
        email: format!("{username}@example.ir"),
        username: username.into(),
        password: password.into(),
        password_repeat: password.into(),
        accept_terms: true,
    };
    let id = account::register(db, &Acting::anonymous(None), &reg)
        .await
        .unwrap();
    account::approve(db, admin, id).await.unwrap();
    Acting::user(
        account::login(db, None, username, password).await.unwrap(),
        None,
    )
}

/// `approved_person`, appointed custodian of `section` (every checklist item checked) and
/// signed in again so the session carries the new role.
pub async fn custodian_of(
    db: &DatabaseConnection,
    admin: &app::server::services::permission::Acting,
    n: u32,
    section: &str,
) -> app::server::services::permission::Acting {
    use app::server::services::{account, custodian, permission::Acting};
    let username = format!("custodian{n}");
    let person = approved_person(db, admin, n, &username, "custodian-pass-1403").await;
    let user_id = person.actor.as_ref().unwrap().user_id;
    let a = custodian::nominate(db, admin, user_id, section, "")
        .await
        .unwrap();
    for item in custodian::detail(db, admin, a).await.unwrap().checklist {
        custodian::set_check(db, admin, a, item.item_id, true)
            .await
            .unwrap();
    }
    custodian::appoint(db, admin, a, "").await.unwrap();
    Acting::user(
        account::login(db, None, &username, "custodian-pass-1403")
            .await
            .unwrap(),
        None,
    )
}

/// The `n` column of a one-row query (`SELECT COUNT(*) AS n ...`).
pub async fn count(db: &sea_orm::DatabaseConnection, sql: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    db.query_one_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        sql,
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get::<i64>("", "n")
    .unwrap()
}
