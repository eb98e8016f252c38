//! Custodian accountability on real databases: staleness against each section's interval,
//! tickets and messages answered on time, late, overdue or waiting (per section, per
//! person, within a window), the mean time to the first answer, a custodian's own overdue
//! list, the targets the administrator sets, the CSV, and the daily reminder mails (once a
//! person a day).
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{AccountabilityReport, Answering, MessageKind, SectionAccount};
use app::server::entities::{message, outbox_mail, ticket as ticket_row, ticket_post};
use app::server::services::content::{self, Draft, Transition};
use app::server::services::permission::Acting;
use app::server::services::ticket::{self, NewTicket};
use app::server::services::{account, accountability, message as messages};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    Set,
};

const DAY: i64 = 86_400;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-acc-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-acc-1403")
            .await
            .unwrap(),
        None,
    )
}

fn section<'a>(r: &'a AccountabilityReport, key: &str) -> &'a SectionAccount {
    r.sections.iter().find(|s| s.key == key).unwrap()
}

fn counts(a: &Answering) -> (u64, u64, u64, u64) {
    (a.on_time, a.late, a.overdue, a.waiting)
}

/// Files a ticket received `age` seconds ago, due `due_in` seconds after receipt.
async fn ticket_at(db: &DatabaseConnection, category: i32, n: u8, age: i64, due_in: i64) -> i32 {
    let receipt = ticket::file(
        db,
        &Acting::anonymous(Some(format!("10.77.0.{n}"))),
        &NewTicket {
            name: "حسن رضایی".into(),
            mobile: "09123456789".into(),
            email: String::new(),
            category_id: category,
            subject: format!("درخواست شماره {n}"),
            body: "برای چاه کشاورزی پروانه لازم است؛ چه مدارکی باید بیاورم؟".into(),
        },
    )
    .await
    .unwrap();
    let t = ticket_row::Entity::find()
        .filter(ticket_row::Column::TrackingCode.eq(receipt.tracking_code))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let at = Utc::now() - Duration::seconds(age);
    let id = t.id;
    let mut am: ticket_row::ActiveModel = t.into();
    am.created_at = Set(at);
    am.due_at = Set(at + Duration::seconds(due_in));
    am.update(db).await.unwrap();
    id
}

