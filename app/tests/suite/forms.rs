//! Advanced forms on real databases: the definition model and who may build, server-side
//! checks of every field kind, versions (editing never changes past submissions), routing
//! to a category's experts, the answer flow (question to the submitter, reply by code,
//! answer with a file, close), the public Q&A's consent and redaction, export, and audit.
#![cfg(feature = "ssr")]

use crate::common;

use app::error::AppError;
use app::model::{FieldKind, PostKind, SubmissionStatus};
use app::server::services::attachment::{self, Upload};
use app::server::services::forms::{self, answer, export, submit, FieldInput, SettingsInput};
use app::server::services::permission::Acting;
use app::server::services::ticket::Files;
use app::server::services::{account, spreadsheet};
use sea_orm::DatabaseConnection;
use std::collections::HashMap;

async fn admin(db: &DatabaseConnection) -> Acting {
    account::ensure_first_admin(db, Some("rahbar-forms-1403"))
        .await
        .unwrap();
    Acting::user(
        account::login(db, None, "admin", "rahbar-forms-1403")
            .await
            .unwrap(),
        None,
    )
}

use crate::common::count;

fn field(kind: FieldKind, label: &str, required: bool) -> FieldInput {
    FieldInput {
        kind: kind.as_str().into(),
        label: label.into(),
        required,
        ..Default::default()
    }
}

fn field_label(e: &AppError) -> String {
    match e {
        AppError::Validation { field, .. } => field.clone(),
        other => format!("{other:?}"),
    }
}

/// A form with every kind of field, published; returns its id and the field keys by label.
async fn every_kind_form(
    db: &DatabaseConnection,
    admin: &Acting,
    category: i32,
) -> (i32, HashMap<String, String>) {
    let id = forms::create(db, admin, "درخواست آزمایشی", category)
        .await
        .unwrap();
    let mut short = field(FieldKind::ShortText, "نام", true);
    short.max = "۴۰".into();
    let mut number = field(FieldKind::Number, "عمق چاه (متر)", true);
    number.min = "1".into();
    number.max = "300".into();
    let mut date = field(FieldKind::Date, "تاریخ بازدید", false);
    date.min = "1400/01/01".into();
    let mut choice = field(FieldKind::Choice, "کاربری", true);
    choice.options = "کشاورزی\nشرب\nصنعتی".into();
    let mut multi = field(FieldKind::MultiChoice, "مدارک همراه", false);
    multi.options = "سند\nپروانه\nقبض".into();
    multi.max = "2".into();
    let mut file = field(FieldKind::File, "پیوست پروانه", false);
    file.max = "1".into();
    let mut keys = HashMap::new();
    for f in [
        short,
        field(FieldKind::LongText, "شرح", true),
        number,
        date,
        choice,
        multi,
        field(FieldKind::YesNo, "چاه پروانه دارد؟", true),
        field(FieldKind::NationalId, "کد ملی", true),
        field(FieldKind::Mobile, "همراه", true),
        field(FieldKind::Email, "رایانامه", false),
        file,
    ] {
        let key = forms::save_field(db, admin, id, &f).await.unwrap();
        keys.insert(f.label.clone(), key);
    }
    assert_eq!(forms::publish(db, admin, id).await.unwrap(), 1);
    (id, keys)
}

fn answers(keys: &HashMap<String, String>) -> HashMap<String, Vec<String>> {
    let v = |label: &str, vals: &[&str]| {
        (
            keys[label].clone(),
            vals.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )
    };
    HashMap::from([
        v("نام", &["زهرا   کریمی"]),
        v(
            "شرح",
            &["چاه کشاورزی ما کم‌آب شده؛ با شماره‌ی ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید. آیا کف‌شکنی مجاز است؟"],
        ),
        v("عمق چاه (متر)", &["۱۲۰٫۵"]),
        v("تاریخ بازدید", &["۱۴۰۳/۰۸/۱۵"]),
        v("کاربری", &["کشاورزی"]),
        v("مدارک همراه", &["پروانه", "سند"]),
        v("چاه پروانه دارد؟", &["yes"]),
        v("کد ملی", &["۰۰۱۲۳۴۵۶۷۹"]),
        v("همراه", &["09123456789"]),
        v("رایانامه", &["Zahra@Example.ir"]),
    ])
}

