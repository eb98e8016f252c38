//! The axum router over a real (temporary) SQLite database: health, server-side rendering,
//! server functions, 404s and headers.

use crate::common::{get, send, test_app};
use axum::body::Body;
use http::{Request, StatusCode};

#[tokio::test]
async fn healthz_follows_the_database() {
    let app = test_app().await;
    let (status, _, body) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok");
    app.db.clone().close().await.unwrap();
    let (status, _, _) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn home_page_is_rendered_in_persian_on_the_server() {
    let app = test_app().await;
    let (status, headers, html) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="fa" dir="rtl""#), "{html}");
    assert!(html.contains("<h1>پرتال شرکت آب منطقه‌ای قم</h1>"));
    assert_eq!(html.matches("<h1").count(), 1, "one h1 a page");
    // The footer's real contact block, with Persian digits.
    assert!(html.contains("۳۷۱۵۶۵۳۱۸۴"), "postal code in the footer");
    assert!(html.contains("info@qmrw.ir"));
    // Every section is linked from the page.
    for s in app::sections::all() {
        assert!(
            html.contains(&format!("href=\"{}\"", s.path)),
            "link to {}",
            s.path
        );
    }
    assert_eq!(headers["cache-control"], "private, no-cache");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert!(csp.contains("'nonce-"), "{csp}");
    assert!(!csp.contains("unsafe-inline"));
}

#[tokio::test]
async fn every_section_has_a_real_page() {
    let app = test_app().await;
    for s in app::sections::all() {
        let (status, _, html) = get(&app, s.path).await;
        assert_eq!(status, StatusCode::OK, "{}", s.path);
        assert!(
            html.contains(&format!("<h1>{}</h1>", s.title)),
            "{}",
            s.path
        );
        assert_eq!(html.matches("<h1").count(), 1, "{}", s.path);
    }
}

#[tokio::test]
async fn contact_and_counter_offices_come_from_the_database() {
    let app = test_app().await;
    let (_, _, html) = get(&app, "/contact").await;
    assert!(html.contains("شرکت سهامی آب منطقه‌ای قم"));
    assert!(html.contains("امور منابع آب شهرستان کهک"));
    assert!(html.contains("sample-badge"));
    let (_, _, all) = get(&app, "/counter-offices").await;
    let (_, _, kahak) = get(&app, "/counter-offices?county=%DA%A9%D9%87%DA%A9").await;
    let rows = |h: &str| h.matches("<tr>").count();
    assert!(
        rows(&all) > rows(&kahak),
        "the county filter narrows the list"
    );
    assert_eq!(rows(&kahak), 2, "header row and Kahak's one office");
}

#[tokio::test]
async fn unknown_pages_get_the_persian_404() {
    let app = test_app().await;
    let (status, _, html) = get(&app, "/no-such-page").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("صفحه‌ای که خواستید پیدا نشد"));
    assert!(html.contains(r#"dir="rtl""#));
}

#[tokio::test]
async fn server_functions_answer_with_json() {
    let app = test_app().await;
    let req = Request::post("/api/site/footer")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["company"]["postal_code"], "3715653184");
    assert_eq!(json["company"]["is_sample"], false);
}

#[tokio::test]
async fn static_files_prefer_brotli_and_are_cached() {
    let app = test_app().await;
    let req = Request::get("/pkg/portal.js")
        .header("accept-encoding", "gzip, br")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-encoding"], "br");
    assert_eq!(body, "brotli bytes");
    assert!(headers["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let (status, headers, body) = get(&app, "/static.txt").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.starts_with("User-agent"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
}
