//! Ranked word search over published content on real databases (FTS5 on SQLite, full text
//! on PostgreSQL): Persian normalization of text and query, ranking, visibility and
//! schedule, the kind filter, and the index following every save.
#![cfg(feature = "ssr")]

use crate::common;

use app::model::{ContentKind, SearchResults, SearchScope, Visibility};
use app::server::services::account;
use app::server::services::content::{self, Draft, Transition};
use app::server::services::permission::Acting;
use app::server::services::search;
use chrono::Utc;
use sea_orm::DatabaseConnection;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-search-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-search-1403")
            .await
            .unwrap(),
        None,
    )
}

fn titles(r: &SearchResults) -> Vec<String> {
    r.hits.iter().map(|h| h.card.title.clone()).collect()
}

async fn news(db: &DatabaseConnection, who: &Acting, title: &str, body: &str) -> i32 {
    let d = Draft {
        title: title.into(),
        body: body.into(),
        ..Default::default()
    };
    let id = content::create(db, who, ContentKind::News, &d, None)
        .await
        .unwrap();
    content::transition(db, who, id, Transition::Publish, "")
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn search_finds_ranks_and_respects_visibility() {
    for t in common::all().await {
        let db = &t.conn;
        app::server::services::demo::seed(db).await.unwrap();
        let admin = admin(db).await;
        let find = |q: &'static str, kind: Option<ContentKind>, audience: Visibility| async move {
            let query = search::Query {
                scope: kind.map_or(SearchScope::All, SearchScope::Content),
                ..search::Query::words(q)
            };
            search::search(db, &query, audience, Utc::now())
                .await
                .unwrap()
        };

        // Arabic letters, a keyword field, Persian digits against Latin ones.
        let r = find("تغذيه مصنوعي", None, Visibility::Public).await;
        assert_eq!(
            titles(&r),
            vec!["امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم (نمونه)"],
            "{}",
            t.name
        );
        assert!(
            r.hits[0]
                .snippet
                .iter()
                .any(|(w, hit)| *hit && w.contains("تغذیه")),
            "the word is marked in the passage: {:?}",
            r.hits[0].snippet
        );
        let r = find("فرونشست", Some(ContentKind::Research), Visibility::Public).await;
        assert_eq!(r.total, 1, "{}: from the keywords", t.name);
        let r = find("qrw ۱۴۰۳", None, Visibility::Public).await;
        assert_eq!(
            titles(&r),
            vec!["پیش‌بینی فصلی بارش و ورودی سد ۱۵ خرداد (نمونه)"],
            "{}",
            t.name
        );
        // Prefixes: a word's start finds it.
        assert_eq!(find("فرونش", None, Visibility::Public).await.total, 1);

        // Visibility: the knowledge note for registered users.
        assert_eq!(find("واسنجی", None, Visibility::Public).await.total, 0);
        assert_eq!(find("واسنجي", None, Visibility::Registered).await.total, 1);
        assert_eq!(find("رسوب", None, Visibility::Registered).await.total, 0);
        assert_eq!(find("رسوب", None, Visibility::Staff).await.total, 1);

        // Ranking: the item that is about the word comes first.
        let often = news(
            db,
            &admin,
            "آب‌شیرین‌کن ساحلی",
            "<p>آبشیرینکن تازه. ظرفیت آبشیرینکن دو برابر شد؛ آبشیرینکن با انرژی خورشیدی کار می‌کند.</p>",
        )
        .await;
        news(
            db,
            &admin,
            "گزارش عملکرد سالانه",
            "<p>در این گزارش از سدها، چاه‌ها، شبکه‌های آبیاری، قرائت کنتورها، پایش کیفی و یک آبشیرینکن کوچک در کنار برنامه‌های آموزشی و فرهنگی سخن رفته است.</p>",
        )
        .await;
        let r = find("آبشیرینکن", None, Visibility::Public).await;
        assert_eq!(r.total, 2, "{}", t.name);
        assert_eq!(r.hits[0].card.id, often, "{}: ranked", t.name);

        // The index follows edits: the old word is gone, the new one found (typed with a
        // space where the text has a ZWNJ).
        let d = Draft {
            title: "آب‌شیرین‌کن ساحلی".into(),
            body: "<p>متن تازه درباره‌ی نمک‌زدایی.</p>".into(),
            ..Default::default()
        };
        content::update(db, &admin, often, &d, None).await.unwrap();
        let r = find("نمک زدایی", None, Visibility::Public).await;
        assert_eq!(r.total, 1, "{}", t.name);
        assert_eq!(find("ظرفیت", None, Visibility::Public).await.total, 0);
        // Archived items leave the results.
        content::transition(db, &admin, often, Transition::Archive, "")
            .await
            .unwrap();
        assert_eq!(find("نمک زدایی", None, Visibility::Public).await.total, 0);
        // Nothing to search for, or only punctuation: no results, no error.
        assert_eq!(find("  ;-- \"' ", None, Visibility::Staff).await.total, 0);
    }
}

