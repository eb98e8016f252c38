//! A `TestApp`: the real router over a fresh SQLite database with the demo content, and
//! helpers to call it and to act as a signed-in person.
#![allow(dead_code)]

use axum::body::Body;
use axum::Router;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use server::router::{self, AppState};
use tower::ServiceExt;

pub const SESSION_KEY: &[u8] = b"http-test-session-key-0123456789abcdef";

/// Leptos marks route-list generation with a process-wide flag that suppresses resource
/// loading, so a router built in one test would stall pages rendering in another: the HTTP
/// tests take turns. (A real server builds its one router before it serves.)
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub struct TestApp {
    _turn: tokio::sync::MutexGuard<'static, ()>,
    pub router: Router,
    pub db: sea_orm::DatabaseConnection,
    /// The router's visitor counter (flushed by hand in tests).
    pub visitors: std::sync::Arc<app::server::services::visitors::Recorder>,
    /// The router's page cache (on, as in production: a test that changes data other than
    /// through the router drops it by hand).
    pub pages: std::sync::Arc<server::page_cache::PageCache>,
    /// The router's view counts (flushed by hand in tests).
    pub views: std::sync::Arc<app::server::services::content::views::Views>,
    /// Where the router keeps attachments (for tests that file them through the services).
    pub uploads: app::server::services::attachment::Store,
    _dir: tempfile::TempDir,
}

pub async fn test_app() -> TestApp {
    let turn = ONE_AT_A_TIME.lock().await;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/portal.db?mode=rwc", dir.path().display());
    let db = app::server::db::connect(&url).await.unwrap();
    app::server::migration::run(&db).await.unwrap();
    app::server::services::demo::seed(&db).await.unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::write(site.join("static.txt"), "User-agent: *\n").unwrap();
    std::fs::write(site.join("pkg/portal.js"), "console.log('x')").unwrap();
    std::fs::write(site.join("pkg/portal.js.br"), "brotli bytes").unwrap();
    let leptos_options = LeptosOptions::builder()
        .output_name("portal")
        .site_root(site.to_string_lossy().to_string())
        .build();
    let visitors = std::sync::Arc::new(app::server::services::visitors::Recorder::new(5));
    let views = std::sync::Arc::new(app::server::services::content::views::Views::default());
    let pages = std::sync::Arc::new(server::page_cache::PageCache::new(
        std::time::Duration::from_secs(300),
        views.clone(),
    ));
    let uploads = app::server::services::attachment::Store::new(dir.path().join("uploads"));
    let router = router::build(AppState {
        pages: pages.clone(),
        visitors: visitors.clone(),
        leptos_options,
        db: db.clone(),
        trusted_proxies: Default::default(),
        session: app::server::auth::SessionConfig::new(SESSION_KEY, false),
        uploads: uploads.clone(),
        views: views.clone(),
    });
    TestApp {
        _turn: turn,
        router,
        db,
        visitors,
        pages,
        views,
        uploads,
        _dir: dir,
    }
}

pub async fn get(app: &TestApp, path: &str) -> (StatusCode, http::HeaderMap, String) {
    send(app, Request::get(path).body(Body::empty()).unwrap()).await
}

pub async fn send(app: &TestApp, req: Request<Body>) -> (StatusCode, http::HeaderMap, String) {
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

/// The `Cookie` header of a new session for a user.
/// The first-run administrator with `password`, signed in (as the service sees it).
pub async fn first_admin(
    app: &TestApp,
    password: &str,
) -> app::server::services::permission::Actor {
    app::server::services::account::ensure_first_admin(&app.db, Some(password))
        .await
        .unwrap();
    app::server::services::account::login(&app.db, None, "admin", password)
        .await
        .unwrap()
}

pub async fn session_cookie(app: &TestApp, user_id: i32) -> String {
    let token = app::server::services::session::create(&app.db, user_id, None, None)
        .await
        .unwrap();
    let config = app::server::auth::SessionConfig::new(SESSION_KEY, false);
    format!("{}={}", app::server::auth::COOKIE_NAME, config.sign(&token))
}

/// A form post to a server function, as the hydrated page sends it: URL-encoded, or for the
/// server functions that take files, the same fields as a multipart form.
pub fn post_form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    if app::api::is_multipart(path) {
        let fields: Vec<(String, String)> = form_urlencoded_pairs(body);
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        return post_multipart(path, &fields, &[], cookie);
    }
    let mut req = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::from(body.to_string())).unwrap()
}

fn form_urlencoded_pairs(body: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        let s = s.replace('+', " ");
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' && i + 2 < bytes.len() {
                if let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(b);
                    i += 3;
                    continue;
                }
            }
            out.push(bytes[i]);
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    };
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// A multipart form post (text fields, and files as (name, bytes) in `attachments`), as the
/// browser sends a form with file fields.
pub fn post_multipart(
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
    cookie: Option<&str>,
) -> Request<Body> {
    const BOUNDARY: &str = "----portal-test-boundary-7MA4YWxkTrZu0gW";
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    let mut req = Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("content-length", body.len())
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::from(body)).unwrap()
}

/// A page request, as a browser navigation sends it.
pub fn get_page(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(path).header("accept", "text/html");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::empty()).unwrap()
}
