//! The publishing engine on real databases: permission per section, the workflow with and
//! without review, pending edits of published items, scheduling, revisions (compare and
//! restore), sanitization against an XSS payload list, filters and demo content. (View
//! counts are in `views.rs`.)
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{ContentKind, ContentState, Visibility};
use app::server::services::account;
use app::server::services::content::views::Views;
use app::server::services::content::{self, Draft, ListFilter, Transition};
use app::server::services::custodian;
use app::server::services::permission::Acting;
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;
use std::collections::BTreeMap;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-content-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-content-1403")
            .await
            .unwrap(),
        None,
    )
}

fn news(title: &str, body: &str) -> Draft {
    Draft {
        title: title.into(),
        summary: "خلاصه‌ی خبر".into(),
        body: body.into(),
        ..Default::default()
    }
}

/// News item `id` as its public page shows it at `now`.
async fn public_news(
    db: &DatabaseConnection,
    id: i32,
    now: chrono::DateTime<Utc>,
) -> Result<app::model::PublicContent, AppError> {
    content::public_item(
        db,
        &Views::default(),
        ContentKind::News,
        id,
        Visibility::Public,
        now,
    )
    .await
}

fn public_titles(list: &app::model::ContentList) -> Vec<String> {
    list.items.iter().map(|c| c.title.clone()).collect()
}