/// Answers ticket `id` as `who`, the answer dated `after` seconds after receipt.
async fn answer_at(db: &DatabaseConnection, who: &Acting, id: i32, after: i64) {
    ticket::reply(db, who, id, "مدارک لازم: سند مالکیت و کارت ملی.", false)
        .await
        .unwrap();
    let t = ticket_row::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let post = ticket_post::Entity::find()
        .filter(ticket_post::Column::TicketId.eq(id))
        .filter(ticket_post::Column::Kind.eq("staff"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let mut am: ticket_post::ActiveModel = post.into();
    am.created_at = Set(t.created_at + Duration::seconds(after));
    am.update(db).await.unwrap();
}

#[tokio::test]
async fn accountability_counts_every_figure_and_reminds_once_a_day() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let cats = ticket::categories(db).await.unwrap();
        let cat = ticket_row::Entity::find().count(db).await.unwrap();
        assert_eq!(cat, 0);
        let tickets_section = app::server::entities::category::Entity::find_by_id(cats[0].id)
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .section_key;
        let answerer = common::custodian_of(db, &admin, 71, &tickets_section).await;
        let newsroom = common::custodian_of(db, &admin, 72, "news").await;
        let inbox = common::custodian_of(db, &admin, 73, "messages").await;
        let id_of = |a: &Acting| a.actor.as_ref().unwrap().user_id;

        // Tickets: late (answered after 8 days, due after 5), on time (after an hour, due
        // in 5 days), overdue (10 days old, due after 5), waiting (new).
        let late = ticket_at(db, cats[0].id, 1, 10 * DAY, 5 * DAY).await;
        answer_at(db, &answerer, late, 8 * DAY).await;
        let on_time = ticket_at(db, cats[0].id, 2, 2 * 3600, 5 * DAY).await;
        answer_at(db, &answerer, on_time, 3600).await;
        ticket_at(db, cats[0].id, 3, 10 * DAY, 5 * DAY).await;
        ticket_at(db, cats[0].id, 4, 60, 5 * DAY).await;

        // Messages: one a month old and unanswered (overdue), one answered at once.
        let anon = Acting::anonymous(Some("10.77.1.1".into()));
        messages::send(
            db,
            &anon,
            MessageKind::Suggestion,
            "ساعت کاری دفتر",
            "لطفاً ساعت کاری دفتر کهک را تا عصر ادامه دهید.",
            "",
        )
        .await
        .unwrap();
        let old = message::Entity::find().one(db).await.unwrap().unwrap();
        let mut am: message::ActiveModel = old.clone().into();
        am.created_at = Set(Utc::now() - Duration::days(30));
        am.update(db).await.unwrap();
        messages::send(
            db,
            &Acting::anonymous(Some("10.77.1.2".into())),
            MessageKind::Criticism,
            "پاسخ دیرهنگام",
            "پاسخ نامه‌ی من دیر رسید؛ لطفاً پیگیری کنید.",
            "09120000000",
        )
        .await
        .unwrap();
        let fresh = message::Entity::find()
            .filter(message::Column::Id.ne(old.id))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        messages::reply(db, &inbox, fresh.id, "پیگیری شد؛ سپاس از شما.")
            .await
            .unwrap();

        // Only the administrator sees the report.
        let e = accountability::report(db, &answerer, 0, Utc::now())
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden), "{}: {e:?}", t.name);

        let r = accountability::report(db, &admin, 0, Utc::now())
            .await
            .unwrap();
        let s = section(&r, &tickets_section);
        assert_eq!(counts(&s.tickets), (1, 1, 1, 1), "{}", t.name);
        assert_eq!(
            s.tickets.mean_response_secs,
            Some((8 * DAY + 3600) / 2),
            "{}",
            t.name
        );
        assert_eq!(s.custodians, vec!["کارمند 71".to_string()], "{}", t.name);
        let m = section(&r, "messages");
        assert_eq!(counts(&m.messages), (1, 0, 1, 0), "{}", t.name);
        assert_eq!(m.response_days, 5);
        // Never updated: the news (daily) and water (weekly) sections are stale; the
        // tickets section has no schedule.
        assert!(
            section(&r, "news").stale && section(&r, "water").stale,
            "{}",
            t.name
        );
        assert_eq!(section(&r, "news").update_days, Some(1));
        assert!(!s.stale && s.update_days.is_none(), "{}", t.name);

        // Per person: what they answered, and what waits on them.
        let person = |id: i32| r.people.iter().find(|p| p.user_id == id).unwrap();
        assert_eq!(
            counts(&person(id_of(&answerer)).tickets),
            (1, 1, 1, 1),
            "{}",
            t.name
        );
        assert_eq!(
            counts(&person(id_of(&inbox)).messages),
            (1, 0, 1, 0),
            "{}",
            t.name
        );
        assert_eq!(person(id_of(&newsroom)).tickets.total(), 0, "{}", t.name);
        assert_eq!(
            person(id_of(&newsroom)).sections,
            vec!["اخبار و اطلاعیه‌ها".to_string()]
        );

        // A window of the last week leaves out what was received ten and thirty days ago.
        let week = accountability::report(db, &admin, 7, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            counts(&section(&week, &tickets_section).tickets),
            (1, 0, 0, 1),
            "{}",
            t.name
        );
        assert_eq!(
            section(&week, &tickets_section).tickets.mean_response_secs,
            Some(3600)
        );
        assert_eq!(
            counts(&section(&week, "messages").messages),
            (1, 0, 0, 0),
            "{}",
            t.name
        );

        // Each custodian's own list.
        let mine = accountability::mine(db, &answerer, Utc::now())
            .await
            .unwrap();
        assert_eq!(mine.overdue.len(), 1, "{}", t.name);
        assert_eq!(mine.overdue[0].subject, "درخواست شماره 3");
        assert!(mine.overdue[0].href.starts_with("/staff/tickets/"));
        assert!(mine.stale.is_empty());
        let mine = accountability::mine(db, &inbox, Utc::now()).await.unwrap();
        assert_eq!(
            mine.overdue
                .iter()
                .map(|o| o.kind_label.as_str())
                .collect::<Vec<_>>(),
            vec!["پیام"]
        );
        let mine = accountability::mine(db, &newsroom, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            mine.stale
                .iter()
                .map(|s| s.key.as_str())
                .collect::<Vec<_>>(),
            vec!["news"],
            "{}",
            t.name
        );
        assert!(mine.overdue.is_empty());

        // Reminders: the three people with something overdue or stale, once a day.
        let reminders = || async {
            outbox_mail::Entity::find()
                .filter(outbox_mail::Column::Subject.eq("یادآوری پاسخ‌گویی و به‌روزرسانی بخش‌ها"))
                .all(db)
                .await
                .unwrap()
        };
        assert_eq!(
            accountability::send_reminders(db, Utc::now())
                .await
                .unwrap(),
            3,
            "{}",
            t.name
        );
        assert_eq!(
            accountability::send_reminders(db, Utc::now())
                .await
                .unwrap(),
            0,
            "{}: once a day",
            t.name
        );
        let mails = reminders().await;
        assert_eq!(mails.len(), 3);
        let to_answerer = mails
            .iter()
            .find(|m| m.to_addr == "custodian71@example.ir")
            .unwrap();
        assert!(
            to_answerer.body.contains("درخواست شماره 3")
                && to_answerer.body.contains("/staff/tickets/"),
            "{}",
            to_answerer.body
        );
        let to_newsroom = mails
            .iter()
            .find(|m| m.to_addr == "custodian72@example.ir")
            .unwrap();
        assert!(
            to_newsroom.body.contains("اخبار و اطلاعیه‌ها") && to_newsroom.body.contains("هرگز"),
            "{}",
            to_newsroom.body
        );
        // The next day, again.
        assert_eq!(
            accountability::send_reminders(db, Utc::now() + Duration::days(1))
                .await
                .unwrap(),
            3
        );

        // Publishing news makes the section current (news is published after review).
        let d = Draft {
            title: "بازدید از سد پانزده خرداد".into(),
            body: "<p>متن خبر.</p>".into(),
            ..Default::default()
        };
        let id = content::create(db, &newsroom, app::model::ContentKind::News, &d, None)
            .await
            .unwrap();
        content::transition(db, &newsroom, id, Transition::Submit, "")
            .await
            .unwrap();
        let r = accountability::report(db, &admin, 0, Utc::now())
            .await
            .unwrap();
        assert!(
            section(&r, "news").stale,
            "{}: a draft sent for review is no update",
            t.name
        );
        content::transition(db, &admin, id, Transition::Publish, "")
            .await
            .unwrap();
        let r = accountability::report(db, &admin, 0, Utc::now())
            .await
            .unwrap();
        assert!(!section(&r, "news").stale, "{}", t.name);
        assert!(section(&r, "news").last_update.is_some());
        // …until its interval has passed.
        let r = accountability::report(db, &admin, 0, Utc::now() + Duration::days(2))
            .await
            .unwrap();
        assert!(section(&r, "news").stale, "{}", t.name);

        // The targets are data: a week for news, ten working days for messages (the old
        // message is still overdue; thirty days is more than ten working days).
        let e = accountability::set_targets(db, &admin, "news", Some(0), 5)
            .await
            .unwrap_err();
        assert!(
            matches!(e, AppError::Validation { ref field, .. } if field == "فاصله‌ی به‌روزرسانی"),
            "{e:?}"
        );
        let e = accountability::set_targets(db, &newsroom, "news", Some(7), 5)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden), "{e:?}");
        accountability::set_targets(db, &admin, "news", Some(7), 5)
            .await
            .unwrap();
        accountability::set_targets(db, &admin, "messages", None, 10)
            .await
            .unwrap();
        let r = accountability::report(db, &admin, 0, Utc::now() + Duration::days(2))
            .await
            .unwrap();
        assert!(!section(&r, "news").stale, "{}", t.name);
        assert_eq!(section(&r, "messages").response_days, 10);
        assert_eq!(counts(&section(&r, "messages").messages), (1, 0, 1, 0));

        // The CSV: a header, one row a section and one a person.
        let csv = accountability::csv(&r);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(
            lines.len(),
            1 + r.sections.len() + r.people.len(),
            "{}",
            t.name
        );
        assert!(lines[0].contains("تیکت معوق"));
        assert!(csv.contains("کارمند 71"));
    }
}
