//! Visitor statistics on real databases, driven with known visitors, page views and times:
//! two recorders on one database stand for two server instances (on PostgreSQL too, when
//! configured). Every footer figure is checked exactly, through the midnight (Tehran)
//! roll-over, and so are the analytics and their CSV.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{DayCount, LabelCount, VisitorFigures};
use app::persian::{JalaliDate, JalaliDateTime};
use app::server::services::account;
use app::server::services::permission::Acting;
use app::server::services::visitors::{self, Recorder, BURST_VIEWS, PENDING_SECONDS};
use sea_orm::{ConnectionTrait, DatabaseConnection};

const V1: &str = "11111111111111111111111111111111";
const V2: &str = "22222222222222222222222222222222";
const V3: &str = "33333333333333333333333333333333";
const V4: &str = "44444444444444444444444444444444";
const V5: &str = "55555555555555555555555555555555";

/// The instant Tehran's clock reads `h:m` on a day of Azar 1405.
fn tehran(day: u8, h: u8, m: u8) -> i64 {
    JalaliDateTime {
        date: JalaliDate::new(1405, 9, day).unwrap(),
        hour: h,
        minute: m,
        second: 0,
    }
    .to_unix()
}

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-vis-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-vis-1403")
            .await
            .unwrap(),
        None,
    )
}

fn expect(
    f: &VisitorFigures,
    online: i64,
    peak: (i64, i64),
    today: i64,
    yesterday: i64,
    total: i64,
) {
    let got = (f.online, f.peak, f.peak_at, f.today, f.yesterday, f.total);
    assert_eq!(
        got,
        (online, peak.0, Some(peak.1), today, yesterday, total),
        "(online, peak, peak at, today, yesterday, total)"
    );
}