#[tokio::test]
async fn the_workflow_respects_sections_and_review() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let writer = common::custodian_of(db, &admin, 1, "news").await;
        let now = Utc::now();
        let list = |db: &DatabaseConnection| {
            let db = db.clone();
            async move {
                content::public_list(
                    &db,
                    ContentKind::News,
                    &ListFilter::default(),
                    Visibility::Public,
                    Utc::now(),
                )
                .await
                .unwrap()
            }
        };

        // Nobody signed in writes nothing; a news custodian writes no law.
        assert_eq!(
            content::create(
                db,
                &Acting::anonymous(None),
                ContentKind::News,
                &news("خبر آزمایشی", "<p>متن</p>"),
                None
            )
            .await
            .err(),
            Some(AppError::Unauthenticated)
        );
        let law = Draft {
            title: "قانون آزمایشی".into(),
            body: "<p>متن قانون</p>".into(),
            fields: BTreeMap::from([
                ("subkind".into(), "law".into()),
                ("ref_number".into(), "۱۲۳".into()),
                ("ref_date".into(), "۱۴۰۲/۰۵/۰۱".into()),
                ("authority".into(), "مجلس".into()),
            ]),
            ..Default::default()
        };
        assert_eq!(
            content::create(db, &writer, ContentKind::Law, &law, None)
                .await
                .err(),
            Some(AppError::Forbidden),
            "{}",
            t.name
        );
        let law_id = content::create(db, &admin, ContentKind::Law, &law, None)
            .await
            .unwrap();
        assert_eq!(
            content::update(db, &writer, law_id, &law, None).await.err(),
            Some(AppError::Forbidden)
        );

        // News needs review: the custodian writes and submits; only the administrator publishes.
        let id = content::create(
            db,
            &writer,
            ContentKind::News,
            &news("افتتاح تصفیه‌خانه", "<p>نسخه‌ی یک</p>"),
            None,
        )
        .await
        .unwrap();
        assert!(list(db).await.items.is_empty(), "a draft is not public");
        assert_eq!(
            content::transition(db, &writer, id, Transition::Publish, "")
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        content::transition(db, &writer, id, Transition::Submit, "")
            .await
            .unwrap();
        assert_eq!(
            content::review_queue(db, &Views::default(), &admin)
                .await
                .unwrap()
                .len(),
            1
        );
        assert!(content::review_queue(db, &Views::default(), &writer)
            .await
            .unwrap()
            .is_empty());
        // Sent back with a note, resubmitted, published.
        content::transition(db, &admin, id, Transition::Reject, "عکس را هم بگذارید")
            .await
            .unwrap();
        let e = content::editor(db, &writer, id).await.unwrap();
        assert_eq!(e.state, ContentState::Draft);
        assert_eq!(e.review_note.as_deref(), Some("عکس را هم بگذارید"));
        content::transition(db, &writer, id, Transition::Submit, "")
            .await
            .unwrap();
        content::transition(db, &admin, id, Transition::Publish, "")
            .await
            .unwrap();
        assert_eq!(
            public_titles(&list(db).await),
            vec!["افتتاح تصفیه‌خانه"],
            "{}",
            t.name
        );
        // A wrong move is refused in Persian.
        assert!(matches!(
            content::transition(db, &admin, id, Transition::Submit, "").await,
            Err(AppError::Validation { .. })
        ));

        // The custodian's edit of a published item waits; the public keeps the old text.
        content::update(
            db,
            &writer,
            id,
            &news("افتتاح تصفیه‌خانه‌ی شماره‌ی دو", "<p>نسخه‌ی دو</p>"),
            None,
        )
        .await
        .unwrap();
        let shown = public_news(db, id, Utc::now()).await.unwrap();
        assert_eq!(shown.card.title, "افتتاح تصفیه‌خانه");
        assert!(shown.body_html.contains("نسخه‌ی یک"));
        let e = content::editor(db, &writer, id).await.unwrap();
        assert!(e.pending_edit);
        assert_eq!(
            e.title, "افتتاح تصفیه‌خانه‌ی شماره‌ی دو",
            "the editor shows the pending edit"
        );
        content::transition(db, &admin, id, Transition::Publish, "")
            .await
            .unwrap();
        let shown = public_news(db, id, Utc::now()).await.unwrap();
        assert_eq!(shown.card.title, "افتتاح تصفیه‌خانه‌ی شماره‌ی دو");
        assert_eq!(
            shown.section_title, "اخبار و اطلاعیه‌ها",
            "the author is the section"
        );

        // Revisions: 1 create + 1 edit; compare shows the change; restore brings back v1.
        let revs = content::revisions(db, &admin, id).await.unwrap();
        assert_eq!(revs.len(), 2);
        let diff = content::compare(db, &admin, id, 1, 2).await.unwrap();
        assert!(
            diff.parts
                .iter()
                .any(|p| p.change == 1 && p.text.contains("دو")),
            "{:?}",
            diff.parts
        );
        assert!(diff
            .parts
            .iter()
            .any(|p| p.change == -1 && p.text.contains("یک")));
        content::restore(db, &admin, id, 1).await.unwrap();
        assert_eq!(content::revisions(db, &admin, id).await.unwrap().len(), 3);
        let shown = public_news(db, id, Utc::now()).await.unwrap();
        assert_eq!(shown.card.title, "افتتاح تصفیه‌خانه");

        // Archive hides it; reopen makes it a draft again.
        content::transition(db, &admin, id, Transition::Archive, "")
            .await
            .unwrap();
        assert!(list(db).await.items.is_empty());
        assert_eq!(
            public_news(db, id, Utc::now()).await.err(),
            Some(AppError::NotFound)
        );
        content::transition(db, &writer, id, Transition::Reopen, "")
            .await
            .unwrap();

        // Where review is not required, the custodian publishes directly.
        custodian::set_review_required(db, &admin, "news", false)
            .await
            .unwrap();
        let writer = Acting::user(
            account::login(db, None, "custodian1", "custodian-pass-1403")
                .await
                .unwrap(),
            None,
        );
        content::transition(db, &writer, id, Transition::Publish, "")
            .await
            .unwrap();
        assert_eq!(list(db).await.items.len(), 1);
        let _ = now;
    }
}

#[tokio::test]
async fn scheduled_items_appear_and_disappear_exactly_when_due() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let now = Utc::now();
        // Tehran wall-clock strings for the schedule: a minute granularity.
        let at = |d: chrono::DateTime<Utc>| content::show_moment(d, true);
        let from = now + Duration::hours(2);
        let until = now + Duration::hours(5);
        let mut d = news("خبر زمان‌بندی‌شده", "<p>متن</p>");
        d.publish_at = at(from);
        d.unpublish_at = at(until);
        let id = content::create(db, &admin, ContentKind::News, &d, None)
            .await
            .unwrap();
        content::transition(db, &admin, id, Transition::Publish, "")
            .await
            .unwrap();
        let due = content::parse_moment("", &at(from), true).unwrap();
        let end = content::parse_moment("", &at(until), true).unwrap();
        let count = |when| async move {
            content::public_list(
                db,
                ContentKind::News,
                &ListFilter::default(),
                Visibility::Public,
                when,
            )
            .await
            .unwrap()
            .items
            .len()
        };
        assert_eq!(count(now).await, 0, "{}: before its time", t.name);
        assert_eq!(count(due - Duration::seconds(1)).await, 0, "a second early");
        assert_eq!(count(due).await, 1, "exactly at its time");
        assert_eq!(count(end - Duration::seconds(1)).await, 1);
        assert_eq!(count(end).await, 0, "gone exactly at its end");
        assert!(public_news(db, id, now).await.is_err());
        assert!(public_news(db, id, due).await.is_ok());
        // The end must follow the start.
        let mut bad = news("زمان نادرست", "<p>متن</p>");
        bad.publish_at = at(until);
        bad.unpublish_at = at(from);
        assert!(content::create(db, &admin, ContentKind::News, &bad, None)
            .await
            .is_err());
    }
}

