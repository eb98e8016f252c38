//! Research and knowledge management on real databases: research projects kept by the
//! research section's custodian and found by their filters and keywords (in Arabic or
//! Persian letters, any digits), calls for proposals open until their deadline, and
//! knowledge items whose visibility holds in lists, pages, word search, feeds, the sitemap
//! and file downloads.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{ContentKind, ContentList, Visibility};
use app::server::services::attachment::{self, Store, Upload};
use app::server::services::content::views::Views;
use app::server::services::content::{self, Draft, Files, ListFilter, Transition};
use app::server::services::permission::Acting;
use app::server::services::{account, custodian};
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;
use std::collections::BTreeMap;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-research-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-research-1403")
            .await
            .unwrap(),
        None,
    )
}

fn draft(title: &str, body: &str, fields: &[(&str, &str)], topic: Option<i32>) -> Draft {
    Draft {
        title: title.into(),
        body: body.into(),
        fields: fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        topic_id: topic,
        ..Default::default()
    }
}

/// What the editor shows, sent back as it is (title, text and fields).
fn redraft(e: &app::model::ContentEditor) -> Draft {
    Draft {
        title: e.title.clone(),
        body: e.body.clone(),
        fields: e.fields.clone(),
        ..Default::default()
    }
}

fn pdf(name: &str) -> Upload {
    Upload {
        field: "attachments".into(),
        file_name: name.into(),
        bytes: format!("%PDF-1.4\n{name}").into_bytes(),
    }
}

/// Creates and publishes an item (with one PDF when `file` is given); returns its id.
async fn publish(
    db: &DatabaseConnection,
    store: &Store,
    who: &Acting,
    kind: ContentKind,
    d: &Draft,
    file: Option<&str>,
) -> i32 {
    let files = Files {
        store,
        attachments: file.map(pdf).into_iter().collect(),
        image: vec![],
    };
    let id = content::create(db, who, kind, d, Some(files))
        .await
        .unwrap();
    content::transition(db, who, id, Transition::Publish, "")
        .await
        .unwrap();
    id
}

fn titles(l: &ContentList) -> Vec<String> {
    let mut t: Vec<String> = l.items.iter().map(|c| c.title.clone()).collect();
    t.sort();
    t
}

async fn list(
    db: &DatabaseConnection,
    kind: ContentKind,
    f: ListFilter,
    audience: Visibility,
) -> ContentList {
    content::public_list(db, kind, &f, audience, Utc::now())
        .await
        .unwrap()
}

async fn file_key(db: &DatabaseConnection, id: i32) -> String {
    attachment::for_owners(db, content::ATTACHMENT_OWNER, &[id])
        .await
        .unwrap()
        .remove(&id)
        .unwrap()[0]
        .key
        .clone()
}

