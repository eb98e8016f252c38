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
    std::fs::write(site.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(site.join("pkg/portal.js"), "console.log('x')").unwrap();
    std::fs::write(site.join("pkg/portal.js.br"), "brotli bytes").unwrap();
    let leptos_options = LeptosOptions::builder()
        .output_name("portal")
        .site_root(site.to_string_lossy().to_string())
        .build();
    let router = router::build(AppState {
        leptos_options,
        db: db.clone(),
        trusted_proxies: Default::default(),
        session: app::server::auth::SessionConfig::new(SESSION_KEY, false),
    });
    TestApp {
        _turn: turn,
        router,
        db,
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
pub async fn session_cookie(app: &TestApp, user_id: i32) -> String {
    let token = app::server::services::session::create(&app.db, user_id, None, None)
        .await
        .unwrap();
    let config = app::server::auth::SessionConfig::new(SESSION_KEY, false);
    format!("{}={}", app::server::auth::COOKIE_NAME, config.sign(&token))
}

/// A form post to a server function, as the hydrated page sends it.
pub fn post_form(path: &str, body: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::from(body.to_string())).unwrap()
}

/// A page request, as a browser navigation sends it.
pub fn get_page(path: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::get(path).header("accept", "text/html");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.body(Body::empty()).unwrap()
}
