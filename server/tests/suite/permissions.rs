//! The permission matrix: every server function and every other route of the router (REST,
//! open data, files, feeds, exports, the live stream), called by each role (anonymous, user,
//! custodian of section A, custodian of section B, expert, administrator) with real ids, must
//! be allowed to exactly the roles listed here, and the others get the route's own refusal
//! (401, 403 or 404), never a 500. The lists are compared with the server functions
//! registered and with the routes read from the router itself, so a new endpoint cannot
//! slip in without a decision about who may call it.

use crate::common::{post_form, send, session_cookie, test_app, TestApp};
use app::server::services::account::{self, Registration};
use app::server::services::custodian;
use app::server::services::permission::Acting;
use http::{Method, Request, StatusCode};
use std::collections::BTreeSet;
use tower::ServiceExt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Role {
    Anonymous,
    User,
    CustodianNews,
    CustodianLaws,
    Expert,
    Admin,
}

const ROLES: [Role; 6] = [
    Role::Anonymous,
    Role::User,
    Role::CustodianNews,
    Role::CustodianLaws,
    Role::Expert,
    Role::Admin,
];

/// Who may call an endpoint.
#[derive(Clone, Copy, Debug)]
enum Access {
    Everyone,
    SignedIn,
    /// The dashboard of the `news` section: its custodian and the administrator.
    NewsSection,
    /// The dashboard of the `tickets` section: its expert and the administrator.
    TicketsSection,
    /// Keepers of content with topics: both custodians and the administrator.
    ContentCustodians,
    /// Anyone with a dashboard: custodians, experts, the administrator.
    Staff,
    Admin,
    /// No one (a key with another ticket's code).
    Nobody,
}

impl Access {
    fn allows(self, role: Role) -> bool {
        match self {
            Access::Everyone => true,
            Access::SignedIn => role != Role::Anonymous,
            Access::NewsSection => matches!(role, Role::CustodianNews | Role::Admin),
            Access::TicketsSection => matches!(role, Role::Expert | Role::Admin),
            Access::ContentCustodians => {
                matches!(
                    role,
                    Role::CustodianNews | Role::CustodianLaws | Role::Admin
                )
            }
            Access::Staff => !matches!(role, Role::Anonymous | Role::User),
            Access::Admin => role == Role::Admin,
            Access::Nobody => false,
        }
    }
}

fn registration(n: u32, username: &str) -> Registration {
    let base = format!("{:09}", 200_000_000 + n);
    let digits: Vec<u32> = base.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| d * (10 - i as u32))
        .sum();
    let r = sum % 11;
    let check = if r < 2 { r } else { 11 - r };
    Registration {
        full_name: format!("نقش آزمایشی {n}"),
        national_id: format!("{base}{check}"),
        mobile: format!("0913{n:07}"),
        email: format!("{username}@example.ir"),
        username: username.into(),
        password: "matrix-pass-1403".into(),
        password_repeat: "matrix-pass-1403".into(),
        accept_terms: true,
    }
}

