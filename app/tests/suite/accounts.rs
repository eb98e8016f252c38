//! Accounts, sessions, custodians and the audit log on real databases: SQLite always,
//! PostgreSQL when `PORTAL_TEST_POSTGRES_URL` is set.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{AccountStatus, AppointmentStatus};
use app::server::services::account::{self, Registration};
use app::server::services::permission::{self, Acting, Action};
use app::server::services::{audit, custodian, session};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

const ADMIN_PASSWORD: &str = "rahbar-portal-1403";

fn registration(n: u32) -> Registration {
    // Valid national IDs: the first nine digits and the standard check digit.
    let base = format!("{:09}", 123_456_000 + n);
    let digits: Vec<u32> = base.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| d * (10 - i as u32))
        .sum();
    let r = sum % 11;
    let check = if r < 2 { r } else { 11 - r };
    Registration {
        full_name: format!("شهروند آزمایشی {n}"),
        national_id: format!("{base}{check}"),
        mobile: format!("0912{:07}", n),
        email: format!("citizen{n}@example.ir"),
        username: format!("citizen{n}"),
        password: "ab-cd-ef-1403".into(),
        password_repeat: "ab-cd-ef-1403".into(),
        accept_terms: true,
    }
}

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some(ADMIN_PASSWORD))
        .await
        .unwrap();
    let actor = account::login(db, Some("127.0.0.1".into()), "admin", ADMIN_PASSWORD)
        .await
        .unwrap();
    Acting::user(actor, Some("127.0.0.1".into()))
}

async fn user_count(db: &DatabaseConnection) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM users",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