#[tokio::test]
async fn search_covers_pages_offices_kinds_dates_schedule_and_pages_of_results() {
    for t in common::all().await {
        let db = &t.conn;
        app::server::services::demo::seed(db).await.unwrap();
        let admin = admin(db).await;
        let run = |query: search::Query<'static>| async move {
            search::search(db, &query, Visibility::Public, Utc::now())
                .await
                .unwrap()
        };

        // «كد ملي» with Arabic kaf and yeh finds «کد ملی»; «۱۴۰۳» finds «1403».
        let id = news(
            db,
            &admin,
            "ثبت کد ملی در پرونده‌ی چاه",
            "<p>از سال 1403 درج کد ملی دارنده‌ی پروانه الزامی است.</p>",
        )
        .await;
        let r = run(search::Query::words("كد ملي")).await;
        assert_eq!(
            r.hits.iter().map(|h| h.card.id).collect::<Vec<_>>(),
            vec![id],
            "{}",
            t.name
        );
        assert!(
            r.hits[0].snippet.iter().any(|(w, hit)| *hit && w == "ملی"),
            "{:?}",
            r.hits[0].snippet
        );
        let r = run(search::Query::words("۱۴۰۳ پروانه")).await;
        assert_eq!(r.hits.len(), 1, "{}", t.name);
        assert_eq!(r.hits[0].card.id, id, "{}", t.name);

        // The portal's pages and the counter offices, on the first page only.
        let r = run(search::Query::words("دفاتر پيشخوان")).await;
        assert!(
            r.places
                .iter()
                .any(|p| p.href == "/counter-offices" && p.label == "صفحه‌ی پرتال"),
            "{}: {:?}",
            t.name,
            r.places
        );
        let r = run(search::Query::words("فاطمه نوری")).await;
        assert_eq!(r.places.len(), 1, "{}: {:?}", t.name, r.places);
        assert_eq!(r.places[0].label, "دفتر پیشخوان");
        assert!(
            r.places[0].href.starts_with("/counter-offices?q="),
            "{}",
            r.places[0].href
        );
        assert!(r.places[0].is_sample);
        let r = run(search::Query {
            scope: SearchScope::Content(ContentKind::News),
            ..search::Query::words("فاطمه نوری")
        })
        .await;
        assert!(
            r.places.is_empty(),
            "{}: a content section leaves places out",
            t.name
        );
        let r = run(search::Query {
            scope: SearchScope::Offices,
            ..search::Query::words("کهک")
        })
        .await;
        assert!(
            !r.places.is_empty() && r.places.iter().all(|p| p.label == "دفتر پیشخوان"),
            "{}: {:?}",
            t.name,
            r.places
        );
        assert!(r.hits.is_empty() && r.total == 0, "{}", t.name);

        // Twelve news items with one word: a kind filter and two pages of ten.
        let mut ids = Vec::new();
        for i in 0..12 {
            ids.push(
                news(
                    db,
                    &admin,
                    &format!("بازدید میدانی شماره {i}"),
                    "<p>گزارش بازدید از سامانه‌ی گلخانه‌ای.</p>",
                )
                .await,
            );
        }
        let r = run(search::Query::words("گلخانه‌ای")).await;
        assert_eq!((r.total, r.hits.len()), (12, 10), "{}", t.name);
        let second = run(search::Query {
            page: 2,
            ..search::Query::words("گلخانه ای")
        })
        .await;
        assert_eq!(second.hits.len(), 2, "{}", t.name);
        let mut seen: Vec<i32> = r
            .hits
            .iter()
            .chain(&second.hits)
            .map(|h| h.card.id)
            .collect();
        seen.sort_unstable();
        assert_eq!(seen, ids, "{}: every item once across the pages", t.name);
        let r = run(search::Query {
            scope: SearchScope::Content(ContentKind::Law),
            ..search::Query::words("گلخانه‌ای")
        })
        .await;
        assert_eq!(r.total, 0, "{}", t.name);

        // The window of publication dates: all were published now.
        let today = Utc::now();
        let day = chrono::Duration::days(1);
        let r = run(search::Query {
            from: Some(today - day),
            until: Some(today + day),
            ..search::Query::words("گلخانه‌ای")
        })
        .await;
        assert_eq!(r.total, 12, "{}", t.name);
        assert!(r.places.is_empty(), "{}: places have no date", t.name);
        let r = run(search::Query {
            until: Some(today - day),
            ..search::Query::words("گلخانه‌ای")
        })
        .await;
        assert_eq!(r.total, 0, "{}", t.name);
        let r = run(search::Query {
            from: Some(today + day),
            ..search::Query::words("گلخانه‌ای")
        })
        .await;
        assert_eq!(r.total, 0, "{}", t.name);

        // The schedule: an item to be published tomorrow is not found yet.
        let later =
            app::persian::jalali::JalaliDateTime::from_unix((today + day).timestamp()).unwrap();
        let d = Draft {
            title: "اطلاعیه‌ی زمان‌بندی‌شده‌ی کم‌آبی".into(),
            body: "<p>متن اطلاعیه.</p>".into(),
            publish_at: later.format(),
            ..Default::default()
        };
        let scheduled = content::create(db, &admin, ContentKind::News, &d, None)
            .await
            .unwrap();
        content::transition(db, &admin, scheduled, Transition::Publish, "")
            .await
            .unwrap();
        assert_eq!(
            run(search::Query::words("کم‌آبی زمان‌بندی")).await.total,
            0,
            "{}",
            t.name
        );
        let r = search::search(
            db,
            &search::Query::words("کم‌آبی زمان‌بندی"),
            Visibility::Public,
            today + day * 2,
        )
        .await
        .unwrap();
        assert_eq!(r.total, 1, "{}: found once its time has come", t.name);
    }
}
