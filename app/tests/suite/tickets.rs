//! Tickets on real databases: filing, codes in any digit script, the status machine, what
//! the citizen sees and what only staff see, who may answer what, limits, and the outbox.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{PostKind, TicketStatus};
use app::server::services::account;
use app::server::services::permission::Acting;
use app::server::services::ticket::{self, NewTicket, QueueFilter};
use app::server::services::{attachment, custodian, working_time};
use sea_orm::DatabaseConnection;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-ticket-1403"))
        .await
        .unwrap();
    let a = account::login(db, None, "admin", "rahbar-ticket-1403")
        .await
        .unwrap();
    Acting::user(a, None)
}

fn new_ticket(category: i32) -> NewTicket {
    NewTicket {
        name: "حسن رضایی".into(),
        mobile: "۰۹۱۲ ۳۴۵ ۶۷۸۹".into(),
        email: "hasan@example.ir".into(),
        category_id: category,
        subject: "درخواست پروانه چاه".into(),
        body: "برای چاه کشاورزی در روستای ما پروانه لازم است؛ چه مدارکی باید بیاورم؟".into(),
    }
}

use crate::common::count;

#[tokio::test]
async fn filing_gives_a_code_that_reads_back_in_any_script() {
    for t in common::all().await {
        let db = &t.conn;
        let cats = ticket::categories(db).await.unwrap();
        assert!(cats.len() >= 5, "{}", t.name);
        let anon = Acting::anonymous(Some("10.5.0.1".into()));
        let mut bad = new_ticket(cats[0].id);
        bad.mobile.clear();
        bad.email.clear();
        let e = ticket::file(db, &anon, &bad).await.unwrap_err();
        assert!(
            matches!(e, AppError::Validation { ref field, .. } if field == "راه تماس"),
            "{e:?}"
        );
        let mut bad = new_ticket(9999);
        bad.category_id = 9999;
        assert!(ticket::file(db, &anon, &bad).await.is_err());
        assert_eq!(
            count(db, "SELECT COUNT(*) AS n FROM tickets").await,
            0,
            "nothing half-saved"
        );

        let receipt = ticket::file(db, &anon, &new_ticket(cats[0].id))
            .await
            .unwrap();
        let code = receipt.tracking_code.clone();
        assert_eq!(code.len(), 16);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
        assert!(receipt.emailed);
        // The deadline follows the category's working days.
        assert_eq!(
            receipt.due_at,
            working_time::deadline(
                receipt.created_at,
                cats[0].response_days as u32,
                &Default::default()
            )
        );
        // The e-mail with the code waits in the outbox.
        assert_eq!(
            count(db, "SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL").await,
            1
        );

        let persian = app::tracking_code::display(&code);
        let arabic: String = code
            .chars()
            .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap())
            .collect();
        for typed in [
            code.clone(),
            persian,
            arabic,
            format!("{} {}", &code[..8], &code[8..]),
        ] {
            let found = ticket::lookup(db, Some("10.5.0.1"), &typed).await.unwrap();
            assert_eq!(found.tracking_code, code, "{}: {typed}", t.name);
            assert_eq!(found.category, cats[0].title, "{}", t.name);
            assert_eq!(found.status, TicketStatus::New);
            assert_eq!(found.posts.len(), 1);
            assert_eq!(found.posts[0].kind, PostKind::Citizen);
        }
        // Unknown and malformed codes get the same polite answer.
        let first = if code.starts_with('9') { '8' } else { '9' };
        let wrong: String = std::iter::once(first).chain(code.chars().skip(1)).collect();
        let e1 = ticket::lookup(db, None, &wrong).await.unwrap_err();
        let e2 = ticket::lookup(db, None, "12").await.unwrap_err();
        assert_eq!(e1, ticket::not_found());
        assert_eq!(e2, ticket::not_found());
    }
}