struct World {
    cookies: Vec<(Role, Option<String>)>,
    subject: i32,
    appointment: i32,
    /// A ticket in the expert's category.
    ticket: i32,
    /// A message in the `messages` section's inbox.
    message: i32,
    /// A news item (a draft).
    news: i32,
    /// The news category that draft is in.
    news_topic: i32,
    /// A submission of a published form (routed to the forms section's first category).
    submission: i32,
    /// That form.
    form: i32,
    /// A file of the ticket, and the ticket's tracking code.
    ticket_file: String,
    ticket_code: String,
    /// Another citizen's ticket (same category): its code opens none of the first's files.
    other_code: String,
    /// A file of the news draft.
    news_file: String,
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn pdf(field: &str) -> Vec<app::server::services::attachment::Upload> {
    vec![app::server::services::attachment::Upload {
        field: field.into(),
        file_name: "نامه.pdf".into(),
        bytes: PDF.to_vec(),
    }]
}

async fn world(app: &TestApp) -> World {
    let db = &app.db;
    account::ensure_first_admin(db, Some("rahbar-matrix-1403"))
        .await
        .unwrap();
    let admin_actor = account::login(db, None, "admin", "rahbar-matrix-1403")
        .await
        .unwrap();
    let admin = Acting::user(admin_actor.clone(), None);
    let anon = Acting::anonymous(None);
    let mut ids = Vec::new();
    for (n, name) in ["user", "custnews", "custlaws", "expert"]
        .iter()
        .enumerate()
    {
        let id = account::register(db, &anon, &registration(n as u32, name))
            .await
            .unwrap();
        account::approve(db, &admin, id).await.unwrap();
        ids.push(id);
    }
    let subject = account::register(db, &anon, &registration(9, "subject"))
        .await
        .unwrap();
    let mut appointment = 0;
    for (user, section) in [(ids[1], "news"), (ids[2], "laws")] {
        let a = custodian::nominate(db, &admin, user, section, "")
            .await
            .unwrap();
        for item in custodian::detail(db, &admin, a).await.unwrap().checklist {
            custodian::set_check(db, &admin, a, item.item_id, true)
                .await
                .unwrap();
        }
        custodian::appoint(db, &admin, a, "").await.unwrap();
        if section == "news" {
            appointment = a;
        }
    }
    let detail = account::user_detail(db, &admin, ids[3]).await.unwrap();
    let ticket_category = detail
        .categories
        .iter()
        .find(|c| c.section_key == "tickets")
        .unwrap()
        .id;
    account::set_expert_categories(db, &admin, ids[3], &[ticket_category])
        .await
        .unwrap();
    let new_ticket = |subject: &str| app::server::services::ticket::NewTicket {
        name: "شهروند".into(),
        mobile: "09120000000".into(),
        email: String::new(),
        category_id: ticket_category,
        subject: subject.into(),
        body: "متن پرسش آزمایشی برای جدول دسترسی".into(),
    };
    let receipt = app::server::services::ticket::file_with(
        db,
        &anon,
        &new_ticket("پرسش آزمایشی"),
        Some(app::server::services::ticket::Files {
            store: &app.uploads,
            uploads: pdf("attachments"),
        }),
    )
    .await
    .unwrap();
    let other = app::server::services::ticket::file(db, &anon, &new_ticket("پرسش دیگر"))
        .await
        .unwrap();
    let ticket_file = app::server::services::ticket::lookup(db, None, &receipt.tracking_code)
        .await
        .unwrap()
        .posts[0]
        .attachments[0]
        .key
        .clone();
    let queue = app::server::services::ticket::queue(db, &admin, &Default::default())
        .await
        .unwrap();
    app::server::services::message::send(
        db,
        &anon,
        app::model::MessageKind::Suggestion,
        "پیشنهاد آزمایشی",
        "متن پیشنهاد آزمایشی برای جدول دسترسی",
        "",
    )
    .await
    .unwrap();
    let message = app::server::services::message::inbox(db, &admin, None, None)
        .await
        .unwrap()
        .rows[0]
        .id;
    let ticket = queue
        .rows
        .iter()
        .find(|r| r.tracking_code == receipt.tracking_code)
        .unwrap()
        .id;
    let news_topic = app::server::services::topics::for_staff(db, &admin)
        .await
        .unwrap()
        .into_iter()
        .find(|g| g.kind == app::model::ContentKind::News)
        .unwrap()
        .topics[0]
        .id;
    let news = app::server::services::content::create(
        db,
        &admin,
        app::model::ContentKind::News,
        &app::server::services::content::Draft {
            title: "خبر آزمایشی جدول دسترسی".into(),
            body: "<p>متن خبر</p>".into(),
            topic_id: Some(news_topic),
            ..Default::default()
        },
        Some(app::server::services::content::Files {
            store: &app.uploads,
            attachments: pdf("attachments"),
            image: Vec::new(),
        }),
    )
    .await
    .unwrap();
    let news_file = app::server::services::content::editor(db, &admin, news)
        .await
        .unwrap()
        .attachments[0]
        .key
        .clone();
    let submission = {
        use app::server::services::forms::{self, answer, submit, FieldInput};
        let category = forms::categories(db).await.unwrap()[0].id;
        let form = forms::create(db, &admin, "فرم جدول دسترسی", category)
            .await
            .unwrap();
        let key = forms::save_field(
            db,
            &admin,
            form,
            &FieldInput {
                kind: "long_text".into(),
                label: "پرسش".into(),
                required: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        forms::publish(db, &admin, form).await.unwrap();
        let input = submit::NewSubmission {
            form_id: form,
            version: None,
            values: [(key, vec!["پرسش آزمایشی جدول دسترسی".to_string()])].into(),
            consent: false,
        };
        submit::submit(db, &anon, &input, None).await.unwrap();
        let submission = answer::inbox(db, &admin, &Default::default())
            .await
            .unwrap()
            .rows[0]
            .id;
        (submission, form)
    };
    let (submission, form) = submission;
    World {
        form,
        ticket_file,
        ticket_code: receipt.tracking_code,
        other_code: other.tracking_code,
        news_file,
        news,
        news_topic,
        submission,
        cookies: vec![
            (Role::Anonymous, None),
            (Role::User, Some(session_cookie(app, ids[0]).await)),
            (Role::CustodianNews, Some(session_cookie(app, ids[1]).await)),
            (Role::CustodianLaws, Some(session_cookie(app, ids[2]).await)),
            (Role::Expert, Some(session_cookie(app, ids[3]).await)),
            (
                Role::Admin,
                Some(session_cookie(app, admin_actor.user_id).await),
            ),
        ],
        subject,
        appointment,
        ticket,
        message,
    }
}

/// Every server function: who may call it, and a body to call it with. Bodies never make a
/// lasting change that a later row depends on (invalid reasons, no-op role changes), and
/// logout comes last.
fn server_functions(w: &World) -> Vec<(&'static str, Access, String)> {
    let s = w.subject;
    let a = w.appointment;
    let t = w.ticket;
    let m = w.message;
    let n = w.news;
    let f = w.submission;
    vec![
        // Advanced forms: filling and following are public; building is the forms section's
        // custodian's (none in this world) and the administrator's; answering is the forms
        // categories' experts' (the expert here answers a tickets category) and theirs.
        ("/api/forms/list", Access::Everyone, String::new()),
        ("/api/forms/get", Access::Everyone, "id=999999".into()),
        ("/api/forms/submit", Access::Everyone, "form=999999".into()),
        ("/api/forms/lookup", Access::Everyone, "code=1".into()),
        (
            "/api/forms/reply",
            Access::Everyone,
            "code=1&body=xx".into(),
        ),
        ("/api/forms/mine", Access::SignedIn, String::new()),
        ("/api/forms/qa", Access::Everyone, String::new()),
        ("/api/staff/forms", Access::Admin, String::new()),
        (
            "/api/staff/forms/create",
            Access::Admin,
            "title=x&category=1".into(),
        ),
        ("/api/staff/forms/category", Access::Admin, "title=x".into()),
        ("/api/staff/form", Access::Admin, "id=999999".into()),
        (
            "/api/staff/form/settings",
            Access::Admin,
            "id=999999&title=x&category=1".into(),
        ),
        (
            "/api/staff/form/field",
            Access::Admin,
            "id=999999&kind=x&label=x".into(),
        ),
        (
            "/api/staff/form/field/arrange",
            Access::Admin,
            "id=999999&key=f1&dir=up".into(),
        ),
        ("/api/staff/form/publish", Access::Admin, "id=999999".into()),
        ("/api/staff/form-submissions", Access::Admin, String::new()),
        (
            "/api/staff/form-submission",
            Access::Admin,
            format!("id={f}"),
        ),
        (
            "/api/staff/form-submission/respond",
            Access::Admin,
            format!("id={f}&mode=note&body=x"),
        ),
        (
            "/api/staff/form-submission/assign",
            Access::Admin,
            format!("id={f}"),
        ),
        (
            // No consent: refused as invalid (422) to those allowed.
            "/api/staff/form-submission/qa",
            Access::Admin,
            format!("id={f}&question=x&answer=x"),
        ),
        (
            "/api/staff/form-submission/close",
            Access::Admin,
            format!("id={f}"),
        ),
        // Content: public lists and pages; the news section's staff side.
        (
            "/api/content/list",
            Access::Everyone,
            "kind_key=news".into(),
        ),
        (
            "/api/content/item",
            Access::Everyone,
            "kind_key=news&id=999999".into(),
        ),
        ("/api/search", Access::Everyone, "q=qom".into()),
        ("/api/admin/accountability", Access::Admin, String::new()),
        ("/api/admin/analytics", Access::Admin, "days=7".into()),
        // The newsletter: subscribing and its links for everyone; the desk for the
        // custodians of news, tenders and laws.
        (
            "/api/newsletter/subscribe",
            Access::Everyone,
            "email=reader%40example.ir&news=on".into(),
        ),
        (
            "/api/newsletter/confirm",
            Access::Everyone,
            "token=nope".into(),
        ),
        (
            "/api/newsletter/unsubscribe",
            Access::Everyone,
            "token=nope".into(),
        ),
        (
            "/api/staff/newsletter",
            Access::ContentCustodians,
            String::new(),
        ),
        (
            "/api/staff/newsletter/issue",
            Access::ContentCustodians,
            "id=999999".into(),
        ),
        (
            "/api/staff/newsletter/compose",
            Access::ContentCustodians,
            "subject=x".into(),
        ),
        (
            "/api/staff/newsletter/send",
            Access::ContentCustodians,
            "id=999999".into(),
        ),
        (
            "/api/admin/section/targets",
            Access::Admin,
            "key=news&update_days=1&response_days=5".into(),
        ),
        (
            "/api/staff/my-accountability",
            Access::SignedIn,
            String::new(),
        ),
        (
            "/api/staff/content",
            Access::NewsSection,
            "kind_key=news".into(),
        ),
        (
            "/api/staff/content/review-queue",
            Access::SignedIn,
            String::new(),
        ),
        (
            "/api/staff/content/editor",
            Access::NewsSection,
            format!("kind_key=news&id={n}"),
        ),
        (
            "/api/staff/content/save",
            Access::NewsSection,
            format!("kind=news&id={n}&title=x"),
        ),
        (
            "/api/staff/content/transition",
            Access::NewsSection,
            format!("id={n}&to=reopen"),
        ),
        (
            "/api/staff/content/revisions",
            Access::NewsSection,
            format!("id={n}"),
        ),
        (
            "/api/staff/content/compare",
            Access::NewsSection,
            format!("id={n}&a=1&b=1"),
        ),
        (
            "/api/staff/content/restore",
            Access::NewsSection,
            format!("id={n}&number=999"),
        ),
        (
            "/api/staff/topics",
            Access::ContentCustodians,
            String::new(),
        ),
        (
            "/api/staff/topics/save",
            Access::NewsSection,
            format!("kind=news&id={}&title=x", w.news_topic),
        ),
        (
            // In use by the draft: refused as invalid (422) to those allowed.
            "/api/staff/topics/delete",
            Access::NewsSection,
            format!("id={}", w.news_topic),
        ),
        // Water statistics: open to all; kept by the water section's custodian (none in this
        // table's roles) and the administrator.
        ("/api/water/dashboard", Access::Everyone, String::new()),
        ("/api/water/dams", Access::Everyone, String::new()),
        ("/api/water/dam", Access::Everyone, "id=999999".into()),
        ("/api/water/rain-gauges", Access::Everyone, String::new()),
        (
            "/api/water/rain-gauge",
            Access::Everyone,
            "id=999999".into(),
        ),
        ("/api/water/aquifers", Access::Everyone, String::new()),
        ("/api/water/bulletin", Access::Everyone, String::new()),
        (
            "/api/staff/water/bulletin/publish",
            Access::Admin,
            "day=1403/08/15".into(),
        ),
        ("/api/staff/water", Access::Admin, String::new()),
        (
            "/api/staff/water/station",
            Access::Admin,
            "name=x&county=x&latitude=1&longitude=1".into(),
        ),
        (
            "/api/staff/water/dam",
            Access::Admin,
            "name=x&river=x&county=x&capacity=1".into(),
        ),
        (
            "/api/staff/water/aquifer",
            Access::Admin,
            "name=x&area_km2=1&wells=1".into(),
        ),
        (
            "/api/staff/water/enter",
            Access::Admin,
            "kind=rainfall".into(),
        ),
        ("/api/staff/water/import", Access::Admin, "note=x".into()),
        (
            "/api/staff/water/import/preview",
            Access::Admin,
            "id=999999".into(),
        ),
        (
            "/api/staff/water/import/act",
            Access::Admin,
            "id=999999&act=commit".into(),
        ),
        // The contact directory and counter offices: their custodians (none in this table's
        // roles) and the administrator.
        (
            "/api/staff/contact/save",
            Access::Admin,
            "name=x&address=x".into(),
        ),
        (
            "/api/staff/contact/delete",
            Access::Admin,
            "id=999999".into(),
        ),
        (
            "/api/staff/counter-offices/save",
            Access::Admin,
            "county=x&code=x&manager=x&address=x&phone=x".into(),
        ),
        (
            "/api/staff/counter-offices/delete",
            Access::Admin,
            "id=999999".into(),
        ),
        (
            "/api/staff/keeps-section",
            Access::Admin,
            "section=contact".into(),
        ),
        (
            "/api/admin/section/review",
            Access::Admin,
            "section=nosuch".into(),
        ),
        ("/api/site/footer", Access::Everyone, String::new()),
        ("/api/contact/offices", Access::Everyone, String::new()),
        ("/api/counter-offices", Access::Everyone, String::new()),
        ("/api/auth/me", Access::Everyone, String::new()),
        (
            "/api/auth/register",
            Access::Everyone,
            "full_name=x&national_id=1&mobile=1&email=x&username=x&password=x&password_repeat=x"
                .into(),
        ),
        (
            "/api/auth/login",
            Access::Everyone,
            "username=nobody&password=wrong-pass-1".into(),
        ),
        ("/api/account/profile", Access::SignedIn, String::new()),
        ("/api/account/sessions", Access::SignedIn, String::new()),
        (
            "/api/account/sessions/end-others",
            Access::SignedIn,
            String::new(),
        ),
        (
            "/api/account/password",
            Access::SignedIn,
            "current=wrong-pass-1&password=new-pass-1404&password_repeat=new-pass-1404".into(),
        ),
        ("/api/dashboard/home", Access::SignedIn, String::new()),
        (
            "/api/dashboard/section",
            Access::NewsSection,
            "key=news".into(),
        ),
        (
            "/api/dashboard/section#tickets",
            Access::TicketsSection,
            "key=tickets".into(),
        ),
        ("/api/admin/users", Access::Admin, "q=&status=".into()),
        ("/api/admin/user", Access::Admin, format!("id={s}")),
        ("/api/admin/user/approve", Access::Admin, format!("id={s}")),
        (
            "/api/admin/user/reject",
            Access::Admin,
            format!("id={s}&reason=x"),
        ),
        (
            "/api/admin/user/suspend",
            Access::Admin,
            format!("id={s}&reason=x"),
        ),
        (
            "/api/admin/user/reset-password",
            Access::Admin,
            format!("id={s}"),
        ),
        (
            "/api/admin/user/admin-role",
            Access::Admin,
            format!("id={s}&grant=false"),
        ),
        ("/api/admin/user/expert", Access::Admin, format!("id={s}")),
        ("/api/admin/custodians", Access::Admin, String::new()),
        (
            "/api/admin/custodians/nominate",
            Access::Admin,
            format!("user_id={s}&section=nowhere"),
        ),
        ("/api/admin/appointment", Access::Admin, format!("id={a}")),
        (
            "/api/admin/appointment/check",
            Access::Admin,
            format!("id={a}&item_id=1&done=true"),
        ),
        (
            "/api/admin/appointment/appoint",
            Access::Admin,
            format!("id={a}"),
        ),
        (
            "/api/admin/appointment/revoke",
            Access::Admin,
            format!("id={a}&reason=x"),
        ),
        ("/api/admin/checklist/add", Access::Admin, "title=x".into()),
        (
            "/api/admin/checklist/active",
            Access::Admin,
            "id=1&active=true".into(),
        ),
        ("/api/admin/audit", Access::Admin, String::new()),
        ("/api/admin/outbox", Access::Admin, String::new()),
        ("/api/tickets/form", Access::Everyone, String::new()),
        (
            "/api/tickets/file",
            Access::Everyone,
            "name=x&category=1&subject=x&body=x".into(),
        ),
        ("/api/tickets/lookup", Access::Everyone, "code=1".into()),
        (
            "/api/tickets/follow-up",
            Access::Everyone,
            "code=1&body=xx".into(),
        ),
        ("/api/tickets/close", Access::Everyone, "code=1".into()),
        ("/api/tickets/mine", Access::SignedIn, String::new()),
        ("/api/staff/tickets", Access::TicketsSection, String::new()),
        (
            "/api/staff/ticket",
            Access::TicketsSection,
            format!("id={t}"),
        ),
        (
            "/api/staff/ticket/reply",
            Access::TicketsSection,
            format!("id={t}&body=x"),
        ),
        (
            "/api/staff/ticket/assign",
            Access::TicketsSection,
            format!("id={t}"),
        ),
        (
            "/api/staff/ticket/status",
            Access::TicketsSection,
            format!("id={t}&status=in_progress"),
        ),
        // Saved replies are kept by the tickets section's custodian (none in this world).
        (
            "/api/staff/saved-replies/add",
            Access::Admin,
            "title=x&body=x".into(),
        ),
        (
            "/api/staff/saved-replies/delete",
            Access::Admin,
            "id=999".into(),
        ),
        // Ticket settings: the administrator and the tickets section's custodian.
        ("/api/staff/ticket-settings", Access::Admin, String::new()),
        (
            "/api/staff/ticket-settings/category",
            Access::Admin,
            "title=x&response_days=0".into(),
        ),
        (
            "/api/staff/ticket-settings/holiday/add",
            Access::Admin,
            "day=x&title=x".into(),
        ),
        (
            "/api/staff/ticket-settings/holiday/delete",
            Access::Admin,
            "day=1300/01/01".into(),
        ),
        (
            "/api/messages/send",
            Access::Everyone,
            "kind=x&subject=x&body=x".into(),
        ),
        ("/api/messages/lookup", Access::Everyone, "code=1".into()),
        ("/api/staff/messages", Access::Staff, String::new()),
        // The messages section has no custodian in this world: only the administrator.
        ("/api/staff/message", Access::Admin, format!("id={m}")),
        (
            "/api/staff/message/reply",
            Access::Admin,
            format!("id={m}&body=x"),
        ),
        (
            "/api/staff/message/handled",
            Access::Admin,
            format!("id={m}"),
        ),
        (
            "/api/staff/message/forward",
            Access::Admin,
            format!("id={m}&section=messages"),
        ),
        ("/api/dashboard/live", Access::SignedIn, String::new()),
        ("/api/auth/logout", Access::Everyone, String::new()),
    ]
}

/// What a route answers those it does not serve.
#[derive(Clone, Copy, Debug)]
enum Refusal {
    /// 401 to the anonymous, 403 to the signed-in.
    Unauthorized,
    /// 404 to everyone refused, as if it were not there (files: a key alone proves nothing).
    NotFound,
}

impl Refusal {
    fn status(self, role: Role) -> StatusCode {
        match self {
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Unauthorized if role == Role::Anonymous => StatusCode::UNAUTHORIZED,
            Refusal::Unauthorized => StatusCode::FORBIDDEN,
        }
    }
}

/// A route of the router other than the pages and the server functions.
struct RouteRow {
    method: &'static str,
    /// As the router has it.
    pattern: &'static str,
    /// A call of it, with real ids where it takes them.
    call: String,
    access: Access,
    refusal: Refusal,
    /// A JSON body (one that fails validation still proves the door is open).
    body: &'static str,
}

/// Every route beside the pages and server functions (REST, open data, files, feeds,
/// exports, the live stream, the statistics): method, pattern as the router has it, a call
/// (`{form}`, `{file}`, `{code}`, `{other}`, `{draft_file}`: the world's real ids), who may
/// call it, what the others get, and a JSON body. The public API answers everyone (its
/// limits are per address).
const ROUTES: &[(&str, &str, &str, Access, Refusal, &str)] = {
    use Access::*;
    use Refusal::*;
    &[
        ("GET", "/healthz", "/healthz", Everyone, Unauthorized, ""),
        (
            "GET",
            "/api/live/dashboard",
            "/api/live/dashboard",
            Staff,
            Unauthorized,
            "",
        ),
        (
            "POST",
            "/api/visit",
            "/api/visit",
            Everyone,
            Unauthorized,
            "/news",
        ),
        (
            "POST",
            "/admin/statistics/flush",
            "/admin/statistics/flush",
            Admin,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/robots.txt",
            "/robots.txt",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/sitemap.xml",
            "/sitemap.xml",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/feeds/{name}",
            "/feeds/news.xml",
            Everyone,
            Unauthorized,
            "",
        ),
        // A ticket's file: its code, or the staff of its category by their session; another
        // ticket's code opens nothing, for anyone.
        (
            "GET",
            "/files/{key}",
            "/files/{file}?code={code}",
            Everyone,
            NotFound,
            "",
        ),
        (
            "GET",
            "/files/{key}",
            "/files/{file}",
            TicketsSection,
            NotFound,
            "",
        ),
        (
            "GET",
            "/files/{key}",
            "/files/{file}?code={other}",
            Nobody,
            NotFound,
            "",
        ),
        // A draft's file: the keepers of its section only.
        (
            "GET",
            "/files/{key}",
            "/files/{draft_file}",
            NewsSection,
            NotFound,
            "",
        ),
        (
            "GET",
            "/api/v1/openapi.json",
            "/api/v1/openapi.json",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/api/v1/ticket-categories",
            "/api/v1/ticket-categories",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "POST",
            "/api/v1/tickets",
            "/api/v1/tickets",
            Everyone,
            Unauthorized,
            "{}",
        ),
        (
            "GET",
            "/api/v1/tickets/{code}",
            "/api/v1/tickets/1111222233334444",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "POST",
            "/api/v1/tickets/{code}/replies",
            "/api/v1/tickets/1111222233334444/replies",
            Everyone,
            Unauthorized,
            "{}",
        ),
        (
            "POST",
            "/api/v1/messages",
            "/api/v1/messages",
            Everyone,
            Unauthorized,
            "{}",
        ),
        (
            "GET",
            "/api/v1/messages/{code}",
            "/api/v1/messages/1111222233334444",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/api/v1/water/{dataset}",
            "/api/v1/water/dams",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/api/v1/forms/{id}",
            "/api/v1/forms/{form}",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "POST",
            "/api/v1/forms/{id}/submissions",
            "/api/v1/forms/{form}/submissions",
            Everyone,
            Unauthorized,
            "{}",
        ),
        (
            "GET",
            "/api/v1/submissions/{code}",
            "/api/v1/submissions/1111222233334444",
            Everyone,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/staff/forms/{id}/export",
            "/staff/forms/{form}/export",
            Admin,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/admin/accountability.csv",
            "/admin/accountability.csv",
            Admin,
            Unauthorized,
            "",
        ),
        (
            "GET",
            "/admin/analytics.csv",
            "/admin/analytics.csv",
            Admin,
            Unauthorized,
            "",
        ),
    ]
};

/// The table's rows with the world's ids in their calls.
fn routes(w: &World) -> Vec<RouteRow> {
    ROUTES
        .iter()
        .map(|&(method, pattern, call, access, refusal, body)| RouteRow {
            method,
            pattern,
            call: call
                .replace("{form}", &w.form.to_string())
                .replace("{file}", &w.ticket_file)
                .replace("{code}", &w.ticket_code)
                .replace("{other}", &w.other_code)
                .replace("{draft_file}", &w.news_file),
            access,
            refusal,
            body,
        })
        .collect()
}

/// The routes of a router as (method, path), read from the router itself: axum keeps each
/// route's path and method handlers and shows them in its `Debug` form (the only public view
/// of them). Only the path router is read; the fallback (static files, the 404 page) is not
/// a route.
fn router_routes(router: &axum::Router) -> BTreeSet<(String, String)> {
    let debug = format!("{router:?}");
    let path_router = &debug[..debug
        .find("fallback_router:")
        .expect("axum's Router shows its fallback router")];
    let (endpoints, node) = path_router
        .split_once("node: Node")
        .expect("axum's PathRouter shows its routes, then its node");
    let id_of = |chunk: &str| -> Option<u32> { chunk.split(')').next()?.parse().ok() };
    let mut paths = std::collections::HashMap::new();
    for chunk in node.split("RouteId(").skip(1) {
        let id = id_of(chunk).expect("a route id");
        let path = chunk.split('"').nth(1).expect("a quoted path");
        paths.insert(id, path.to_string());
    }
    let mut out = BTreeSet::new();
    for chunk in endpoints.split("RouteId(").skip(1) {
        let id = id_of(chunk).expect("a route id");
        let path = paths.get(&id).expect("every route has a path").clone();
        let methods: Vec<&str> = ["get", "delete", "options", "patch", "post", "put"]
            .into_iter()
            .filter(|method| {
                chunk
                    .split_once(&format!(" {method}: "))
                    .is_some_and(|(_, rest)| !rest.starts_with("None"))
            })
            .collect();
        // A service, or a method router that answers every method (`any`).
        if methods.is_empty() {
            out.insert(("ANY".to_string(), path.clone()));
        }
        for method in methods {
            out.insert((method.to_uppercase(), path.clone()));
        }
    }
    assert!(
        !out.is_empty(),
        "no routes read from the router: {debug:.400}"
    );
    out
}

/// The router's routes other than pages and server functions are exactly the table's: a
/// route added without a row fails here.
fn every_route_has_a_row(app: &TestApp, server_fns: &BTreeSet<String>, rows: &[RouteRow]) {
    let pages: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| r.path().to_string())
        .collect();
    let derived: BTreeSet<(String, String)> = router_routes(&app.router)
        .into_iter()
        .filter(|(_, path)| !pages.contains(path) && !server_fns.contains(path))
        .collect();
    let listed: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r.method.to_string(), r.pattern.to_string()))
        .collect();
    let unlisted: Vec<_> = derived.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "routes without a permission row: {unlisted:?} — add them to `ROUTES`"
    );
    let stale: Vec<_> = listed.difference(&derived).collect();
    assert!(
        stale.is_empty(),
        "rows for routes the router does not have: {stale:?}"
    );
}

