//! The public page cache over HTTP: an anonymous visitor's second look at a public page
//! comes from memory with its own nonce and address; signed-in visitors and private pages
//! are never kept; a publish drops the kept pages; views of a kept item page still count.

use crate::common;

use crate::common::{send, session_cookie, test_app, TestApp};
use app::model::{ContentKind, Visibility};
use app::server::request::ClientIp;
use app::server::services::content::{self, ListFilter, Transition};
use app::server::services::permission::Acting;
use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{header, HeaderMap, Request, StatusCode};
use std::net::SocketAddr;

/// A GET from `ip`, with a session cookie when given.
async fn visit(app: &TestApp, ip: &str, path: &str, cookie: Option<&str>) -> (HeaderMap, String) {
    let mut req = Request::get(path);
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    let mut req = req.body(Body::empty()).unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::new(ip.parse().unwrap(), 40_000)));
    let (status, headers, body) = send(app, req).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    (headers, body)
}

fn nonce(headers: &HeaderMap) -> String {
    let policy = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    let rest = policy
        .split("'nonce-")
        .nth(1)
        .expect("a nonce in the policy");
    rest.split('\'').next().unwrap().to_string()
}

async fn admin(app: &TestApp) -> app::server::services::permission::Actor {
    common::first_admin(app, "rahbar-cache-1403").await
}

async fn first_news(app: &TestApp) -> app::model::ContentCard {
    content::public_list(
        &app.db,
        ContentKind::News,
        &ListFilter::default(),
        Visibility::Public,
        chrono::Utc::now(),
    )
    .await
    .unwrap()
    .items[0]
        .clone()
}

#[tokio::test]
async fn a_kept_page_gets_each_visitors_nonce_and_address() {
    let app = test_app().await;
    let (h1, a) = visit(&app, "10.1.2.3", "/news", None).await;
    assert_eq!(app.pages.len(), 1, "the list is kept");
    let (h2, b) = visit(&app, "192.0.2.7", "/news", None).await;
    assert_eq!(app.pages.len(), 1);
    let (n1, n2) = (nonce(&h1), nonce(&h2));
    assert_ne!(n1, n2, "every answer has its own nonce");
    assert!(a.contains(&format!("nonce=\"{n1}\"")) && b.contains(&format!("nonce=\"{n2}\"")));
    assert!(!b.contains(&n1));
    assert!(a.contains("۱۰.۱.۲.۳") && !a.contains("۱۹۲.۰.۲.۷"));
    assert!(b.contains("۱۹۲.۰.۲.۷") && !b.contains("۱۰.۱.۲.۳") && !b.contains("10.1.2.3"));
    // Islands: nothing outside an island is serialized, so the footer's address is the only
    // copy (an island's props would carry the raw one, and get it filled in likewise).
    assert!(!b.contains("192.0.2.7"));
    assert!(!a.contains(ClientIp::PLACEHOLDER) && !b.contains(ClientIp::PLACEHOLDER));
    // Apart from those, the second visitor got the first one's page.
    let same = |page: &str, nonce: &str, shown: &str, raw: &str| {
        page.replace(nonce, "N")
            .replace(shown, "A")
            .replace(raw, "a")
    };
    assert_eq!(
        same(&a, &n1, "۱۰.۱.۲.۳", "10.1.2.3"),
        same(&b, &n2, "۱۹۲.۰.۲.۷", "192.0.2.7")
    );
}

#[tokio::test]
async fn signed_in_visitors_and_private_pages_are_never_kept() {
    let app = test_app().await;
    let admin = admin(&app).await;
    let cookie = session_cookie(&app, admin.user_id).await;
    let (_, page) = visit(&app, "10.0.0.1", "/laws", Some(&cookie)).await;
    assert!(page.contains("خروج"), "the signed-in header");
    assert!(app.pages.is_empty());
    for path in ["/tickets/track", "/tickets/new", "/search?q=آب", "/login"] {
        visit(&app, "10.0.0.1", path, None).await;
        assert!(app.pages.is_empty(), "{path} is not kept");
    }
    // The anonymous look at the same list is kept, and does not show the signed-in header.
    let (_, page) = visit(&app, "10.0.0.2", "/laws", None).await;
    assert_eq!(app.pages.len(), 1);
    assert!(!page.contains("خروج"));
    let (_, page) = visit(&app, "10.0.0.1", "/laws", Some(&cookie)).await;
    assert!(
        page.contains("خروج"),
        "a kept page is not shown to the signed-in"
    );
}

/// The view figure an item page shows, in Latin digits.
fn figure_shown(page: &str) -> i64 {
    let at = page.find("بازدید</dt><dd>").expect("the view figure") + "بازدید</dt><dd>".len();
    let shown: String = page[at..].chars().take_while(|c| *c != '<').collect();
    app::persian::normalize_digits(&shown)
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

#[tokio::test]
async fn a_publish_drops_kept_pages_and_views_still_count() {
    let app = test_app().await;
    let first = first_news(&app).await;
    let views = |app: &TestApp| {
        let (db, views) = (app.db.clone(), app.views.clone());
        async move {
            content::public_item(
                &db,
                &views,
                ContentKind::News,
                first.id,
                Visibility::Public,
                chrono::Utc::now(),
            )
            .await
            .unwrap()
            .views
        }
    };
    let before = views(&app).await;
    // Each visitor's page, kept or rendered, shows the figure with their own visit in it.
    for (n, ip) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].into_iter().enumerate() {
        let (_, page) = visit(&app, ip, &first.href(), None).await;
        assert!(!page.contains(app::model::VIEWS_PLACEHOLDER));
        assert_eq!(figure_shown(&page), before + 1 + n as i64, "visit {n}");
    }
    assert_eq!(app.pages.len(), 1);
    assert_eq!(
        views(&app).await,
        before + 4,
        "three pages (two kept) and this look"
    );
    // A flush between two visits changes nothing in what they show.
    app.views.flush(&app.db).await.unwrap();
    let (_, page) = visit(&app, "10.0.0.4", &first.href(), None).await;
    assert_eq!(figure_shown(&page), before + 5);

    // The administrator archives the item: the kept list no longer shows it.
    visit(&app, "10.0.0.1", "/news", None).await;
    assert_eq!(app.pages.len(), 2);
    let acting = Acting::user(admin(&app).await, None);
    content::transition(&app.db, &acting, first.id, Transition::Archive, "")
        .await
        .unwrap();
    let (_, list) = visit(&app, "10.0.0.1", "/news", None).await;
    assert!(!list.contains(&first.title), "the list is rendered again");
}
