//! The newsletter on real databases: double opt-in (nothing before the confirmation link),
//! topics, a custodian composing from their own section's published items, sending to the
//! subscribers of the issue's topics, the throttled hand-over to the outbox (resumable, each
//! recipient once), per-recipient status, the one-click unsubscribe, and the weekly issue.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{ContentKind, NewsletterTopic};
use app::persian::{JalaliDate, JalaliDateTime};
use app::server::entities::{content_item, outbox_mail};
use app::server::services::account;
use app::server::services::content::{insert_sample, Sample};
use app::server::services::newsletter::{self as nl, week_of};
use app::server::services::permission::{Acting, Actor};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-nl-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-nl-1403")
            .await
            .unwrap(),
        None,
    )
}

fn custodian_of(section: &str) -> Acting {
    Acting::user(
        Actor {
            user_id: 4242,
            username: "news-custodian".into(),
            full_name: "متولی اخبار".into(),
            is_admin: false,
            custodian_of: [section.to_string()].into(),
            expert_of: Default::default(),
        },
        None,
    )
}

async fn sample(db: &DatabaseConnection, kind: ContentKind, title: &str, age_days: i64) -> i32 {
    insert_sample(
        db,
        &Sample {
            kind,
            title,
            summary: "خلاصه‌ی مطلب نمونه برای خبرنامه.",
            body: "<p>متن مطلب نمونه برای خبرنامه.</p>",
            fields: &[],
            subkind: None,
            ref_number: None,
            ref_date: None,
            topic: None,
            sort_order: 0,
            age_days,
            author: None,
        },
    )
    .await
    .unwrap();
    content_item::Entity::find()
        .filter(content_item::Column::Title.eq(title))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn mails_to(db: &DatabaseConnection, to: &str) -> Vec<outbox_mail::Model> {
    outbox_mail::Entity::find()
        .filter(outbox_mail::Column::ToAddr.eq(to))
        .order_by_asc(outbox_mail::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// The token of the link to `path` in a mail's body.
fn token_in(body: &str, path: &str) -> String {
    let at = body.find(&format!("{path}?token=")).expect("the link") + path.len() + 7;
    body[at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect()
}

async fn subscribe_confirmed(db: &DatabaseConnection, email: &str, topics: &[NewsletterTopic]) {
    let now = chrono::Utc::now().timestamp();
    nl::subscribe(db, &Acting::anonymous(None), email, topics, now)
        .await
        .unwrap();
    let mail = mails_to(db, email).await.pop().unwrap();
    assert_eq!(
        nl::confirm(db, &token_in(&mail.body, "/newsletter/confirm"), now)
            .await
            .unwrap(),
        topics
    );
}

#[tokio::test]
async fn subscribe_compose_send_and_unsubscribe() {
    for tdb in common::all().await {
        let db = &tdb.conn;
        let now = chrono::Utc::now().timestamp();
        let news = sample(db, ContentKind::News, "آبگیری سد ۱۵ خرداد آغاز شد", 1).await;
        let law = sample(db, ContentKind::Law, "آیین‌نامه‌ی تازه‌ی چاه‌های کشاورزی", 2).await;
        let tender = sample(db, ContentKind::Tender, "مناقصه‌ی لایروبی رودخانه‌ی قمرود", 3).await;

        // Double opt-in: the address gets a link and nothing counts until it is opened.
        nl::subscribe(
            db,
            &Acting::anonymous(None),
            " A@Example.ir ",
            &[NewsletterTopic::News],
            now,
        )
        .await
        .unwrap();
        // Asked again at once (by anyone): no second mail within ten minutes.
        nl::subscribe(
            db,
            &Acting::anonymous(None),
            "a@example.ir",
            &[NewsletterTopic::Laws],
            now,
        )
        .await
        .unwrap();
        assert_eq!(mails_to(db, "a@example.ir").await.len(), 1);
        let confirm_mail = mails_to(db, "a@example.ir").await.pop().unwrap();
        assert!(
            confirm_mail.subject.contains("تأیید"),
            "{}",
            confirm_mail.subject
        );
        let desk = nl::desk(db, &admin(db).await, now).await.unwrap();
        assert_eq!(desk.subscribers[0], (NewsletterTopic::News, 0));
        let token = token_in(&confirm_mail.body, "/newsletter/confirm");
        assert_eq!(
            nl::confirm(db, &token, now).await.unwrap(),
            [NewsletterTopic::News]
        );
        assert!(matches!(
            nl::confirm(db, &token, now).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            nl::subscribe(
                db,
                &Acting::anonymous(None),
                "not-an-address",
                &[NewsletterTopic::News],
                now
            )
            .await,
            Err(AppError::Validation { .. })
        ));
        assert!(matches!(
            nl::subscribe(db, &Acting::anonymous(None), "x@example.ir", &[], now).await,
            Err(AppError::Validation { .. })
        ));
        subscribe_confirmed(
            db,
            "b@example.ir",
            &[NewsletterTopic::News, NewsletterTopic::Laws],
        )
        .await;
        subscribe_confirmed(db, "c@example.ir", &[NewsletterTopic::Tenders]).await;
        // Never confirmed: never mailed.
        nl::subscribe(
            db,
            &Acting::anonymous(None),
            "d@example.ir",
            &[NewsletterTopic::News],
            now,
        )
        .await
        .unwrap();

        // The news custodian composes from news only.
        let custodian = custodian_of("news");
        let desk = nl::desk(db, &custodian, now).await.unwrap();
        assert_eq!(
            desk.subscribers,
            [
                (NewsletterTopic::News, 2),
                (NewsletterTopic::Tenders, 1),
                (NewsletterTopic::Laws, 1)
            ]
        );
        assert!(desk
            .candidates
            .iter()
            .all(|c| c.topic == NewsletterTopic::News));
        assert!(desk.candidates.iter().any(|c| c.id == news));
        assert!(matches!(
            nl::compose(db, &custodian, "اخبار هفته", "", &[news, law], now).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            nl::desk(db, &custodian_of("faq"), now).await,
            Err(AppError::Forbidden)
        ));
        let issue = nl::compose(
            db,
            &custodian,
            "اخبار هفته",
            "سلام؛ تازه‌های این هفته:",
            &[news],
            now,
        )
        .await
        .unwrap();
        assert_eq!(nl::send(db, &custodian, issue, now).await.unwrap(), 2);
        assert!(matches!(
            nl::send(db, &custodian, issue, now).await,
            Err(AppError::Validation { .. })
        ));

        // Throttled: one at a time, resumed by the next round (as after a restart).
        let counts = |d: &app::model::NewsletterIssueDetail| {
            let c = &d.issue.counts;
            (c.waiting, c.queued, c.sent, c.failed)
        };
        assert_eq!(
            counts(&nl::detail(db, &custodian, issue).await.unwrap()),
            (2, 0, 0, 0)
        );
        assert_eq!(nl::deliver_some(db, 1).await.unwrap(), 1);
        assert_eq!(
            counts(&nl::detail(db, &custodian, issue).await.unwrap()),
            (1, 1, 0, 0)
        );
        assert_eq!(nl::deliver_some(db, 10).await.unwrap(), 1);
        assert_eq!(nl::deliver_some(db, 10).await.unwrap(), 0);
        let to_a = mails_to(db, "a@example.ir").await;
        assert_eq!(to_a.len(), 2, "confirmation and one issue");
        let issue_mail = &to_a[1];
        assert_eq!(issue_mail.subject, "اخبار هفته");
        assert!(issue_mail.body.contains("سلام؛ تازه‌های این هفته:"));
        assert!(issue_mail.body.contains("آبگیری سد ۱۵ خرداد آغاز شد"));
        assert!(
            issue_mail.body.contains(&format!("/news/{news}/")),
            "{}",
            issue_mail.body
        );
        assert!(
            mails_to(db, "c@example.ir").await.len() == 1,
            "tenders only: not this issue"
        );
        assert!(
            mails_to(db, "d@example.ir").await.len() == 1,
            "unconfirmed: the link only"
        );

        // Per-recipient status follows the outbox.
        let mut sent: outbox_mail::ActiveModel = to_a[1].clone().into();
        sent.sent_at = Set(Some(chrono::Utc::now()));
        sent.update(db).await.unwrap();
        let detail = nl::detail(db, &custodian, issue).await.unwrap();
        assert_eq!(counts(&detail), (0, 1, 1, 0));
        let states: Vec<(String, String)> = detail
            .recipients
            .iter()
            .map(|r| (r.email.clone(), r.state.clone()))
            .collect();
        assert_eq!(
            states,
            [
                ("a@example.ir".to_string(), "sent".to_string()),
                ("b@example.ir".to_string(), "queued".to_string())
            ]
        );
        assert_eq!(detail.item_titles, ["آبگیری سد ۱۵ خرداد آغاز شد"]);

        // One click from the mail: unsubscribed, and left out of the next issue.
        let leave = token_in(&issue_mail.body, "/newsletter/unsubscribe");
        assert_eq!(
            nl::unsubscribe(db, &leave, now).await.unwrap(),
            "a***@example.ir"
        );
        assert_eq!(
            nl::unsubscribe(db, &leave, now).await.unwrap(),
            "a***@example.ir"
        );
        let admin = admin(db).await;
        let second = nl::compose(db, &admin, "تازه‌ها", "", &[news, law, tender], now)
            .await
            .unwrap();
        // b (news and laws, once) and c (tenders); a has left.
        assert_eq!(nl::send(db, &admin, second, now).await.unwrap(), 2);
        assert_eq!(nl::deliver_some(db, 10).await.unwrap(), 2);
        assert_eq!(mails_to(db, "a@example.ir").await.len(), 2);

        // The weekly issue: next Saturday 09:00 (Tehran), of the seven days before it.
        let today = JalaliDateTime::from_unix(now).unwrap().date.to_jdn();
        let saturday = JalaliDate::from_jdn(today - (today - 5).rem_euclid(7) + 7).unwrap();
        let at = JalaliDateTime {
            date: saturday,
            hour: 9,
            minute: 0,
            second: 0,
        }
        .to_unix();
        let published = |ages: [i64; 3]| async move {
            for (id, days) in [news, law, tender].into_iter().zip(ages) {
                let mut m: content_item::ActiveModel = content_item::Entity::find_by_id(id)
                    .one(db)
                    .await
                    .unwrap()
                    .unwrap()
                    .into();
                m.published_at = Set(chrono::DateTime::from_timestamp(at - days * 86_400, 0));
                m.update(db).await.unwrap();
            }
        };
        // Nothing published in the seven days before it: no issue.
        published([10, 11, 12]).await;
        assert_eq!(nl::assemble_weekly(db, at).await.unwrap(), None);
        published([1, 2, 3]).await;
        // Not before Saturday 08:00, and not after Sunday.
        assert!(!week_of(at - 2 * 3600).unwrap().1);
        assert_eq!(nl::assemble_weekly(db, at - 2 * 3600).await.unwrap(), None);
        assert_eq!(
            nl::assemble_weekly(db, at + 3 * 86_400).await.unwrap(),
            None
        );
        let weekly = nl::assemble_weekly(db, at)
            .await
            .unwrap()
            .expect("a weekly issue");
        assert_eq!(nl::assemble_weekly(db, at + 60).await.unwrap(), None);
        let d = nl::detail(db, &admin, weekly).await.unwrap();
        assert!(d.issue.weekly);
        assert_eq!(d.item_titles.len(), 3);
        assert_eq!(counts(&d), (2, 0, 0, 0), "b and c");
    }
}
