//! Attachments over HTTP: multipart filing with and without JavaScript, the content check,
//! and downloads — by tracking code or staff session only, with safe headers.

use crate::common;

use crate::common::{first_admin, post_multipart, send, session_cookie, test_app};
use app::server::services::ticket;
use http::{header, Request, StatusCode};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn fields(category: &str) -> Vec<(&'static str, String)> {
    vec![
        ("name", "زهرا احمدی".into()),
        ("mobile", "09121234567".into()),
        ("category", category.into()),
        ("subject", "پرسش درباره‌ی پروانه".into()),
        ("body", "پروانه‌ی چاه ما را با این نامه تمدید کنید.".into()),
    ]
}

/// A plain browser post (no JavaScript): accepts HTML, names the page it came from.
fn as_plain_form(mut req: Request<axum::body::Body>) -> Request<axum::body::Body> {
    let h = req.headers_mut();
    h.insert(
        header::ACCEPT,
        "text/html,application/xhtml+xml".parse().unwrap(),
    );
    h.insert(
        header::REFERER,
        "http://localhost/tickets/new".parse().unwrap(),
    );
    req
}

#[tokio::test]
async fn a_ticket_with_a_file_is_filed_without_javascript_and_downloaded_by_its_code() {
    let app = test_app().await;
    let category = ticket::categories(&app.db).await.unwrap()[0].id.to_string();
    let f = fields(&category);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();

    // A page disguised as a PDF goes back to the form with the Persian reason.
    let req = post_multipart(
        "/api/tickets/file",
        &f,
        &[("نامه.pdf", b"<html><script>alert(1)</script></html>")],
        None,
    );
    let (status, headers, _) = send(&app, as_plain_form(req)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let back = headers[header::LOCATION].to_str().unwrap();
    assert!(back.starts_with("http://localhost/tickets/new?"), "{back}");
    assert!(back.contains("__err="), "{back}");

    // A real PDF: the receipt page.
    let req = post_multipart("/api/tickets/file", &f, &[("نامه.pdf", PDF)], None);
    let (status, headers, body) = send(&app, as_plain_form(req)).await;
    assert!(status.is_redirection(), "{status} {body}");
    let to = headers[header::LOCATION].to_str().unwrap().to_string();
    assert!(to.starts_with("/tickets/track?code="), "{to}");
    let code = to
        .trim_start_matches("/tickets/track?code=")
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let seen = ticket::lookup(&app.db, None, &code).await.unwrap();
    let key = seen.posts[0].attachments[0].key.clone();

    // The receipt page lists it with its download link.
    let (status, _, page) = common::get(&app, &format!("/tickets/track?code={code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("/files/{key}?code={code}")),
        "link on the page"
    );
    assert!(page.contains("نامه.pdf"));

    let (status, headers, body) = common::get(&app, &format!("/files/{key}?code={code}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_bytes(), PDF);
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename*=UTF-8''%D9%86"),
        "{disposition}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");

    // Without the code, with another code, or a made-up key: one answer, not found.
    for path in [
        format!("/files/{key}"),
        format!("/files/{key}?code=1111-2222-3333-4444"),
        "/files/00000000000000000000000000000000".to_string(),
        "/files/..%2F..%2Fportal.db".to_string(),
    ] {
        let (status, _, body) = common::get(&app, &path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(!body.contains("PDF"), "{path}");
    }

    // Staff of the tickets section download it by their session.
    let admin = first_admin(&app, "rahbar-files-1403").await;
    let cookie = session_cookie(&app, admin.user_id).await;
    let req = Request::get(format!("/files/{key}"))
        .header("cookie", &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_bytes(), PDF);
}

#[tokio::test]
async fn file_endpoints_refuse_other_bodies_and_oversized_files() {
    let app = test_app().await;
    // A URL-encoded body where files are expected: a Persian 422, not a crash.
    let req = Request::post("/api/tickets/file")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from("name=x&category=1&subject=x&body=x"))
        .unwrap();
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("فرم"), "{body}");

    // A file over 5 MB is refused while reading, with the limit in Persian.
    let category = ticket::categories(&app.db).await.unwrap()[0].id.to_string();
    let f = fields(&category);
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let big = [PDF, &vec![b' '; 5 * 1024 * 1024]].concat();
    let req = post_multipart("/api/tickets/file", &f, &[("big.pdf", &big)], None);
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("۵ مگابایت"), "{body}");

    // Past the server's body limit the request is not read at all.
    let huge = vec![b'x'; server::router::MAX_BODY_BYTES + 1];
    let req = post_multipart("/api/tickets/file", &f, &[("huge.pdf", &huge)], None);
    let (status, _, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}