fn field_of(e: &AppError) -> &str {
    match e {
        AppError::Validation { field, .. } => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// An approved citizen, signed in.
async fn approved(db: &DatabaseConnection, admin: &Acting, n: u32) -> Acting {
    let reg = registration(n);
    let id = account::register(db, &Acting::anonymous(None), &reg)
        .await
        .unwrap();
    account::approve(db, admin, id).await.unwrap();
    let actor = account::login(db, None, &reg.username, &reg.password)
        .await
        .unwrap();
    Acting::user(actor, None)
}

#[tokio::test]
async fn registration_is_validated_and_all_or_nothing() {
    for t in common::all().await {
        let db = &t.conn;
        let anon = Acting::anonymous(Some("10.0.0.1".into()));
        let mut bad = registration(1);
        bad.national_id = "0499370898".into(); // wrong check digit
        let e = account::register(db, &anon, &bad).await.unwrap_err();
        assert_eq!(field_of(&e), "کد ملی", "{}", t.name);
        bad.national_id = "۱۱۱۱۱۱۱۱۱۱".into();
        assert_eq!(
            field_of(&account::register(db, &anon, &bad).await.unwrap_err()),
            "کد ملی"
        );
        let mut bad = registration(1);
        bad.mobile = "0212345678".into();
        assert_eq!(
            field_of(&account::register(db, &anon, &bad).await.unwrap_err()),
            "شماره همراه"
        );
        let mut bad = registration(1);
        bad.password_repeat = "something-else-1".into();
        assert_eq!(
            field_of(&account::register(db, &anon, &bad).await.unwrap_err()),
            "تکرار کلمه عبور"
        );
        let mut bad = registration(1);
        bad.accept_terms = false;
        assert_eq!(
            field_of(&account::register(db, &anon, &bad).await.unwrap_err()),
            "شرایط استفاده"
        );
        assert_eq!(user_count(db).await, 0, "{}: nothing saved", t.name);

        // Persian and Arabic-Indic digits, +98 mobile: stored in one canonical form.
        let mut ok = registration(1);
        let latin_id = ok.national_id.clone();
        ok.national_id = app::persian::to_persian_digits(&ok.national_id);
        ok.mobile = "+98 912 000 0001".into();
        ok.username = "Citizen1".into();
        let id = account::register(db, &anon, &ok).await.unwrap();
        let admin = admin(db).await;
        let detail = account::user_detail(db, &admin, id).await.unwrap();
        assert_eq!(detail.national_id.as_deref(), Some(latin_id.as_str()));
        assert_eq!(detail.mobile.as_deref(), Some("09120000001"));
        assert_eq!(detail.summary.username, "citizen1");
        assert_eq!(detail.summary.status, AccountStatus::Pending);

        // Duplicates: national ID, user name, e-mail — each named, nothing saved.
        let before = user_count(db).await;
        let mut dup = registration(2);
        dup.national_id = latin_id.clone();
        assert_eq!(
            field_of(&account::register(db, &anon, &dup).await.unwrap_err()),
            "کد ملی"
        );
        let mut dup = registration(2);
        dup.username = "citizen1".into();
        assert_eq!(
            field_of(&account::register(db, &anon, &dup).await.unwrap_err()),
            "نام کاربری"
        );
        let mut dup = registration(2);
        dup.email = "CITIZEN1@example.ir".into();
        assert_eq!(
            field_of(&account::register(db, &anon, &dup).await.unwrap_err()),
            "رایانامه"
        );
        assert_eq!(user_count(db).await, before, "{}", t.name);
    }
}

#[tokio::test]
async fn only_approved_accounts_log_in_and_the_reason_is_shown() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let reg = registration(3);
        let id = account::register(db, &Acting::anonymous(None), &reg)
            .await
            .unwrap();
        let e = account::login(db, None, &reg.username, &reg.password)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("انتظار تأیید"), "{}: {e}", t.name);
        // A wrong password on a pending account tells nothing about the account.
        let e = account::login(db, None, &reg.username, "wrong-password-1")
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), "ورود: نام کاربری یا کلمه عبور درست نیست.");

        account::reject(db, &admin, id, "مدارک ناقص است")
            .await
            .unwrap();
        let e = account::login(db, None, &reg.username, &reg.password)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("مدارک ناقص است"), "{}: {e}", t.name);
        assert!(
            account::reject(db, &admin, id, "کو").await.is_err(),
            "reason too short"
        );

        account::approve(db, &admin, id).await.unwrap();
        let actor = account::login(db, None, &reg.username, &reg.password)
            .await
            .unwrap();
        assert_eq!(actor.username, reg.username);

        // Suspension: no login, and open sessions end at once.
        let token = session::create(db, actor.user_id, None, None)
            .await
            .unwrap();
        assert!(session::resolve(db, &token).await.unwrap().is_some());
        account::suspend(db, &admin, id, "سوءاستفاده از سامانه")
            .await
            .unwrap();
        assert!(
            session::resolve(db, &token).await.unwrap().is_none(),
            "{}",
            t.name
        );
        let e = account::login(db, None, &reg.username, &reg.password)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("معلق"), "{e}");

        // Only the administrator approves.
        let citizen = approved(db, &admin, 4).await;
        assert_eq!(
            account::approve(db, &citizen, id).await,
            Err(AppError::Forbidden)
        );
        assert_eq!(
            account::approve(db, &Acting::anonymous(None), id).await,
            Err(AppError::Unauthenticated)
        );

        // Password: change (ends sessions), and the administrator's reset.
        let me = citizen.actor.clone().unwrap();
        let token = session::create(db, me.user_id, None, None).await.unwrap();
        let e = account::change_password(
            db,
            &citizen,
            "wrong-1234567",
            "new-pass-1404",
            "new-pass-1404",
        )
        .await
        .unwrap_err();
        assert_eq!(field_of(&e), "کلمه عبور کنونی");
        account::change_password(
            db,
            &citizen,
            "ab-cd-ef-1403",
            "new-pass-1404",
            "new-pass-1404",
        )
        .await
        .unwrap();
        assert!(session::resolve(db, &token).await.unwrap().is_none());
        assert!(account::login(db, None, "citizen4", "new-pass-1404")
            .await
            .is_ok());
        let temporary = account::reset_password(db, &admin, me.user_id)
            .await
            .unwrap();
        assert!(
            account::login(db, None, "citizen4", &temporary)
                .await
                .is_ok(),
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn logins_are_throttled_per_account_and_per_address() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let _ = approved(db, &admin, 5).await;
        // Both limits' windows end together (a quarter hour): the whole test in one.
        common::room_in_window(account::LOGIN_LIMIT_PER_ADDRESS, 90).await;
        for _ in 0..account::LOGIN_LIMIT_PER_ACCOUNT.max {
            let e = account::login(db, Some("10.1.1.1".into()), "citizen5", "wrong-guess-1")
                .await
                .unwrap_err();
            assert!(matches!(e, AppError::Validation { .. }));
        }
        // Now even the right password waits, from any address.
        let e = account::login(db, Some("10.9.9.9".into()), "citizen5", "ab-cd-ef-1403")
            .await
            .unwrap_err();
        assert_eq!(e, AppError::RateLimited, "{}", t.name);

        // One address trying many accounts is stopped too.
        let mut limited = false;
        for i in 0..=account::LOGIN_LIMIT_PER_ADDRESS.max {
            let r = account::login(
                db,
                Some("10.2.2.2".into()),
                &format!("nobody{i}"),
                "x-1234567890",
            )
            .await;
            if r == Err(AppError::RateLimited) {
                limited = true;
                break;
            }
        }
        assert!(limited, "{}: per-address limit", t.name);
        // Another address, another account: unaffected.
        assert!(
            account::login(db, Some("10.3.3.3".into()), "admin", ADMIN_PASSWORD)
                .await
                .is_ok()
        );
    }
}