#[tokio::test]
async fn the_status_machine_and_what_the_citizen_sees() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let cats = ticket::categories(db).await.unwrap();
        let anon = Acting::anonymous(None);
        let code = ticket::file(db, &anon, &new_ticket(cats[0].id))
            .await
            .unwrap()
            .tracking_code;
        let queue = ticket::queue(
            db,
            &admin,
            &QueueFilter {
                open_only: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        let id = queue.rows[0].id;

        // An internal note: in progress, and invisible to the citizen.
        ticket::reply(db, &admin, id, "مدارک را بررسی کنید.", true)
            .await
            .unwrap();
        let public = ticket::lookup(db, None, &code).await.unwrap();
        assert_eq!(public.status, TicketStatus::InProgress, "{}", t.name);
        assert_eq!(public.posts.len(), 1, "the note is not shown");
        let staff = ticket::staff_view(db, &admin, id).await.unwrap();
        assert_eq!(staff.posts.len(), 2);
        assert_eq!(staff.posts[1].kind, PostKind::Internal);

        // A reply: answered; the citizen sees the role, not the account, and is told by e-mail
        // (the internal note above sent nothing).
        let mails = count(db, "SELECT COUNT(*) AS n FROM outbox").await;
        assert_eq!(mails, 1, "only the receipt so far");
        ticket::reply(db, &admin, id, "مدارک: سند مالکیت و کارت ملی.", false)
            .await
            .unwrap();
        assert_eq!(
            count(db, "SELECT COUNT(*) AS n FROM outbox").await,
            2,
            "{}",
            t.name
        );
        let public = ticket::lookup(db, None, &code).await.unwrap();
        assert_eq!(public.status, TicketStatus::Answered);
        assert_eq!(public.posts.last().unwrap().author, "راهبر پرتال");
        assert!(!public.posts.iter().any(|p| p.author.contains("admin")));

        // A follow-up moves it back to in progress.
        ticket::follow_up(db, &anon, &code, "سند من قولنامه‌ای است؛ کافی است؟")
            .await
            .unwrap();
        assert_eq!(
            ticket::lookup(db, None, &code).await.unwrap().status,
            TicketStatus::InProgress
        );

        // Not every move is allowed.
        assert!(ticket::set_status(db, &admin, id, TicketStatus::New)
            .await
            .is_err());
        ticket::reply(db, &admin, id, "بله، با استعلام ثبت.", false)
            .await
            .unwrap();
        // The citizen closes with a rating; out of range is refused.
        assert!(ticket::close_by_citizen(db, &anon, &code, Some(6), "")
            .await
            .is_err());
        ticket::close_by_citizen(db, &anon, &code, Some(4), "پاسخ روشن بود")
            .await
            .unwrap();
        let closed = ticket::lookup(db, None, &code).await.unwrap();
        assert_eq!(closed.status, TicketStatus::Closed);
        assert_eq!(closed.rating, Some(4));
        assert!(ticket::follow_up(db, &anon, &code, "یک پرسش دیگر")
            .await
            .is_err());
        assert!(ticket::reply(db, &admin, id, "پاسخ دیرهنگام", false)
            .await
            .is_err());
        // Staff may reopen.
        ticket::set_status(db, &admin, id, TicketStatus::InProgress)
            .await
            .unwrap();

        // Every step is in the audit log.
        let n = count(db, &format!("SELECT COUNT(*) AS n FROM audit_log WHERE target_kind = 'ticket' AND target_id = '{id}'")).await;
        assert!(n >= 7, "{}: {n} audit lines", t.name);
    }
}