/// Calls every row as every role; returns what went otherwise than the row says.
async fn call_routes(app: &TestApp, w: &World, rows: &[RouteRow]) -> Vec<String> {
    let mut failures = Vec::new();
    for r in rows {
        for (role, cookie) in &w.cookies {
            let mut req = Request::builder()
                .method(Method::from_bytes(r.method.as_bytes()).unwrap())
                .uri(&r.call)
                .header("content-type", "application/json");
            if let Some(c) = cookie {
                req = req.header("cookie", c);
            }
            // Only the status: an allowed event stream never ends.
            let status = app
                .router
                .clone()
                .oneshot(req.body(axum::body::Body::from(r.body)).unwrap())
                .await
                .unwrap()
                .status();
            let refused = r.refusal.status(*role);
            let call = format!("{} {} as {role:?}: {status}", r.method, r.call);
            if status.is_server_error() {
                failures.push(call);
            } else if r.access.allows(*role) {
                let denied = status == StatusCode::UNAUTHORIZED
                    || status == StatusCode::FORBIDDEN
                    || matches!(r.refusal, Refusal::NotFound) && status == StatusCode::NOT_FOUND;
                if denied {
                    failures.push(format!("{call}, but it should be allowed"));
                }
            } else if status != refused {
                failures.push(format!("{call}, expected {refused}"));
            }
        }
    }
    failures
}