#[tokio::test]
async fn custodian_process_grants_and_revokes_the_section() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let person = approved(db, &admin, 6).await;
        let me = person.actor.clone().unwrap();
        let token = session::create(db, me.user_id, None, None).await.unwrap();

        // Not a custodian yet: refused.
        assert_eq!(
            permission::authorize(db, &person, Action::ViewDashboard, "news", None)
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        let id = custodian::nominate(db, &admin, me.user_id, "news", "پیشنهاد مدیر روابط عمومی")
            .await
            .unwrap();
        assert!(
            custodian::nominate(db, &admin, me.user_id, "news", "")
                .await
                .is_err(),
            "twice"
        );
        // Nominated is not appointed.
        let actor = session::resolve(db, &token).await.unwrap().unwrap();
        assert!(actor.custodian_of.is_empty(), "{}", t.name);
        // Appointment waits for every checklist item.
        let e = custodian::appoint(db, &admin, id, "").await.unwrap_err();
        assert_eq!(field_of(&e), "احراز صلاحیت");
        let detail = custodian::detail(db, &admin, id).await.unwrap();
        assert_eq!(detail.checklist.len(), 3);
        for item in &detail.checklist {
            custodian::set_check(db, &admin, id, item.item_id, true)
                .await
                .unwrap();
        }
        custodian::appoint(db, &admin, id, "از ابتدای ماه")
            .await
            .unwrap();
        let actor = session::resolve(db, &token).await.unwrap().unwrap();
        assert!(actor.custodian_of.contains("news"));
        let acting = Acting::user(actor, None);
        assert!(
            permission::authorize(db, &acting, Action::EditContent, "news", None)
                .await
                .is_ok()
        );
        assert_eq!(
            permission::authorize(db, &acting, Action::ViewDashboard, "laws", None)
                .await
                .err(),
            Some(AppError::Forbidden),
            "{}: another section",
            t.name
        );
        // A custodian cannot appoint anyone.
        assert_eq!(
            custodian::nominate(db, &acting, me.user_id, "laws", "").await,
            Err(AppError::Forbidden)
        );

        let detail = custodian::detail(db, &admin, id).await.unwrap();
        assert_eq!(detail.summary.status, AppointmentStatus::Appointed);
        // nominated, three items checked, appointed: each step with its actor.
        assert_eq!(detail.steps.len(), 5, "{}", t.name);
        assert!(detail.steps.iter().all(|s| s.actor == "راهبر پرتال"));

        // Revocation takes the section away at once, open sessions included.
        custodian::revoke(db, &admin, id, "پایان مأموریت")
            .await
            .unwrap();
        assert!(
            session::resolve(db, &token).await.unwrap().is_none(),
            "{}",
            t.name
        );
        assert_eq!(session::count_for_user(db, me.user_id).await.unwrap(), 0);
        let fresh = account::login(db, None, "citizen6", "ab-cd-ef-1403")
            .await
            .unwrap();
        assert!(fresh.custodian_of.is_empty());
        assert!(custodian::revoke(db, &admin, id, "دوباره عزل")
            .await
            .is_err());

        // The audit log recorded it all, and refuses to be edited.
        let page = audit::list(
            db,
            &audit::Filter {
                section: Some("news".into()),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
        let actions: Vec<&str> = page.entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions[0], "custodian.revoked");
        assert!(actions.contains(&"custodian.appointed"));
        assert!(actions.contains(&"custodian.nominated"));
        assert!(page.entries.iter().all(|e| e.actor == "admin"));
        for sql in [
            "UPDATE audit_log SET summary = 'x'",
            "DELETE FROM audit_log",
        ] {
            let r = db
                .execute_raw(Statement::from_string(db.get_database_backend(), sql))
                .await;
            assert!(r.is_err(), "{}: {sql} must fail", t.name);
        }
    }
}