#[tokio::test]
async fn definitions_validation_and_versions() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let cats = forms::categories(db).await.unwrap();
        assert!(!cats.is_empty(), "{}", t.name);
        let anon = Acting::anonymous(Some("10.7.0.1".into()));
        let news = common::custodian_of(db, &admin, 1, "news").await;
        for who in [&anon, &news] {
            assert!(forms::list(db, who).await.is_err(), "{}", t.name);
            assert!(forms::create(db, who, "فرم", cats[0].id).await.is_err());
        }
        // A custodian of the forms section builds forms too, but does not export.
        let keeper = common::custodian_of(db, &admin, 2, "forms").await;
        let list = forms::list(db, &keeper).await.unwrap();
        assert!(!list.can_export);

        let (id, keys) = every_kind_form(db, &admin, cats[0].id).await;
        // Wrong definitions are refused, naming what is wrong.
        let mut one_option = field(FieldKind::Choice, "گزینه", true);
        one_option.options = "تنها".into();
        let mut backwards = field(FieldKind::Number, "عدد", true);
        backwards.min = "10".into();
        backwards.max = "2".into();
        let mut bad_date = field(FieldKind::Date, "روز", true);
        bad_date.max = "1403/13/01".into();
        for (f, at) in [
            (one_option, "گزینه‌ها"),
            (backwards, "بیشینه"),
            (bad_date, "بیشینه"),
            (field(FieldKind::ShortText, "x", true), "برچسب"),
        ] {
            let e = forms::save_field(db, &admin, id, &f).await.unwrap_err();
            assert_eq!(field_label(&e), at, "{}", t.name);
        }
        let mut unknown = field(FieldKind::ShortText, "نوع", true);
        unknown.kind = "colour".into();
        assert!(forms::save_field(db, &admin, id, &unknown).await.is_err());
        assert!(
            forms::publish(db, &admin, id).await.is_err(),
            "nothing changed since version 1"
        );

        // Every field kind is checked on the server; the error names the field.
        let good = answers(&keys);
        let wrong = |label: &str, vals: &[&str]| {
            let mut a = good.clone();
            a.insert(
                keys[label].clone(),
                vals.iter().map(|s| s.to_string()).collect(),
            );
            submit::NewSubmission {
                form_id: id,
                version: None,
                values: a,
                consent: true,
            }
        };
        for (label, vals) in [
            ("نام", &[""][..]),
            ("نام", &["نامی بسیار بسیار بسیار بسیار بسیار بسیار بلند"]),
            ("شرح", &["  "]),
            ("عمق چاه (متر)", &["۴۰۰"]),
            ("عمق چاه (متر)", &["عمیق"]),
            ("تاریخ بازدید", &["1399/12/30"]),
            ("تاریخ بازدید", &["1403/07/31"]),
            ("کاربری", &["خانگی"]),
            ("مدارک همراه", &["سند", "پروانه", "قبض"]),
            ("چاه پروانه دارد؟", &["شاید"]),
            ("کد ملی", &["0012345678"]),
            ("همراه", &["0812345678"]),
            ("رایانامه", &["zahra@"]),
        ] {
            let e = submit::submit(db, &anon, &wrong(label, vals), None)
                .await
                .unwrap_err();
            assert_eq!(field_label(&e), label, "{}: {vals:?}", t.name);
        }
        assert_eq!(
            count(db, "SELECT COUNT(*) AS n FROM form_submissions").await,
            0
        );
        let input = submit::NewSubmission {
            form_id: id,
            version: None,
            values: good.clone(),
            consent: true,
        };
        let code = submit::submit(db, &anon, &input, None).await.unwrap();
        let seen = submit::lookup(db, None, &code).await.unwrap();
        assert_eq!(seen.version, 1);
        assert_eq!(seen.status, SubmissionStatus::New);
        let shown = |label: &str| {
            seen.answers
                .iter()
                .find(|a| a.label == label)
                .map(|a| a.text.clone())
                .unwrap_or_default()
        };
        assert_eq!(shown("نام"), "زهرا کریمی");
        assert_eq!(shown("عمق چاه (متر)"), "۱۲۰٫۵");
        assert_eq!(shown("تاریخ بازدید"), "۱۴۰۳/۰۸/۱۵");
        assert_eq!(shown("مدارک همراه"), "سند، پروانه");
        assert_eq!(shown("چاه پروانه دارد؟"), "بله");
        assert_eq!(shown("کد ملی"), "******۵۶۷۹", "masked for the code holder");
        assert_eq!(shown("رایانامه"), "************e.ir");

        // Version 2: a label changes, a field goes, one comes; version 1's submission keeps
        // its own labels and answers.
        let mut renamed = field(FieldKind::ShortText, "نام و نام خانوادگی", true);
        renamed.key = keys["نام"].clone();
        forms::save_field(db, &admin, id, &renamed).await.unwrap();
        forms::delete_field(db, &admin, id, &keys["تاریخ بازدید"])
            .await
            .unwrap();
        let added = forms::save_field(db, &admin, id, &field(FieldKind::ShortText, "روستا", false))
            .await
            .unwrap();
        assert!(!keys.values().any(|k| *k == added), "a key is never reused");
        forms::move_field(db, &admin, id, &added, true)
            .await
            .unwrap();
        let editor = forms::editor(db, &admin, id).await.unwrap();
        assert!(editor.unpublished_changes);
        assert_eq!(editor.fields[editor.fields.len() - 2].key, added);
        assert_eq!(forms::publish(db, &admin, id).await.unwrap(), 2);
        let old = submit::lookup(db, None, &code).await.unwrap();
        assert_eq!(old.version, 1);
        assert!(old.answers.iter().any(|a| a.label == "نام"));
        assert!(old.answers.iter().any(|a| a.label == "تاریخ بازدید"));
        let public = submit::public_form(db, &anon, id).await.unwrap();
        assert_eq!(public.version, 2);
        assert!(public.fields.iter().any(|f| f.label == "روستا"));
        assert!(!public.fields.iter().any(|f| f.label == "تاریخ بازدید"));
        let mut v2 = good.clone();
        v2.insert(added.clone(), vec!["کهک".into()]);
        let code2 = submit::submit(
            db,
            &anon,
            &submit::NewSubmission {
                form_id: id,
                version: None,
                values: v2,
                consent: false,
            },
            None,
        )
        .await
        .unwrap();
        assert_eq!(submit::lookup(db, None, &code2).await.unwrap().version, 2);
        let versions = forms::editor(db, &admin, id).await.unwrap().versions;
        assert_eq!(
            versions
                .iter()
                .map(|v| (v.number, v.submissions))
                .collect::<Vec<_>>(),
            [(2, 1), (1, 1)]
        );

        // Export: the administrator's only; columns of every version, one row a submission.
        assert!(matches!(
            export::submissions(db, &keeper, id).await,
            Err(AppError::Forbidden)
        ));
        let table = export::submissions(db, &admin, id).await.unwrap();
        assert_eq!(table.rows.len(), 2);
        let col = |label: &str| table.header.iter().position(|h| h == label).unwrap();
        assert_eq!(table.rows[0][col("تاریخ بازدید")], "1403/08/15");
        assert_eq!(table.rows[1][col("تاریخ بازدید")], "");
        assert_eq!(table.rows[1][col("روستا")], "کهک");
        assert_eq!(table.rows[0][col("نام و نام خانوادگی")], "زهرا کریمی");
        assert_eq!(table.rows[0][col("کد ملی")], "0012345679");
        assert_eq!(table.rows[0][col("عمق چاه (متر)")], "120.5");
        assert_eq!(table.rows[0][0], code);
        let csv = spreadsheet::csv(&table.header, &table.rows);
        assert!(csv.starts_with('\u{feff}') && csv.contains("نام و نام خانوادگی"));
        let xlsx = spreadsheet::xlsx(&table.sheet, &table.header, &table.rows).unwrap();
        assert!(xlsx.starts_with(b"PK"));

        // Open dates and audience apply at once.
        let settings = |opens: &str, closes: &str, signed_in_only: bool| SettingsInput {
            title: "درخواست آزمایشی".into(),
            description: String::new(),
            category_id: cats[0].id,
            assignee_id: None,
            signed_in_only,
            opens_on: opens.into(),
            closes_on: closes.into(),
            active: true,
        };
        forms::save_settings(db, &admin, id, &settings("", "1400/01/01", false))
            .await
            .unwrap();
        let e = submit::submit(db, &anon, &input, None).await.unwrap_err();
        assert_eq!(field_label(&e), "فرم");
        assert!(
            forms::save_settings(db, &admin, id, &settings("1405/01/01", "1404/01/01", false))
                .await
                .is_err()
        );
        forms::save_settings(db, &admin, id, &settings("", "", true))
            .await
            .unwrap();
        assert_eq!(
            submit::submit(db, &anon, &input, None).await.unwrap_err(),
            AppError::Unauthenticated
        );
        assert!(
            count(
                db,
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'form.published'"
            )
            .await
                == 2
        );
        assert!(
            count(
                db,
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'form.exported'"
            )
            .await
                == 1
        );
    }
}