#[tokio::test]
async fn every_endpoint_is_listed_and_allows_exactly_its_roles() {
    let app = test_app().await;
    let w = world(&app).await;
    let table = server_functions(&w);

    // The table and the registered server functions are the same set.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let listed: BTreeSet<String> = table
        .iter()
        .map(|(p, ..)| p.split('#').next().unwrap().to_string())
        .collect();
    let unlisted: Vec<_> = registered.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "server functions without a permission row: {unlisted:?} — add them to this table"
    );
    let stale: Vec<_> = listed.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "rows for server functions that no longer exist: {stale:?}"
    );

    let rows = routes(&w);
    every_route_has_a_row(&app, &registered, &rows);

    // These first: the server-function table ends with a logout.
    let mut failures = call_routes(&app, &w, &rows).await;
    for (path, access, body) in &table {
        let url = path.split('#').next().unwrap();
        for (role, cookie) in &w.cookies {
            let req = post_form(url, body, cookie.as_deref());
            let (status, _, text) = send(&app, req).await;
            let denied = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
            let expected = access.allows(*role);
            if status.is_server_error() {
                failures.push(format!("{path} as {role:?}: {status} {text}"));
            } else if expected && denied {
                failures.push(format!(
                    "{path} as {role:?}: refused ({status}) but should be allowed"
                ));
            } else if !expected && !denied {
                failures.push(format!(
                    "{path} as {role:?}: allowed ({status}) but should be refused"
                ));
            } else if !expected {
                let want = Refusal::Unauthorized.status(*role);
                if status != want {
                    failures.push(format!("{path} as {role:?}: {status}, expected {want}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "permission matrix:\n{}",
        failures.join("\n")
    );
    // Every role was exercised.
    assert_eq!(w.cookies.len(), ROLES.len());
}
