//! Services and migrations on real databases: SQLite always, PostgreSQL when
//! `PORTAL_TEST_POSTGRES_URL` is set.
#![cfg(feature = "ssr")]

use crate::common;

use app::model::OfficeKind;
use app::server::services::{account, contact, counter_office, demo};
use app::server::{db, migration};

#[tokio::test]
async fn migrations_create_the_schema_and_are_idempotent() {
    for t in common::all().await {
        // Running them again changes nothing and does not fail.
        migration::run(&t.conn).await.unwrap();
        let fresh = db::connect(&t.url).await.unwrap();
        migration::run(&fresh).await.unwrap();
        assert!(db::is_healthy(&t.conn).await, "{}", t.name);
        // The company's real contact block is there without any demo content.
        let offices = contact::list_offices(&t.conn).await.unwrap();
        assert_eq!(offices.len(), 1, "{}", t.name);
        let company = &offices[0];
        assert_eq!(company.kind, OfficeKind::Company);
        assert_eq!(company.postal_code.as_deref(), Some("3715653184"));
        assert_eq!(company.email.as_deref(), Some("info@qmrw.ir"));
        assert_eq!(company.fax.as_deref(), Some("025-37839092"));
        assert!(!company.is_sample);
    }
}

#[tokio::test]
async fn first_start_creates_one_administrator() {
    for t in common::all().await {
        let first = account::ensure_first_admin(&t.conn, None).await.unwrap();
        let account::FirstAdmin::CreatedWithGeneratedPassword(password) = first else {
            panic!("{}: expected a generated password, got {first:?}", t.name);
        };
        assert!(password.len() >= 20);
        assert!(account::check_credentials(&t.conn, "admin", &password)
            .await
            .unwrap());
        assert!(
            !account::check_credentials(&t.conn, "admin", "wrong-password")
                .await
                .unwrap()
        );
        // A second start leaves it alone, even with a configured password.
        assert_eq!(
            account::ensure_first_admin(&t.conn, Some("another-long-password"))
                .await
                .unwrap(),
            account::FirstAdmin::Exists
        );
        assert!(
            !account::check_credentials(&t.conn, "admin", "another-long-password")
                .await
                .unwrap()
        );
        assert_eq!(account::admin_count(&t.conn).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn configured_admin_password_is_used_and_validated() {
    for t in common::all().await {
        assert_eq!(
            account::ensure_first_admin(&t.conn, Some("qom-water-1403"))
                .await
                .unwrap(),
            account::FirstAdmin::Created
        );
        assert!(
            account::check_credentials(&t.conn, "admin", "qom-water-1403")
                .await
                .unwrap()
        );
        let err = account::create_admin(&t.conn, "admin", "x", "long-enough-pass-1")
            .await
            .unwrap_err();
        assert!(
            err.to_string().contains("پیش‌تر ثبت شده"),
            "{}: {err}",
            t.name
        );
        let err = account::create_admin(&t.conn, "sara", "x", "short")
            .await
            .unwrap_err();
        assert!(
            err.to_string().starts_with("کلمه عبور"),
            "{}: {err}",
            t.name
        );
        let err = account::create_admin(&t.conn, "Sara Admin", "x", "long-enough-pass-1")
            .await
            .unwrap_err();
        assert!(
            err.to_string().starts_with("نام کاربری"),
            "{}: {err}",
            t.name
        );
        assert_eq!(account::admin_count(&t.conn).await.unwrap(), 1);
    }
}

#[tokio::test]
async fn demo_content_is_marked_and_loaded_once() {
    for t in common::all().await {
        let first = demo::seed(&t.conn).await.unwrap();
        assert!(first.counter_offices > 0 && first.county_offices > 0 && first.content_items > 0);
        let again = demo::seed(&t.conn).await.unwrap();
        assert_eq!(again, demo::Seeded::default(), "{}: seeding twice", t.name);

        let offices = contact::list_offices(&t.conn).await.unwrap();
        assert_eq!(offices.len(), 1 + first.county_offices);
        assert_eq!(offices[0].kind, OfficeKind::Company, "company first");
        assert!(
            !offices[0].is_sample,
            "the real contact block is not a sample"
        );
        assert!(offices[1..]
            .iter()
            .all(|o| o.is_sample && o.kind == OfficeKind::County));

        let counters = counter_office::list(&t.conn).await.unwrap();
        assert_eq!(counters.len(), first.counter_offices);
        assert!(counters.iter().all(|c| c.is_sample));
        // Grouped by county, codes stored with Latin digits.
        let mut counties: Vec<_> = counters.iter().map(|c| c.county.clone()).collect();
        let n = counties.len();
        counties.dedup();
        let mut sorted = counties.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            counties.len(),
            sorted.len(),
            "{}: one run per county of {n}",
            t.name
        );
        assert!(counters
            .iter()
            .all(|c| c.code.chars().all(|d| d.is_ascii_digit())));

        let footer = contact::site_footer(&t.conn).await.unwrap();
        assert_eq!(
            footer.company.unwrap().postal_code.as_deref(),
            Some("3715653184")
        );
        // The related sites are the published `link` items, in their set order.
        let titles: Vec<_> = footer
            .related_sites
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(
            titles,
            [
                "وزارت نیرو",
                "شرکت مدیریت منابع آب ایران",
                "پنجره‌ی ملی خدمات دولت هوشمند"
            ],
            "{}",
            t.name
        );
        assert!(footer
            .related_sites
            .iter()
            .all(|s| s.is_sample && s.url.starts_with("https://")));
    }
}

#[tokio::test]
async fn backup_of_sqlite_is_a_working_copy() {
    let t = common::sqlite().await;
    demo::seed(&t.conn).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    app::server::services::backup::backup(&t.conn, &t.url, &target)
        .await
        .unwrap();
    // Refuses to overwrite.
    assert!(
        app::server::services::backup::backup(&t.conn, &t.url, &target)
            .await
            .is_err()
    );
    let copy = db::connect(&format!("sqlite://{}", target.display()))
        .await
        .unwrap();
    let offices = contact::list_offices(&copy).await.unwrap();
    assert_eq!(offices, contact::list_offices(&t.conn).await.unwrap());
}

/// Runs only where PostgreSQL is configured (CI always): `pg_dump` of a live database,
/// restored with `pg_restore` into an empty one, gives back the same content.
#[tokio::test]
async fn backup_of_postgres_restores_into_a_new_database() {
    let Some(t) = common::postgres().await else {
        eprintln!("PORTAL_TEST_POSTGRES_URL not set: PostgreSQL backup not tested");
        return;
    };
    demo::seed(&t.conn).await.unwrap();
    account::ensure_first_admin(&t.conn, Some("backup-rahbar-1403"))
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("portal.dump");
    app::server::services::backup::backup(&t.conn, &t.url, &target)
        .await
        .unwrap();

    let restored_url = common::empty_postgres_url().await.unwrap();
    let status = std::process::Command::new("pg_restore")
        .arg("--no-owner")
        .arg("--dbname")
        .arg(&restored_url)
        .arg(&target)
        .status()
        .unwrap();
    assert!(status.success(), "pg_restore failed: {status}");
    let restored = db::connect(&restored_url).await.unwrap();
    // The restored copy is already at the latest migration, and holds the same data.
    migration::run(&restored).await.unwrap();
    assert_eq!(
        contact::list_offices(&restored).await.unwrap(),
        contact::list_offices(&t.conn).await.unwrap()
    );
    assert_eq!(
        counter_office::list(&restored).await.unwrap(),
        counter_office::list(&t.conn).await.unwrap()
    );
    assert!(
        account::check_credentials(&restored, "admin", "backup-rahbar-1403")
            .await
            .unwrap()
    );
}

#[tokio::test]
async fn writers_take_turns_and_a_dropped_transaction_gives_its_turn_back() {
    use app::server::services::audit::{self, Event};
    const TURNS: &str = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'test.turn'";
    async fn record(txn: &db::WriteTxn) {
        audit::record_as(
            txn,
            None,
            "آزمون".into(),
            None,
            Event::new("test.turn", "نوبت"),
        )
        .await
        .unwrap();
    }
    for t in common::all().await {
        let conn = &t.conn;
        // Dropped uncommitted: nothing is kept, and the next writer gets its turn.
        let dropped = db::write_txn(conn).await.unwrap();
        record(&dropped).await;
        drop(dropped);
        assert_eq!(common::count(conn, TURNS).await, 0, "{}", t.name);

        // While one writer holds its transaction, another waits on SQLite (one writer at a
        // time) and writes once the first commits; neither fails.
        let first = db::write_txn(conn).await.unwrap();
        record(&first).await;
        let second = tokio::spawn({
            let conn = conn.clone();
            async move {
                let txn = db::write_txn(&conn).await.unwrap();
                record(&txn).await;
                txn.commit().await.unwrap();
            }
        });
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        if t.name == "sqlite" {
            assert!(
                !second.is_finished(),
                "the second writer waits for its turn"
            );
        }
        first.commit().await.unwrap();
        second.await.unwrap();
        assert_eq!(common::count(conn, TURNS).await, 2, "{}", t.name);

        // Many writers at once: every one gets its turn and commits.
        let writers: Vec<_> = (0..40)
            .map(|_| {
                let conn = conn.clone();
                tokio::spawn(async move {
                    let txn = db::write_txn(&conn).await.unwrap();
                    record(&txn).await;
                    txn.commit().await.unwrap();
                })
            })
            .collect();
        for w in writers {
            w.await.unwrap();
        }
        assert_eq!(common::count(conn, TURNS).await, 42, "{}", t.name);
    }
}

/// A server's pool opens all its PostgreSQL connections at start and keeps them; a command's
/// opens one, and more only as they are needed.
#[tokio::test]
async fn a_serving_pool_opens_its_postgresql_connections_at_start() {
    let Some(url) = common::empty_postgres_url().await else {
        return;
    };
    let tool = db::connect(&url).await.unwrap();
    assert_eq!(tool.get_postgres_connection_pool().size(), 1);
    let serving = db::open(&url, db::PoolUse::Serve).await.unwrap();
    assert_eq!(
        serving.get_postgres_connection_pool().size(),
        db::POSTGRES_CONNECTIONS
    );
    // PostgreSQL sees them, and the pool answers.
    let open = common::count(
        &tool,
        "SELECT COUNT(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .await;
    assert!(
        open >= i64::from(db::POSTGRES_CONNECTIONS),
        "{open} connections open"
    );
    for _ in 0..32 {
        assert!(db::is_healthy(&serving).await);
    }
}
