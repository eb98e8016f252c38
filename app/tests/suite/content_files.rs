//! A content file's visibility follows the version it belongs to, in every kind with files
//! kept by review (news, laws, service cards, research projects, knowledge items), on real
//! databases, asked by the anonymous, a registered user, an expert, another section's
//! custodian, the item's custodian and the administrator: a file of an edit in review or
//! turned down is its keepers' only; an edit turned down goes with its own files after the
//! retention; a file removed by an approved edit stops being public at once; a knowledge
//! item narrowed to staff narrows its files at once.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{ContentEditor, ContentKind, ContentState, Visibility};
use app::server::services::attachment::{self, Store, Upload};
use app::server::services::content::views::Views;
use app::server::services::content::{self, files, Draft, Files, Transition};
use app::server::services::permission::Acting;
use app::server::services::{account, custodian, demo};
use chrono::{Duration, Utc};
use sea_orm::DatabaseConnection;

const PASSWORD: &str = "rahbar-files-1403";

/// The editor's working copy, sent back as it is.
fn redraft(e: &ContentEditor) -> Draft {
    Draft {
        title: e.title.clone(),
        summary: e.summary.clone(),
        body: e.body.clone(),
        fields: e.fields.clone(),
        topic_id: e.topic_id,
        sort_order: e.sort_order.to_string(),
        publish_at: e.publish_at.clone(),
        unpublish_at: e.unpublish_at.clone(),
        remove_files: Vec::new(),
    }
}

fn one_pdf<'a>(store: &'a Store, name: &str) -> Option<Files<'a>> {
    Some(Files {
        store,
        attachments: vec![Upload {
            field: "attachments".into(),
            file_name: name.into(),
            bytes: format!("%PDF-1.4\n{name}").into_bytes(),
        }],
        image: vec![],
    })
}

/// Who is asking, in a fixed order: anonymous, registered user, expert, another section's
/// custodian, the item's custodian, the administrator.
struct People {
    all: Vec<(&'static str, Acting)>,
}

impl People {
    /// Which of them may download `key`.
    async fn who_gets(&self, db: &DatabaseConnection, key: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        for (name, acting) in &self.all {
            match attachment::authorize(db, acting, key, None).await {
                Ok(_) => out.push(*name),
                Err(AppError::NotFound) => {}
                Err(e) => panic!("{name} asking for {key}: {e}"),
            }
        }
        out
    }
}

const EVERYONE: &[&str] = &["anonymous", "user", "expert", "other", "keeper", "admin"];
const KEEPERS: &[&str] = &["keeper", "admin"];

async fn key_named(db: &DatabaseConnection, who: &Acting, id: i32, name: &str) -> String {
    content::editor(db, who, id)
        .await
        .unwrap()
        .attachments
        .into_iter()
        .find(|a| a.name == name)
        .unwrap_or_else(|| panic!("{name} in the working copy"))
        .key
}

async fn public_files(db: &DatabaseConnection, kind: ContentKind, id: i32) -> Vec<String> {
    content::public_item(
        db,
        &Views::default(),
        kind,
        id,
        Visibility::Public,
        Utc::now(),
    )
    .await
    .unwrap()
    .attachments
    .into_iter()
    .map(|a| a.name)
    .collect()
}

/// A signed-in expert of the tickets section.
async fn expert(db: &DatabaseConnection, admin: &Acting) -> Acting {
    let person = common::approved_person(db, admin, 90, "karshenas90", "expert-pass-1403").await;
    let id = person.actor.as_ref().unwrap().user_id;
    let category = account::user_detail(db, admin, id)
        .await
        .unwrap()
        .categories
        .into_iter()
        .find(|c| c.section_key == "tickets")
        .unwrap()
        .id;
    account::set_expert_categories(db, admin, id, &[category])
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "karshenas90", "expert-pass-1403")
            .await
            .unwrap(),
        None,
    )
}