#[tokio::test]
async fn experts_answer_their_categories_and_lose_them_with_their_sessions() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let person = approved(db, &admin, 7).await;
        let me = person.actor.clone().unwrap();
        let detail = account::user_detail(db, &admin, me.user_id).await.unwrap();
        let tickets: Vec<i32> = detail
            .categories
            .iter()
            .filter(|c| c.section_key == "tickets")
            .map(|c| c.id)
            .collect();
        account::set_expert_categories(db, &admin, me.user_id, &tickets[..1])
            .await
            .unwrap();
        let token = session::create(db, me.user_id, None, None).await.unwrap();
        let actor = session::resolve(db, &token).await.unwrap().unwrap();
        let acting = Acting::user(actor, None);
        assert!(permission::authorize(
            db,
            &acting,
            Action::AnswerCases,
            "tickets",
            Some(tickets[0])
        )
        .await
        .is_ok());
        assert_eq!(
            permission::authorize(
                db,
                &acting,
                Action::AnswerCases,
                "tickets",
                Some(tickets[1])
            )
            .await
            .err(),
            Some(AppError::Forbidden),
            "{}",
            t.name
        );
        account::set_expert_categories(db, &admin, me.user_id, &[])
            .await
            .unwrap();
        assert!(
            session::resolve(db, &token).await.unwrap().is_none(),
            "{}",
            t.name
        );
    }
}

#[tokio::test]
async fn a_person_sees_their_sessions_and_ends_the_others() {
    for t in common::all().await {
        let db = &t.conn;
        account::ensure_first_admin(db, Some(ADMIN_PASSWORD))
            .await
            .unwrap();
        let admin = account::login(db, None, "admin", ADMIN_PASSWORD)
            .await
            .unwrap();
        let phone = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        let desk =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        let here = session::create(
            db,
            admin.user_id,
            Some("10.0.0.7".into()),
            Some(desk.into()),
        )
        .await
        .unwrap();
        let there = session::create(
            db,
            admin.user_id,
            Some("10.0.0.9".into()),
            Some(phone.into()),
        )
        .await
        .unwrap();

        let rows = session::list_for(db, admin.user_id, Some(&here))
            .await
            .unwrap();
        assert_eq!(rows.len(), 2, "{}", t.name);
        let mine: Vec<_> = rows.iter().filter(|r| r.current).collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].device, "فایرفاکس روی ویندوز");
        assert_eq!(mine[0].ip.as_deref(), Some("10.0.0.7"));
        assert!(rows.iter().any(|r| r.device == "کروم روی اندروید"));

        let acting = Acting::user(admin.clone(), None);
        assert_eq!(session::end_others(db, &acting, &here).await.unwrap(), 1);
        assert!(
            session::resolve(db, &there).await.unwrap().is_none(),
            "the other ended"
        );
        assert!(
            session::resolve(db, &here).await.unwrap().is_some(),
            "this one stays"
        );
        let rows = session::list_for(db, admin.user_id, Some(&here))
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].current);
        let page = audit::list(
            db,
            &audit::Filter {
                action: Some("account.sessions_ended".into()),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
        assert_eq!(page.entries.len(), 1, "recorded in the audit log");
        // Nobody signed in ends nothing.
        assert!(matches!(
            session::end_others(db, &Acting::anonymous(None), &here).await,
            Err(AppError::Unauthenticated)
        ));
    }
}