#[tokio::test]
async fn figures_are_exact_across_instances_and_midnight() {
    for tdb in common::all().await {
        let db = &tdb.conn;
        let (a, b) = (Recorder::new(5), Recorder::new(5));
        let t0 = tehran(8, 23, 50);

        // Before anything was seen: zeros, not blanks.
        let empty = a.flush(db, t0 - 60).await.unwrap();
        assert_eq!(
            (empty.online, empty.today, empty.total, empty.peak_at),
            (0, 0, 0, None)
        );

        // v1 arrives from a search engine on instance A without the cookie; its browser
        // comes back with it for the stylesheet a second later, and it reads a page on B.
        a.page_view(V1, false, t0, "/news", Some("www.google.com".into()));
        a.seen(V1, t0 + 1);
        b.page_view(V1, true, t0 + 60, "/laws", Some(String::new()));
        // v2 never returns the cookie (a program that keeps none): never counted.
        a.page_view(V2, false, t0 + 10, "/news", Some(String::new()));
        // v3 comes back with its cookie to B and reads two pages.
        b.page_view(V3, true, t0 + 20, "/", Some(String::new()));
        b.page_view(V3, true, t0 + 25, "/news", None);
        // v4 reads more pages than a person can between two flushes: a crawler.
        for i in 0..=BURST_VIEWS as i64 {
            a.page_view(V4, true, t0 + i / 10, &format!("/news/{i}"), None);
        }
        // Searches: v1's twice (counted once), v3's once, and none by the crawler v4.
        let term = ["کد".to_string(), "ملی".to_string()];
        a.search(V1, &term, t0 + 5);
        a.search(V1, &term, t0 + 6);
        b.search(V3, &term, t0 + 21);
        a.search(V4, &term, t0 + 7);

        let fa = a.flush(db, t0 + 30).await.unwrap();
        expect(&fa, 1, (1, t0 + 30), 1, 0, 1);
        let fb = b.flush(db, t0 + 70).await.unwrap();
        expect(&fb, 2, (2, t0 + 70), 2, 0, 2);
        assert_eq!(fb.updated_at, t0 + 70);
        assert_eq!(fb.online_minutes, 5);

        // The cookie-less page view waited its time and is gone, not counted later.
        a.seen(V2, t0 + PENDING_SECONDS + 20);
        // (v2 returning now is a new visit of its own: the earlier view was dropped.)
        let fa = a.flush(db, t0 + PENDING_SECONDS + 30).await.unwrap();
        expect(&fa, 3, (3, t0 + PENDING_SECONDS + 30), 3, 0, 3);

        // Past midnight: v1 goes on with the same visit (15 minutes later), v5 is new.
        let t1 = tehran(9, 0, 5);
        assert_eq!(t1 - t0, 15 * 60);
        a.page_view(V1, true, t1, "/news", Some(String::new()));
        a.page_view(V5, false, t1, "/water", Some(String::new()));
        a.seen(V5, t1 + 2);
        let fa = a.flush(db, t1 + 5).await.unwrap();
        // Online: v1 and v5 (v2 and v3 were last seen more than five minutes ago).
        expect(&fa, 2, (3, t0 + PENDING_SECONDS + 30), 1, 3, 4);
        // The other instance, asked right after midnight before it flushed anything new,
        // reads the same day's figures from the database.
        let fb = b.flush(db, t1 + 6).await.unwrap();
        expect(&fb, 2, (3, t0 + PENDING_SECONDS + 30), 1, 3, 4);

        // v1 comes back after 40 minutes away: a new visit.
        let t2 = tehran(9, 0, 45);
        b.page_view(V1, true, t2, "/tenders", Some("t.me".into()));
        let fb = b.flush(db, t2 + 1).await.unwrap();
        expect(&fb, 1, (3, t0 + PENDING_SECONDS + 30), 2, 3, 5);

        // The analytics: every day of the week, hours, pages, searches and referrers.
        let acting = admin(db).await;
        let an = visitors::analytics(db, &acting, 7, t2 + 2).await.unwrap();
        assert_eq!(an.per_day.len(), 7);
        let day = |d: &str, visits, views, peak| DayCount {
            day: d.into(),
            visits,
            views,
            peak_online: peak,
        };
        assert_eq!(
            an.per_day[5..],
            [day("1405/09/08", 3, 4, 3), day("1405/09/09", 2, 3, 2)]
        );
        assert_eq!(an.per_day[0], day("1405/09/03", 0, 0, 0));
        // Visits by the hour they began in: v1, v3, v2 at 23; v5 and v1's second at 0.
        assert_eq!(an.per_hour[23], (3, 4));
        assert_eq!(an.per_hour[0], (2, 3));
        assert_eq!(an.per_hour.iter().map(|h| h.0).sum::<i64>(), 5);
        let lc = |l: &str, count| LabelCount {
            label: l.into(),
            count,
        };
        assert_eq!(
            an.top_pages,
            [
                lc("/news", 3),
                lc("/", 1),
                lc("/laws", 1),
                lc("/tenders", 1),
                lc("/water", 1)
            ]
        );
        assert_eq!(an.top_searches, [lc("کد ملی", 2)]);
        assert_eq!(
            an.referrers,
            [lc("", 3), lc("t.me", 1), lc("www.google.com", 1)]
        );
        let csv = visitors::csv(&an);
        assert!(csv.contains("1405/09/08,3,4,3"), "{csv}");
        assert!(csv.contains("www.google.com"), "{csv}");
        assert!(
            matches!(
                visitors::analytics(db, &Acting::anonymous(None), 7, t2).await,
                Err(AppError::Unauthenticated | AppError::Forbidden)
            ),
            "{}",
            tdb.name
        );
    }
}

#[tokio::test]
async fn a_failed_flush_keeps_what_it_took() {
    let tdb = common::sqlite().await;
    let r = Recorder::new(5);
    let t = tehran(8, 10, 0);
    r.page_view(V1, true, t, "/", Some(String::new()));
    // A database that is gone: the flush fails and keeps the visit for the next one.
    tdb.conn
        .execute_unprepared("ALTER TABLE visit_days RENAME TO visit_days_away")
        .await
        .unwrap();
    assert!(r.flush(&tdb.conn, t + 5).await.is_err());
    tdb.conn
        .execute_unprepared("ALTER TABLE visit_days_away RENAME TO visit_days")
        .await
        .unwrap();
    let f = r.flush(&tdb.conn, t + 10).await.unwrap();
    assert_eq!((f.today, f.total, f.online), (1, 1, 1));

    // A batch the database keeps refusing is dropped after a few tries, not kept forever.
    r.page_view(V2, true, t + 20, "/news", Some(String::new()));
    tdb.conn
        .execute_unprepared("ALTER TABLE visit_days RENAME TO visit_days_away")
        .await
        .unwrap();
    for i in 0..visitors::MAX_FAILED_FLUSHES as i64 {
        assert!(r.flush(&tdb.conn, t + 25 + i).await.is_err());
    }
    tdb.conn
        .execute_unprepared("ALTER TABLE visit_days_away RENAME TO visit_days")
        .await
        .unwrap();
    let f = r.flush(&tdb.conn, t + 40).await.unwrap();
    assert_eq!((f.today, f.total), (1, 1), "the refused batch was dropped");
}