const XSS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<body onload=alert(1)>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
    "<form action=\"javascript:alert(1)\"><button>x</button></form>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<p onmouseover=\"alert(1)\">متن</p>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<input autofocus onfocus=alert(1)>",
];

#[tokio::test]
async fn no_payload_survives_sanitizing() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        for (i, payload) in XSS.iter().enumerate() {
            let body = format!("<p>متن {i}</p>{payload}");
            let id = content::create(
                db,
                &admin,
                ContentKind::News,
                &news(&format!("خبر {i}"), &body),
                None,
            )
            .await
            .unwrap();
            let stored = content::editor(db, &admin, id).await.unwrap().body;
            let lower = stored.to_lowercase();
            for bad in [
                "<script",
                "onerror",
                "onload",
                "onmouseover",
                "onfocus",
                "javascript:",
                "<iframe",
                "<svg",
                "<object",
                "<form",
                "style=",
                "data:text",
                "<input",
            ] {
                assert!(!lower.contains(bad), "{}: {payload} → {stored}", t.name);
            }
            assert!(stored.contains(&format!("متن {i}")));
        }
    }
}

#[tokio::test]
async fn lists_filter_by_kind_topic_year_and_state() {
    for t in common::all().await {
        let db = &t.conn;
        app::server::services::demo::seed(db).await.unwrap();
        let laws = |f: ListFilter| async move {
            content::public_list(db, ContentKind::Law, &f, Visibility::Public, Utc::now())
                .await
                .unwrap()
        };
        let all = laws(ListFilter::default()).await;
        assert_eq!(all.total, 3, "{}", t.name);
        assert!(
            all.items.iter().all(|c| c.is_sample),
            "demo content is marked"
        );
        assert_eq!(
            all.items[0].title, "بخشنامه‌ی نمونه درباره‌ی تعرفه‌ی حق‌النظاره",
            "newest first"
        );
        let bylaws = laws(ListFilter {
            subkind: Some("bylaw".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(bylaws.total, 1);
        let topic = all
            .topics
            .iter()
            .find(|t| t.title == "منابع آب")
            .unwrap()
            .id;
        assert_eq!(
            laws(ListFilter {
                topic: Some(topic),
                ..Default::default()
            })
            .await
            .total,
            1
        );
        assert_eq!(
            laws(ListFilter {
                year: Some(1379),
                ..Default::default()
            })
            .await
            .total,
            1
        );
        assert!(all.years.contains(&1361) && all.years.contains(&1403));
        let oldest = laws(ListFilter {
            sort: Some("old".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(oldest.items[0].title, "قانون توزیع عادلانه آب");
        // Tenders: one open, one closed by deadline.
        let open = content::public_list(
            db,
            ContentKind::Tender,
            &ListFilter {
                open_only: true,
                ..Default::default()
            },
            Visibility::Public,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(open.total, 1);
        // FAQ search and hand order.
        let faq = content::public_list(
            db,
            ContentKind::Faq,
            &ListFilter {
                q: Some("رهگیری".into()),
                ..Default::default()
            },
            Visibility::Public,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(faq.total, 1);
        assert!(faq.items[0]
            .body_html
            .as_deref()
            .unwrap_or("")
            .contains("رایانامه"));
        // Demo content is loaded once.
        assert_eq!(
            app::server::services::demo::seed(db)
                .await
                .unwrap()
                .content_items,
            0
        );
    }
}

#[tokio::test]
async fn topics_are_data_kept_by_their_sections() {
    use app::server::services::topics::{self, TopicInput};
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let writer = common::custodian_of(db, &admin, 1, "news").await;
        let input = |kind: &str, id: Option<i32>, title: &str, order: &str| TopicInput {
            kind: kind.into(),
            id,
            title: title.into(),
            sort_order: order.into(),
        };

        // The news custodian sees and keeps news categories only; laws' topics are refused.
        let groups = topics::for_staff(db, &writer).await.unwrap();
        assert_eq!(
            groups.iter().map(|g| g.kind).collect::<Vec<_>>(),
            [ContentKind::News],
            "{}",
            t.name
        );
        assert_eq!(
            topics::save(db, &writer, &input("law", None, "آب‌های زیرزمینی", ""))
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            topics::for_staff(db, &Acting::anonymous(None)).await.err(),
            Some(AppError::Unauthenticated)
        );
        // Kinds without topics (links, tenders) have none to keep.
        assert_eq!(
            topics::save(db, &admin, &input("link", None, "پیوندها", ""))
                .await
                .err(),
            Some(AppError::NotFound)
        );
        let all = topics::for_staff(db, &admin).await.unwrap();
        assert_eq!(
            all.len(),
            5,
            "{}: laws, news, FAQ, research priorities, knowledge topics",
            t.name
        );

        // Added last; Persian digits in the order; duplicates refused.
        let id = topics::save(db, &writer, &input("news", None, "  خشکسالی  ", ""))
            .await
            .unwrap();
        let news_topics = |groups: Vec<app::model::TopicGroup>| groups[0].topics.clone();
        let rows = news_topics(topics::for_staff(db, &writer).await.unwrap());
        assert_eq!(rows.last().unwrap().title, "خشکسالی");
        assert!(matches!(
            topics::save(db, &writer, &input("news", None, "خشکسالی", "")).await,
            Err(AppError::Validation { .. })
        ));
        topics::save(
            db,
            &writer,
            &input("news", Some(id), "خشکسالی و کم‌آبی", "۰"),
        )
        .await
        .unwrap();
        let rows = news_topics(topics::for_staff(db, &writer).await.unwrap());
        assert_eq!(
            (rows[0].id, rows[0].title.as_str(), rows[0].sort_order),
            (id, "خشکسالی و کم‌آبی", 0),
            "{}: first after reordering",
            t.name
        );
        assert!(matches!(
            topics::save(db, &writer, &input("news", Some(id), "خشکسالی", "۱۰۰۰")).await,
            Err(AppError::Validation { .. })
        ));

        // In use: it filters the public list and cannot be deleted.
        let item = content::create(
            db,
            &writer,
            ContentKind::News,
            &Draft {
                topic_id: Some(id),
                ..news("خبر کم‌آبی", "<p>متن</p>")
            },
            None,
        )
        .await
        .unwrap();
        content::transition(db, &admin, item, Transition::Publish, "")
            .await
            .unwrap();
        let filtered = content::public_list(
            db,
            ContentKind::News,
            &ListFilter {
                topic: Some(id),
                ..Default::default()
            },
            Visibility::Public,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(public_titles(&filtered), ["خبر کم‌آبی"]);
        assert_eq!(filtered.items[0].topic.as_deref(), Some("خشکسالی و کم‌آبی"));
        let rows = news_topics(topics::for_staff(db, &writer).await.unwrap());
        assert_eq!(rows[0].items, 1);
        assert!(matches!(
            topics::delete(db, &writer, id).await,
            Err(AppError::Validation { .. })
        ));

        // Moved away, it goes; restoring the revision that had it drops the topic.
        content::update(db, &admin, item, &news("خبر کم‌آبی", "<p>متن دوم</p>"), None)
            .await
            .unwrap();
        topics::delete(db, &writer, id).await.unwrap();
        content::restore(db, &admin, item, 1).await.unwrap();
        let editor = content::editor(db, &admin, item).await.unwrap();
        assert_eq!(
            (editor.body.as_str(), editor.topic_id),
            ("<p>متن</p>", None)
        );
        let log = app::server::services::audit::list(db, &Default::default(), 1)
            .await
            .unwrap();
        let actions: Vec<_> = log.entries.iter().map(|r| r.action.as_str()).collect();
        assert!(actions.contains(&"topic.saved") && actions.contains(&"topic.deleted"));
    }
}