#[tokio::test]
async fn a_files_visibility_follows_the_version_it_belongs_to() {
    for t in common::all().await {
        let db = &t.conn;
        // The administrator first: the demo's knowledge items name a staff author.
        account::ensure_first_admin(db, Some(PASSWORD))
            .await
            .unwrap();
        demo::seed(db).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path());
        let admin = Acting::user(
            account::login(db, None, "admin", PASSWORD).await.unwrap(),
            None,
        );
        let user =
            common::approved_person(db, &admin, 91, "shahrvand91", "citizen-pass-1403").await;
        let expert = expert(db, &admin).await;
        let kinds = [
            ContentKind::News,
            ContentKind::Law,
            ContentKind::Service,
            ContentKind::Research,
            ContentKind::Knowledge,
        ];
        for (n, kind) in kinds.into_iter().enumerate() {
            let section = kind.section_key();
            let case = format!("{} {}", t.name, kind.as_str());
            custodian::set_review_required(db, &admin, section, true)
                .await
                .unwrap();
            let n = 60 + 2 * n as u32;
            let keeper = common::custodian_of(db, &admin, n, section).await;
            let elsewhere = if section == "news" { "laws" } else { "news" };
            let other = common::custodian_of(db, &admin, n + 1, elsewhere).await;
            let people = People {
                all: vec![
                    ("anonymous", Acting::anonymous(None)),
                    ("user", user.clone()),
                    ("expert", expert.clone()),
                    ("other", other),
                    ("keeper", keeper.clone()),
                    ("admin", admin.clone()),
                ],
            };
            // A published, public item of the kind (the demo content's).
            let mut id = None;
            for row in content::staff_list(
                db,
                &Views::default(),
                &admin,
                kind,
                Some(ContentState::Published),
            )
            .await
            .unwrap()
            {
                let e = content::editor(db, &admin, row.id).await.unwrap();
                if e.fields.get("visibility").is_none_or(|v| v == "public") {
                    id = Some(row.id);
                    break;
                }
            }
            let id = id.unwrap_or_else(|| panic!("{case}: a published public item"));
            let working = |who: &Acting| {
                let who = who.clone();
                async move { redraft(&content::editor(db, &who, id).await.unwrap()) }
            };

            // The administrator's edit applies at once: its file is everyone's.
            content::update(
                db,
                &admin,
                id,
                &working(&admin).await,
                one_pdf(&store, "f0.pdf"),
            )
            .await
            .unwrap();
            let f0 = key_named(db, &admin, id, "f0.pdf").await;
            assert_eq!(people.who_gets(db, &f0).await, EVERYONE, "{case}: f0");

            // The custodian's edit waits for review: its new file is the keepers' only, and
            // the public page lists the published version's files.
            content::update(
                db,
                &keeper,
                id,
                &working(&keeper).await,
                one_pdf(&store, "f1.pdf"),
            )
            .await
            .unwrap();
            assert!(content::editor(db, &keeper, id).await.unwrap().pending_edit);
            let f1 = key_named(db, &keeper, id, "f1.pdf").await;
            assert_eq!(
                people.who_gets(db, &f1).await,
                KEEPERS,
                "{case}: f1 in review"
            );
            assert_eq!(people.who_gets(db, &f0).await, EVERYONE, "{case}: f0");
            assert_eq!(public_files(db, kind, id).await, ["f0.pdf"], "{case}");

            // Turned down: still the keepers' only; removed with its file after the retention.
            content::transition(db, &admin, id, Transition::Reject, "")
                .await
                .unwrap();
            assert_eq!(
                people.who_gets(db, &f1).await,
                KEEPERS,
                "{case}: f1 turned down"
            );
            let now = Utc::now();
            let early = now + Duration::days(files::RETENTION_DAYS - 1);
            assert_eq!(files::purge_rejected(db, &store, early).await.unwrap(), 0);
            assert!(
                store.read(&f1).await.is_ok(),
                "{case}: kept until the retention ends"
            );
            let late = now + Duration::days(files::RETENTION_DAYS + 1);
            assert_eq!(
                files::purge_rejected(db, &store, late).await.unwrap(),
                1,
                "{case}"
            );
            assert!(
                attachment::by_key(db, &f1).await.unwrap().is_none(),
                "{case}"
            );
            assert!(store.read(&f1).await.is_err(), "{case}: f1's bytes removed");
            assert_eq!(people.who_gets(db, &f0).await, EVERYONE, "{case}: f0 stays");

            // An edit that removes f0 and adds f2: in review, nothing changes for the public;
            // approved, f2 is everyone's and f0 the keepers' at once.
            let mut edit = working(&keeper).await;
            edit.remove_files = vec![f0.clone()];
            content::update(db, &keeper, id, &edit, one_pdf(&store, "f2.pdf"))
                .await
                .unwrap();
            let f2 = key_named(db, &keeper, id, "f2.pdf").await;
            assert_eq!(
                people.who_gets(db, &f0).await,
                EVERYONE,
                "{case}: f0 until approved"
            );
            assert_eq!(
                people.who_gets(db, &f2).await,
                KEEPERS,
                "{case}: f2 in review"
            );
            content::transition(db, &admin, id, Transition::Publish, "")
                .await
                .unwrap();
            assert_eq!(
                people.who_gets(db, &f0).await,
                KEEPERS,
                "{case}: f0 removed"
            );
            assert_eq!(
                people.who_gets(db, &f2).await,
                EVERYONE,
                "{case}: f2 approved"
            );
            assert_eq!(public_files(db, kind, id).await, ["f2.pdf"], "{case}");

            if kind == ContentKind::Knowledge {
                // Narrowed to staff by an edit still in review: at once, for its files too.
                let mut edit = working(&keeper).await;
                edit.fields.insert("visibility".into(), "staff".into());
                content::update(db, &keeper, id, &edit, None).await.unwrap();
                assert_eq!(
                    people.who_gets(db, &f2).await,
                    ["expert", "other", "keeper", "admin"],
                    "{case}: narrowed"
                );
            }
        }
    }
}