fn field_error(e: AppError) -> String {
    match e {
        AppError::Validation { field, .. } => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[tokio::test]
async fn research_projects_filter_and_calls_close_at_their_deadline() {
    for t in common::all().await {
        let db = &t.conn;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let admin = admin(db).await;
        let keeper = common::custodian_of(db, &admin, 1, "research").await;
        let news_keeper = common::custodian_of(db, &admin, 2, "news").await;
        let topics = content::new_editor(db, &keeper, ContentKind::Research)
            .await
            .unwrap()
            .topics;
        assert!(topics.len() >= 2, "the research priorities are data");
        let (groundwater, climate) = (topics[0].id, topics[1].id);

        let a = draft(
            "پایش فرونشست دشت قم با تصاویر راداری",
            "<p>چکیده‌ی طرح: نرخ فرونشست و پیوند آن با افت تراز آبخوان.</p>",
            &[
                ("ref_number", "QRW-1402-01"),
                ("subkind", "finished"),
                ("executor", "دانشگاه صنعتی اصفهان"),
                ("supervisor", "دفتر مطالعات پایه"),
                ("ref_date", "۱۴۰۲/۰۱/۱۵"),
                ("end_date", "۱۴۰۳/۰۱/۱۰"),
                ("budget", "۲۵۰۰۰۰۰۰۰۰"),
                ("keywords", "فرونشست، آبخوان، InSAR"),
            ],
            Some(groundwater),
        );
        // Only the research section's custodians (and the administrator) keep it.
        assert!(matches!(
            content::create(db, &news_keeper, ContentKind::Research, &a, None).await,
            Err(AppError::Forbidden)
        ));
        // The end cannot come before the start; the executor is required.
        let mut wrong = a.clone();
        wrong.fields.insert("end_date".into(), "۱۴۰۱/۱۲/۰۱".into());
        let e = content::create(db, &keeper, ContentKind::Research, &wrong, None)
            .await
            .unwrap_err();
        assert_eq!(field_error(e), "تاریخ پایان", "{}", t.name);
        let mut wrong = a.clone();
        wrong.fields.remove("executor");
        let e = content::create(db, &keeper, ContentKind::Research, &wrong, None)
            .await
            .unwrap_err();
        assert_eq!(field_error(e), "مجری");

        let a_id = publish(
            db,
            &store,
            &keeper,
            ContentKind::Research,
            &a,
            Some("gozaresh-nahaei.pdf"),
        )
        .await;
        let b = draft(
            "پیش‌بینی بارش فصلی برای بهره‌برداری سد",
            "<p>چکیده‌ی طرح دوم.</p>",
            &[
                ("ref_number", "QRW-1404-02"),
                ("subkind", "in_progress"),
                ("executor", "دانشگاه قم"),
                ("ref_date", "۱۴۰۴/۰۳/۰۱"),
                ("keywords", "بارش، سد"),
            ],
            Some(climate),
        );
        publish(db, &store, &keeper, ContentKind::Research, &b, None).await;
        // A draft with the same keyword is never found.
        let c = draft(
            "طرح پیش‌نویس فرونشست",
            "<p>هنوز منتشر نشده.</p>",
            &[
                ("ref_number", "QRW-1404-03"),
                ("subkind", "proposed"),
                ("executor", "دانشگاه قم"),
                ("ref_date", "۱۴۰۴/۰۴/۰۱"),
            ],
            None,
        );
        content::create(db, &keeper, ContentKind::Research, &c, None)
            .await
            .unwrap();

        let (ta, tb) = (a.title.clone(), b.title.clone());
        let all = list(
            db,
            ContentKind::Research,
            ListFilter::default(),
            Visibility::Public,
        )
        .await;
        assert_eq!(titles(&all), {
            let mut v = vec![ta.clone(), tb.clone()];
            v.sort();
            v
        });
        assert_eq!(
            all.executors,
            vec!["دانشگاه صنعتی اصفهان".to_string(), "دانشگاه قم".to_string()],
            "{}: the executors of what is public",
            t.name
        );
        let only = |f: ListFilter| list(db, ContentKind::Research, f, Visibility::Public);
        let by_status = only(ListFilter {
            subkind: Some("finished".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(titles(&by_status), vec![ta.clone()]);
        let by_executor = only(ListFilter {
            executor: Some("دانشگاه قم".into()),
            ..Default::default()
        })
        .await;
        assert_eq!(
            titles(&by_executor),
            vec![tb.clone()],
            "the draft is not listed"
        );
        let by_year = only(ListFilter {
            year: Some(1402),
            ..Default::default()
        })
        .await;
        assert_eq!(titles(&by_year), vec![ta.clone()], "the year of the start");
        let by_topic = only(ListFilter {
            topic: Some(climate),
            ..Default::default()
        })
        .await;
        assert_eq!(titles(&by_topic), vec![tb.clone()]);
        // Word search reads the keywords, the code and the text, normalized both sides:
        // Arabic yeh and kaf, Persian digits, any case.
        for q in ["فرونشست", "insar", "پايش", "QRW-۱۴۰۲", "افت تراز"] {
            let found = only(ListFilter {
                q: Some(q.into()),
                ..Default::default()
            })
            .await;
            assert_eq!(titles(&found), vec![ta.clone()], "{}: {q}", t.name);
        }
        let none = only(ListFilter {
            q: Some("فرونشست سد".into()),
            ..Default::default()
        })
        .await;
        assert!(none.items.is_empty(), "every word must be there");

        // The page shows the fields; the report downloads for anyone (and may be cached).
        let page = content::public_item(
            db,
            &Views::default(),
            ContentKind::Research,
            a_id,
            Visibility::Public,
            Utc::now(),
        )
        .await
        .unwrap();
        assert_eq!(page.fields["executor"], "دانشگاه صنعتی اصفهان");
        assert_eq!(page.fields["end_date"], "۱۴۰۳/۰۱/۱۰");
        assert_eq!(page.fields["budget"], "2500000000");
        assert_eq!(page.attachments.len(), 1);
        let key = file_key(db, a_id).await;
        let (_, public) = attachment::authorize(db, &Acting::anonymous(None), &key, None)
            .await
            .unwrap();
        assert!(public);

        // Calls for proposals: open until the deadline.
        let call = |title: &str, deadline: chrono::DateTime<Utc>| {
            draft(
                title,
                "<p>متن فراخوان.</p>",
                &[
                    ("ref_number", "۱۴۰۵/پ/۱"),
                    ("ref_date", &content::show_moment(deadline, true)),
                    ("priorities", "کاهش برداشت از آبخوان\nبازچرخانی پساب"),
                ],
                None,
            )
        };
        let open = call("فراخوان باز", Utc::now() + Duration::days(10));
        let closed = call("فراخوان بسته", Utc::now() - Duration::days(1));
        publish(db, &store, &keeper, ContentKind::ResearchCall, &open, None).await;
        publish(
            db,
            &store,
            &keeper,
            ContentKind::ResearchCall,
            &closed,
            None,
        )
        .await;
        let calls = list(
            db,
            ContentKind::ResearchCall,
            ListFilter {
                open_only: true,
                ..Default::default()
            },
            Visibility::Public,
        )
        .await;
        assert_eq!(
            titles(&calls),
            vec!["فراخوان باز".to_string()],
            "{}",
            t.name
        );
        let e = content::create(
            db,
            &keeper,
            ContentKind::ResearchCall,
            &draft(
                "فراخوان بی‌اولویت",
                "<p>متن</p>",
                &[("ref_number", "۱"), ("ref_date", "۱۴۰۵/۰۱/۰۱ ۱۰:۰۰")],
                None,
            ),
            None,
        )
        .await
        .unwrap_err();
        assert_eq!(field_error(e), "اولویت‌های پژوهشی");
    }
}

#[tokio::test]
async fn knowledge_visibility_holds_in_lists_pages_search_feeds_and_files() {
    for t in common::all().await {
        let db = &t.conn;
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let admin = admin(db).await;
        let keeper = common::custodian_of(db, &admin, 1, "research").await;
        let citizen = common::approved_person(db, &admin, 2, "shahrvand", "bargh-abi-1403").await;
        let anonymous = Acting::anonymous(None);
        let keeper_id = keeper.actor.as_ref().unwrap().user_id;
        let citizen_id = citizen.actor.as_ref().unwrap().user_id;

        // The new editor starts with its writer as author and a public visibility; the
        // author must be staff.
        let fresh = content::new_editor(db, &keeper, ContentKind::Knowledge)
            .await
            .unwrap();
        assert_eq!(fresh.fields["author"], keeper_id.to_string());
        assert_eq!(fresh.fields["visibility"], "public");
        assert!(fresh.staff.iter().any(|s| s.id == keeper_id));
        assert!(
            !fresh.staff.iter().any(|s| s.id == citizen_id),
            "{}",
            t.name
        );
        let item = |title: &str, visibility: &str, author: i32| {
            draft(
                title,
                "<p>روش واسنجی باران‌سنج پیش از فصل بارش.</p>",
                &[
                    ("subkind", "note"),
                    ("author", &author.to_string()),
                    ("visibility", visibility),
                ],
                None,
            )
        };
        let e = content::create(
            db,
            &keeper,
            ContentKind::Knowledge,
            &item("نوشته‌ی یک شهروند", "public", citizen_id),
            None,
        )
        .await
        .unwrap_err();
        assert_eq!(field_error(e), "نویسنده");
        let mut no_visibility = item("بی‌دسترسی", "public", keeper_id);
        no_visibility.fields.remove("visibility");
        let e = content::create(db, &keeper, ContentKind::Knowledge, &no_visibility, None)
            .await
            .unwrap_err();
        assert_eq!(field_error(e), "دسترسی");

        let (p, r, s) = (
            "یادداشت عمومی واسنجی",
            "یادداشت کاربران واسنجی",
            "یادداشت کارکنان واسنجی",
        );
        let mut ids = vec![];
        for (title, visibility) in [(p, "public"), (r, "registered"), (s, "staff")] {
            let d = item(title, visibility, keeper_id);
            let file = format!("{visibility}.pdf");
            ids.push(publish(db, &store, &keeper, ContentKind::Knowledge, &d, Some(&file)).await);
        }
        let (public, registered, staff) = (ids[0], ids[1], ids[2]);
        let names = |v: &[&str]| {
            let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            v.sort();
            v
        };
        let cases = [
            (&anonymous, names(&[p])),
            (&citizen, names(&[p, r])),
            (&keeper, names(&[p, r, s])),
            (&admin, names(&[p, r, s])),
        ];
        for (who, expected) in &cases {
            let audience = content::audience(who);
            // The list, and word search (in Arabic letters and by the body's words).
            assert_eq!(
                titles(&list(db, ContentKind::Knowledge, ListFilter::default(), audience).await),
                *expected,
                "{}: {audience:?}",
                t.name
            );
            let found = list(
                db,
                ContentKind::Knowledge,
                ListFilter {
                    q: Some("باران‌سنج پيش".into()),
                    ..Default::default()
                },
                audience,
            )
            .await;
            assert_eq!(titles(&found), *expected, "search, {audience:?}");
            // The pages and the files.
            for (id, level) in [
                (public, Visibility::Public),
                (registered, Visibility::Registered),
                (staff, Visibility::Staff),
            ] {
                let page = content::public_item(
                    db,
                    &Views::default(),
                    ContentKind::Knowledge,
                    id,
                    audience,
                    Utc::now(),
                )
                .await;
                let key = file_key(db, id).await;
                let file = attachment::authorize(db, who, &key, None).await;
                if level <= audience {
                    let page = page.unwrap();
                    assert_eq!(page.fields["author"], "کارمند 1", "shown by name");
                    assert_eq!(page.card.visibility, level);
                    // Only what everyone may read is cacheable.
                    assert_eq!(file.unwrap().1, level == Visibility::Public);
                } else {
                    assert!(
                        matches!(page, Err(AppError::NotFound)),
                        "{audience:?} {level:?}"
                    );
                    assert!(
                        matches!(file, Err(AppError::NotFound)),
                        "{audience:?} {level:?}"
                    );
                }
            }
        }
        // Feeds and the sitemap are anonymous: only the public item.
        let feed = content::feed(db, ContentKind::Knowledge, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            feed.iter()
                .map(|(c, _)| c.title.as_str())
                .collect::<Vec<_>>(),
            vec![p],
            "{}",
            t.name
        );
        let map = content::sitemap(db, Utc::now()).await.unwrap();
        let knowledge: Vec<&String> = map
            .iter()
            .map(|(path, _)| path)
            .filter(|path| path.starts_with("/research/knowledge/"))
            .collect();
        assert_eq!(knowledge.len(), 1);
        assert!(knowledge[0].starts_with(&format!("/research/knowledge/{public}/")));

        // `%` and `_` are matched as themselves, not as wildcards.
        for q in ["%", "_", "و_سنجی"] {
            let found = list(
                db,
                ContentKind::Knowledge,
                ListFilter {
                    q: Some(q.into()),
                    ..Default::default()
                },
                Visibility::Staff,
            )
            .await;
            assert!(found.items.is_empty(), "{}: {q}", t.name);
        }

        // With review required, an edit of a published item waits; but narrowing who may
        // read it applies at once (widening waits for the reviewer).
        custodian::set_review_required(db, &admin, "research", true)
            .await
            .unwrap();
        let edit = |id: i32, visibility: &'static str| {
            let keeper = keeper.clone();
            async move {
                let e = content::editor(db, &keeper, id).await.unwrap();
                let mut fields = e.fields.clone();
                fields.insert("visibility".into(), visibility.into());
                let d = Draft {
                    title: format!("{} (ویرایش)", e.title),
                    body: e.body.clone(),
                    fields,
                    ..Default::default()
                };
                content::update(db, &keeper, id, &d, None).await.unwrap();
                assert!(content::editor(db, &keeper, id).await.unwrap().pending_edit);
            }
        };
        edit(public, "staff").await;
        edit(registered, "public").await;
        let anon_list = list(
            db,
            ContentKind::Knowledge,
            ListFilter::default(),
            Visibility::Public,
        )
        .await;
        assert!(
            anon_list.items.is_empty(),
            "{}: narrowed at once, widening waits",
            t.name
        );
        let citizen_list = list(
            db,
            ContentKind::Knowledge,
            ListFilter::default(),
            Visibility::Registered,
        )
        .await;
        assert_eq!(
            titles(&citizen_list),
            vec![r.to_string()],
            "the old title until review"
        );
        custodian::set_review_required(db, &admin, "research", false)
            .await
            .unwrap();

        // An author who leaves the staff stays the author: the editor offers them and a
        // save keeps them (a new item cannot name them).
        let expert = common::custodian_of(db, &admin, 3, "research").await;
        let expert_id = expert.actor.as_ref().unwrap().user_id;
        let by_expert = publish(
            db,
            &store,
            &expert,
            ContentKind::Knowledge,
            &item("یادداشت کارشناس رفته", "public", expert_id),
            None,
        )
        .await;
        let appointment = custodian::custodians_of_section(db, "research")
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.user_id == expert_id)
            .unwrap()
            .id;
        custodian::revoke(db, &admin, appointment, "پایان همکاری")
            .await
            .unwrap();
        let e = content::editor(db, &keeper, by_expert).await.unwrap();
        assert!(e.staff.iter().any(|s| s.id == expert_id), "{}", t.name);
        let d = redraft(&e);
        content::update(db, &keeper, by_expert, &d, None)
            .await
            .unwrap();
        let e = content::create(
            db,
            &keeper,
            ContentKind::Knowledge,
            &item("نوشته‌ی تازه", "public", expert_id),
            None,
        )
        .await
        .unwrap_err();
        assert_eq!(field_error(e), "نویسنده");

        // Narrowing a public item takes it out of every public list at once.
        let mut editor = content::editor(db, &keeper, by_expert).await.unwrap();
        editor.fields.insert("visibility".into(), "staff".into());
        let d = redraft(&editor);
        content::update(db, &keeper, by_expert, &d, None)
            .await
            .unwrap();
        assert!(
            list(
                db,
                ContentKind::Knowledge,
                ListFilter::default(),
                Visibility::Public
            )
            .await
            .items
            .is_empty(),
            "{}",
            t.name
        );
        assert!(content::feed(db, ContentKind::Knowledge, Utc::now())
            .await
            .unwrap()
            .is_empty());
    }
}