#[tokio::test]
async fn routing_answers_and_public_questions() {
    for t in common::all().await {
        let db = &t.conn;
        let admin = admin(db).await;
        let first = forms::categories(db).await.unwrap()[0].id;
        let other = forms::add_category(db, &admin, "حقابه").await.unwrap();
        let expert = common::approved_person(db, &admin, 3, "expert3", "expert-pass-1403").await;
        let stranger = common::approved_person(db, &admin, 4, "expert4", "expert-pass-1403").await;
        let expert_id = expert.actor.as_ref().unwrap().user_id;
        let stranger_id = stranger.actor.as_ref().unwrap().user_id;
        account::set_expert_categories(db, &admin, expert_id, &[first])
            .await
            .unwrap();
        account::set_expert_categories(db, &admin, stranger_id, &[other])
            .await
            .unwrap();
        let sign_in = |name: &'static str| async move {
            Acting::user(
                account::login(db, None, name, "expert-pass-1403")
                    .await
                    .unwrap(),
                None,
            )
        };
        let expert = sign_in("expert3").await;
        let stranger = sign_in("expert4").await;

        let (id, keys) = every_kind_form(db, &admin, first).await;
        // New submissions go to the expert named in the settings.
        let mut s = SettingsInput {
            title: "درخواست آزمایشی".into(),
            category_id: first,
            assignee_id: Some(stranger_id),
            active: true,
            ..Default::default()
        };
        assert!(
            forms::save_settings(db, &admin, id, &s).await.is_err(),
            "only an expert of the category receives"
        );
        s.assignee_id = Some(expert_id);
        forms::save_settings(db, &admin, id, &s).await.unwrap();

        let dir = tempfile::tempdir().unwrap();
        let store = attachment::Store::new(dir.path());
        let pdf = |field: &str| Upload {
            field: field.into(),
            file_name: "parvaneh.pdf".into(),
            bytes: b"%PDF-1.4\nparvaneh".to_vec(),
        };
        let anon = Acting::anonymous(Some("10.7.0.2".into()));
        let input = submit::NewSubmission {
            form_id: id,
            version: None,
            values: answers(&keys),
            consent: true,
        };
        let two = Files {
            store: &store,
            uploads: vec![pdf(&keys["پیوست پروانه"]), pdf(&keys["پیوست پروانه"])],
        };
        let e = submit::submit(db, &anon, &input, Some(two))
            .await
            .unwrap_err();
        assert_eq!(field_label(&e), "پیوست پروانه", "at most one file");
        let one = Files {
            store: &store,
            uploads: vec![pdf(&keys["پیوست پروانه"])],
        };
        let code = submit::submit(db, &anon, &input, Some(one)).await.unwrap();

        // Routing: the category's expert sees it (assigned to them), another does not.
        let inbox = answer::inbox(db, &expert, &answer::InboxFilter::default())
            .await
            .unwrap();
        assert_eq!(inbox.rows.len(), 1, "{}", t.name);
        let sid = inbox.rows[0].id;
        assert_eq!(inbox.rows[0].assignee.as_deref(), Some("کارمند 3"));
        assert!(
            answer::inbox(db, &stranger, &answer::InboxFilter::default())
                .await
                .unwrap()
                .rows
                .is_empty()
        );
        assert_eq!(
            answer::staff_view(db, &stranger, sid).await.unwrap_err(),
            AppError::Forbidden
        );
        assert!(answer::staff_view(db, &anon, sid).await.is_err());
        let view = answer::staff_view(db, &expert, sid).await.unwrap();
        assert_eq!(
            view.answers
                .iter()
                .find(|a| a.label == "کد ملی")
                .unwrap()
                .text,
            "۰۰۱۲۳۴۵۶۷۹",
            "staff see it whole"
        );
        let file = &view
            .answers
            .iter()
            .find(|a| a.kind == FieldKind::File)
            .unwrap()
            .files[0];
        let (row, _) = attachment::authorize(db, &anon, &file.key, Some(&code))
            .await
            .unwrap();
        assert!(attachment::authorize(db, &anon, &file.key, None)
            .await
            .is_err());
        assert!(attachment::authorize(db, &stranger, &file.key, None)
            .await
            .is_err());
        attachment::authorize(db, &expert, &file.key, None)
            .await
            .unwrap();
        assert_eq!(
            store.read(&row.storage_key).await.unwrap(),
            b"%PDF-1.4\nparvaneh"
        );

        // The citizen may not write until asked; the expert asks; the citizen answers by code.
        assert!(submit::reply(db, &anon, &code, "توضیح بیشتر", None)
            .await
            .is_err());
        answer::respond(
            db,
            &expert,
            sid,
            answer::Reply::AskInfo,
            "ژرفای کنونی چاه چند متر است؟",
            None,
        )
        .await
        .unwrap();
        let seen = submit::lookup(db, None, &code).await.unwrap();
        assert_eq!(seen.status, SubmissionStatus::AwaitingCitizen);
        assert!(seen.posts[0].author.contains("درخواست اطلاعات بیشتر"));
        submit::reply(db, &anon, &code, "ژرفا ۱۲۰ متر است.", None)
            .await
            .unwrap();
        assert_eq!(
            submit::lookup(db, None, &code).await.unwrap().status,
            SubmissionStatus::InProgress
        );
        // A note stays among staff; the answer (with a file) reaches the citizen.
        answer::respond(
            db,
            &expert,
            sid,
            answer::Reply::Note,
            "با امور چاه‌ها هماهنگ شد.",
            None,
        )
        .await
        .unwrap();
        let files = Files {
            store: &store,
            uploads: vec![Upload {
                field: "attachments".into(),
                file_name: "javab.pdf".into(),
                bytes: b"%PDF-1.4\njavab".to_vec(),
            }],
        };
        answer::respond(
            db,
            &expert,
            sid,
            answer::Reply::Answer,
            "کف‌شکنی تنها با مجوز امور منابع آب شهرستان مجاز است.",
            Some(files),
        )
        .await
        .unwrap();
        let seen = submit::lookup(db, None, &code).await.unwrap();
        assert_eq!(seen.status, SubmissionStatus::Answered);
        assert!(!seen.posts.iter().any(|p| p.kind == PostKind::Internal));
        let last = seen.posts.last().unwrap();
        assert_eq!(last.author, "کارشناس پاسخ‌گو");
        assert_eq!(last.attachments.len(), 1);
        attachment::authorize(db, &anon, &last.attachments[0].key, Some(&code))
            .await
            .unwrap();

        // Public Q&A: personal data refused, redacted text offered, published, listed.
        let view = answer::staff_view(db, &expert, sid).await.unwrap();
        assert!(view.qa_question.contains('…'));
        assert!(!view.qa_question.contains("۰۹۱۲"));
        assert!(
            !view.qa_question.contains("زهرا"),
            "the name field is not offered"
        );
        let e = answer::publish_qa(
            db,
            &expert,
            sid,
            "شماره‌ی من ۰۹۱۲۳۴۵۶۷۸۹ است؛ کف‌شکنی مجاز است؟",
            &view.qa_answer,
        )
        .await
        .unwrap_err();
        assert_eq!(field_label(&e), "پرسش");
        answer::publish_qa(db, &expert, sid, &view.qa_question, &view.qa_answer)
            .await
            .unwrap();
        let qa = submit::qa(db, Some(id)).await.unwrap();
        assert_eq!(qa.len(), 1);
        assert!(qa[0].answer.contains("کف‌شکنی"));
        assert_eq!(
            submit::public_form(db, &anon, id).await.unwrap().qa_count,
            1
        );
        // Without consent nothing is published.
        let mut quiet = input.clone();
        quiet.consent = false;
        submit::submit(db, &anon, &quiet, None).await.unwrap();
        let quiet_id = answer::inbox(db, &expert, &answer::InboxFilter::default())
            .await
            .unwrap()
            .rows
            .iter()
            .find(|r| r.id != sid)
            .unwrap()
            .id;
        answer::respond(
            db,
            &expert,
            quiet_id,
            answer::Reply::Answer,
            "پاسخ کارشناس به این پرسش.",
            None,
        )
        .await
        .unwrap();
        assert!(answer::publish_qa(
            db,
            &expert,
            quiet_id,
            "پرسشی بی‌نام و نشان؟",
            "پاسخی بی‌نام و نشان."
        )
        .await
        .is_err());
        answer::withdraw_qa(db, &expert, sid).await.unwrap();
        assert!(submit::qa(db, None).await.unwrap().is_empty());

        answer::close(db, &expert, sid).await.unwrap();
        assert_eq!(
            submit::lookup(db, None, &code).await.unwrap().status,
            SubmissionStatus::Closed
        );
        assert!(answer::respond(
            db,
            &expert,
            sid,
            answer::Reply::Answer,
            "پاسخ دیرهنگام",
            None
        )
        .await
        .is_err());
        for action in [
            "form.submitted",
            "form.info_requested",
            "form.citizen_replied",
            "form.note",
            "form.answered",
            "form.qa_published",
            "form.qa_withdrawn",
            "form.closed",
        ] {
            let sql = format!(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = '{action}' AND target_id = '{sid}'"
            );
            assert!(count(db, &sql).await > 0, "{action} audited");
        }
        // The e-mail address given got the code, the question and the answer.
        assert_eq!(
            count(
                db,
                "SELECT COUNT(*) AS n FROM outbox WHERE to_addr = 'zahra@example.ir'"
            )
            .await,
            5
        );
    }
}
