//! Ranked word search over published content on real databases (FTS5 on SQLite, full text
//! on PostgreSQL): Persian normalization of text and query, ranking, visibility and
//! schedule, the kind filter, and the index following every save.
#![cfg(feature = "ssr")]

mod common;

use app::model::{ContentKind, SearchResults, Visibility};
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
            search::search(db, q, kind, audience, 1, Utc::now())
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