#[tokio::test]
async fn staff_see_only_what_they_answer() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let cats = ticket::categories(db).await.unwrap();
        let anon = Acting::anonymous(None);
        ticket::file(db, &anon, &new_ticket(cats[0].id))
            .await
            .unwrap();
        ticket::file(db, &anon, &new_ticket(cats[1].id))
            .await
            .unwrap();

        let expert = common::approved_person(db, &admin, 1, "staff1", "staff-pass-1403").await;
        let expert_id = expert.actor.as_ref().unwrap().user_id;
        account::set_expert_categories(db, &admin, expert_id, &[cats[0].id])
            .await
            .unwrap();
        let expert = Acting::user(
            account::login(db, None, "staff1", "staff-pass-1403")
                .await
                .unwrap(),
            None,
        );
        let q = ticket::queue(db, &expert, &QueueFilter::default())
            .await
            .unwrap();
        assert_eq!(q.rows.len(), 1, "{}", t.name);
        assert_eq!(q.categories.len(), 1);
        let all = ticket::queue(db, &admin, &QueueFilter::default())
            .await
            .unwrap();
        assert_eq!(all.rows.len(), 2);
        let other = all.rows.iter().find(|r| r.id != q.rows[0].id).unwrap().id;
        assert_eq!(
            ticket::staff_view(db, &expert, other).await.err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            ticket::reply(db, &expert, other, "پاسخ", false).await,
            Err(AppError::Forbidden)
        );
        // The expert answers their own; the reply is signed with their role.
        ticket::reply(db, &expert, q.rows[0].id, "پاسخ کارشناس", false)
            .await
            .unwrap();
        let v = ticket::staff_view(db, &admin, q.rows[0].id).await.unwrap();
        assert_eq!(v.posts.last().unwrap().author, "کارشناس پاسخ‌گو");
        // Assignment only to people who answer the category.
        let outsider = common::approved_person(db, &admin, 2, "staff2", "staff-pass-1403")
            .await
            .actor
            .unwrap()
            .user_id;
        assert!(ticket::assign(db, &admin, q.rows[0].id, Some(outsider))
            .await
            .is_err());
        ticket::assign(db, &admin, q.rows[0].id, Some(expert_id))
            .await
            .unwrap();
        let mine = ticket::queue(
            db,
            &expert,
            &QueueFilter {
                assignee: "me".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        assert_eq!(mine.rows.len(), 1);

        // A custodian of another section has no queue at all; of the tickets section, all.
        let news = common::approved_person(db, &admin, 3, "staff3", "staff-pass-1403").await;
        let nid = news.actor.as_ref().unwrap().user_id;
        let a = custodian::nominate(db, &admin, nid, "news", "")
            .await
            .unwrap();
        for item in custodian::detail(db, &admin, a).await.unwrap().checklist {
            custodian::set_check(db, &admin, a, item.item_id, true)
                .await
                .unwrap();
        }
        custodian::appoint(db, &admin, a, "").await.unwrap();
        let news = Acting::user(
            account::login(db, None, "staff3", "staff-pass-1403")
                .await
                .unwrap(),
            None,
        );
        assert_eq!(
            ticket::queue(db, &news, &QueueFilter::default())
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        // Saved replies: kept by the section's custodian, not by an expert.
        assert_eq!(
            ticket::add_saved_reply(db, &expert, "مدارک", "سند و کارت ملی")
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        ticket::add_saved_reply(db, &admin, "مدارک", "سند و کارت ملی")
            .await
            .unwrap();
        assert_eq!(ticket::saved_replies(db, &expert).await.unwrap().len(), 1);

        // Search by part of the text, by name, by code in Persian digits.
        let code = &q.rows[0].tracking_code;
        for query in ["پروانه", "رضایی", &app::tracking_code::display(code)] {
            let found = ticket::queue(
                db,
                &admin,
                &QueueFilter {
                    query: query.into(),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
            assert!(!found.rows.is_empty(), "{}: search {query}", t.name);
        }
    }
}

#[tokio::test]
async fn lookups_are_limited_per_address() {
    for t in common::all().await {
        let db = &t.conn;
        let mut limited = false;
        common::room_in_window(ticket::LOOKUP_LIMIT, 30).await;
        for _ in 0..=ticket::LOOKUP_LIMIT.max {
            if ticket::lookup(db, Some("10.9.0.1"), "1111222233334444").await
                == Err(AppError::RateLimited)
            {
                limited = true;
                break;
            }
        }
        assert!(limited, "{}", t.name);
        // Another address is not affected.
        assert_eq!(
            ticket::lookup(db, Some("10.9.0.2"), "1111222233334444")
                .await
                .err(),
            Some(ticket::not_found())
        );
    }
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde";

fn upload(name: &str, bytes: &[u8]) -> attachment::Upload {
    attachment::Upload {
        field: "attachments".into(),
        file_name: name.into(),
        bytes: bytes.to_vec(),
    }
}

#[tokio::test]
async fn attachments_are_checked_by_content_and_shown_only_to_who_may_see_them() {
    for t in common::all().await {
        let db = &t.conn;
        let dir = tempfile::tempdir().unwrap();
        let store = attachment::Store::new(dir.path());
        let admin = admin(db).await;
        let cats = ticket::categories(db).await.unwrap();
        let anon = Acting::anonymous(Some("10.9.0.1".into()));
        let files = |uploads| {
            Some(ticket::Files {
                store: &store,
                uploads,
            })
        };

        // A page disguised as a PDF, an oversized file, too many files: refused, nothing kept.
        for bad in [
            vec![upload(
                "نامه.pdf",
                b"<html><script>alert(1)</script></html>",
            )],
            vec![upload(
                "big.pdf",
                &[PDF, &vec![b' '; 5 * 1024 * 1024]].concat(),
            )],
            (0..4).map(|i| upload(&format!("{i}.pdf"), PDF)).collect(),
        ] {
            let r = ticket::file_with(db, &anon, &new_ticket(cats[0].id), files(bad)).await;
            assert!(
                matches!(r, Err(AppError::Validation { ref field, .. }) if field == "پیوست"),
                "{}: {r:?}",
                t.name
            );
        }
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM tickets").await, 0);
        assert_eq!(count(db, "SELECT COUNT(*) AS n FROM attachments").await, 0);

        // A PDF and an image (named .html: it keeps its real extension on download).
        let receipt = ticket::file_with(
            db,
            &anon,
            &new_ticket(cats[0].id),
            files(vec![
                upload("C:\\مدارک\\پروانه.pdf", PDF),
                upload("photo.html", PNG),
                upload("", b""),
            ]),
        )
        .await
        .unwrap();
        let code = receipt.tracking_code.clone();
        let seen = ticket::lookup(db, None, &code).await.unwrap();
        let files_seen = &seen.posts[0].attachments;
        assert_eq!(files_seen.len(), 2, "{}", t.name);
        assert_eq!(files_seen[0].name, "پروانه.pdf");
        assert_eq!(files_seen[0].media_type, "application/pdf");
        assert_eq!(files_seen[1].name, "photo.html.png");
        assert_eq!(files_seen[1].media_type, "image/png");
        assert_eq!(files_seen[0].size, PDF.len() as i64);
        let key = files_seen[0].key.clone();
        assert_eq!(store.read(&key).await.unwrap(), PDF, "stored byte for byte");

        // The code (in Persian digits too) opens it; a wrong code or no code does not.
        let persian_code = app::persian::to_persian_digits(&code);
        assert!(attachment::authorize(db, &anon, &key, Some(&persian_code))
            .await
            .is_ok());
        let other = ticket::file(db, &anon, &new_ticket(cats[0].id))
            .await
            .unwrap();
        assert_eq!(
            attachment::authorize(db, &anon, &key, Some(&other.tracking_code))
                .await
                .err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            attachment::authorize(db, &anon, &key, None).await.err(),
            Some(AppError::NotFound)
        );
        assert_eq!(
            attachment::authorize(db, &anon, "../../etc/passwd", Some(&code))
                .await
                .err(),
            Some(AppError::NotFound)
        );
        // Staff who answer the category open it by their session; others do not.
        assert!(attachment::authorize(db, &admin, &key, None).await.is_ok());
        let outsider = common::approved_person(db, &admin, 7, "staff7", "staff-pass-1403").await;
        assert_eq!(
            attachment::authorize(db, &outsider, &key, None).await.err(),
            Some(AppError::NotFound)
        );

        // An internal note's file is for staff only, even with the code.
        let id = ticket::queue(db, &admin, &QueueFilter::default())
            .await
            .unwrap()
            .rows
            .iter()
            .find(|r| r.tracking_code == code)
            .unwrap()
            .id;
        ticket::reply_with(
            db,
            &admin,
            id,
            "بررسی داخلی",
            true,
            files(vec![upload("n.pdf", PDF)]),
        )
        .await
        .unwrap();
        let staff = ticket::staff_view(db, &admin, id).await.unwrap();
        let note_key = staff.posts.last().unwrap().attachments[0].key.clone();
        assert_eq!(
            attachment::authorize(db, &anon, &note_key, Some(&code))
                .await
                .err(),
            Some(AppError::NotFound)
        );
        assert!(ticket::lookup(db, None, &code)
            .await
            .unwrap()
            .posts
            .iter()
            .all(|p| p.kind != PostKind::Internal));

        // A reply with a file, then a follow-up of only a file reopens the answered ticket.
        ticket::reply_with(
            db,
            &admin,
            id,
            "پاسخ با پیوست",
            false,
            files(vec![upload("پاسخ.pdf", PDF)]),
        )
        .await
        .unwrap();
        assert_eq!(
            ticket::lookup(db, None, &code).await.unwrap().status,
            TicketStatus::Answered
        );
        ticket::follow_up_with(db, &anon, &code, "", files(vec![upload("scan.png", PNG)]))
            .await
            .unwrap();
        let after = ticket::lookup(db, None, &code).await.unwrap();
        assert_eq!(after.status, TicketStatus::InProgress, "{}", t.name);
        let last = after.posts.last().unwrap();
        assert_eq!(last.attachments.len(), 1);
        assert_eq!(last.attachments[0].name, "scan.png");
        // Each post keeps its own files, in upload order; a post without files has none,
        // and the hidden note's file is not among them.
        ticket::follow_up(db, &anon, &code, "و یک پیگیری بی پیوست")
            .await
            .unwrap();
        let names = |posts: &[app::model::TicketPost]| -> Vec<Vec<String>> {
            posts
                .iter()
                .map(|p| p.attachments.iter().map(|a| a.name.clone()).collect())
                .collect()
        };
        let public = ticket::lookup(db, None, &code).await.unwrap();
        let staff = ticket::staff_view(db, &admin, id).await.unwrap();
        let thread = |files: &[&[&str]]| -> Vec<Vec<String>> {
            files
                .iter()
                .map(|f| f.iter().map(|n| n.to_string()).collect())
                .collect()
        };
        assert_eq!(
            names(&public.posts),
            thread(&[
                &["پروانه.pdf", "photo.html.png"],
                &["پاسخ.pdf"],
                &["scan.png"],
                &[]
            ]),
            "{}",
            t.name
        );
        assert_eq!(
            names(&staff.posts),
            thread(&[
                &["پروانه.pdf", "photo.html.png"],
                &["n.pdf"],
                &["پاسخ.pdf"],
                &["scan.png"],
                &[]
            ]),
            "{}",
            t.name
        );
        // Neither text nor file is not a follow-up.
        assert!(ticket::follow_up_with(db, &anon, &code, " ", files(vec![]))
            .await
            .is_err());
    }
}

#[tokio::test]
async fn response_targets_and_holidays_are_data_kept_by_the_custodian() {
    use app::server::services::ticket_settings::{self, CategoryInput};
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let custodian = common::approved_person(db, &admin, 11, "staff11", "staff-pass-1403").await;
        let custodian_id = custodian.actor.as_ref().unwrap().user_id;
        let expert = common::approved_person(db, &admin, 12, "staff12", "staff-pass-1403").await;
        let cats = ticket::categories(db).await.unwrap();
        account::set_expert_categories(
            db,
            &admin,
            expert.actor.as_ref().unwrap().user_id,
            &[cats[0].id],
        )
        .await
        .unwrap();
        // Only the administrator and the tickets custodian keep these figures.
        assert_eq!(
            ticket_settings::settings(db, &custodian).await.err(),
            Some(AppError::Forbidden)
        );
        let a = custodian::nominate(db, &admin, custodian_id, "tickets", "")
            .await
            .unwrap();
        for item in custodian::detail(db, &admin, a).await.unwrap().checklist {
            custodian::set_check(db, &admin, a, item.item_id, true)
                .await
                .unwrap();
        }
        custodian::appoint(db, &admin, a, "").await.unwrap();
        let custodian = Acting::user(
            account::login(db, None, "staff11", "staff-pass-1403")
                .await
                .unwrap(),
            None,
        );
        let expert = Acting::user(
            account::login(db, None, "staff12", "staff-pass-1403")
                .await
                .unwrap(),
            None,
        );
        assert_eq!(
            ticket_settings::settings(db, &expert).await.err(),
            Some(AppError::Forbidden),
            "{}",
            t.name
        );
        let s = ticket_settings::settings(db, &custodian).await.unwrap();
        assert_eq!(s.categories.len(), cats.len());

        // A new target (typed in Persian digits) applies to the next ticket filed.
        let mut input = CategoryInput {
            id: Some(cats[0].id),
            title: cats[0].title.clone(),
            response_days: "۱۰".into(),
            active: true,
        };
        ticket_settings::save_category(db, &custodian, &input)
            .await
            .unwrap();
        let c = ticket::categories(db).await.unwrap();
        assert_eq!(
            c.iter().find(|x| x.id == cats[0].id).unwrap().response_days,
            10
        );
        input.response_days = "0".into();
        assert!(ticket_settings::save_category(db, &custodian, &input)
            .await
            .is_err());
        input.response_days = "10".into();
        input.title = cats[1].title.clone();
        assert!(
            ticket_settings::save_category(db, &custodian, &input)
                .await
                .is_err(),
            "duplicate title"
        );
        // A closed category leaves the filing form and refuses tickets.
        ticket_settings::save_category(
            db,
            &custodian,
            &CategoryInput {
                id: Some(cats[1].id),
                title: cats[1].title.clone(),
                response_days: "3".into(),
                active: false,
            },
        )
        .await
        .unwrap();
        assert!(ticket::categories(db)
            .await
            .unwrap()
            .iter()
            .all(|x| x.id != cats[1].id));
        assert!(
            ticket::file(db, &Acting::anonymous(None), &new_ticket(cats[1].id))
                .await
                .is_err()
        );
        let added = ticket_settings::save_category(
            db,
            &custodian,
            &CategoryInput {
                id: None,
                title: "آب شرب روستایی".into(),
                response_days: "5".into(),
                active: true,
            },
        )
        .await
        .unwrap();
        assert!(ticket::categories(db)
            .await
            .unwrap()
            .iter()
            .any(|x| x.id == added));

        // Holidays in any digit script; duplicates refused; deletion; all audited.
        ticket_settings::add_holiday(db, &custodian, "۱۴۰۵/۰۱/۱۲", "روز جمهوری اسلامی")
            .await
            .unwrap();
        assert!(
            ticket_settings::add_holiday(db, &custodian, "1405-1-12", "تکراری")
                .await
                .is_err()
        );
        assert!(
            ticket_settings::add_holiday(db, &custodian, "1405/13/01", "نادرست")
                .await
                .is_err()
        );
        let s = ticket_settings::settings(db, &custodian).await.unwrap();
        assert!(s.holidays.iter().any(|h| h.day == "1405/01/12"));
        ticket_settings::delete_holiday(db, &custodian, "۱۴۰۵/۱/۱۲")
            .await
            .unwrap();
        let s = ticket_settings::settings(db, &custodian).await.unwrap();
        assert!(s.holidays.iter().all(|h| h.day != "1405/01/12"));
        assert_eq!(
            count(db, "SELECT COUNT(*) AS n FROM audit_log WHERE action IN ('category.saved', 'holiday.added', 'holiday.deleted')").await,
            5,
            "{}",
            t.name
        );
    }
}
