//! The visitor counter through HTTP: the cookie a browser gets with its first page, the
//! visit counted once the browser returns it (for the page's script), programs and crawlers
//! never counted, pages shown by the hydrated app (`POST /api/visit`), the footer's
//! figures, and the administrator's analytics and CSV.

use crate::common::{send, session_cookie, test_app, TestApp};
use axum::body::Body;
use http::{Request, StatusCode};

const BROWSER: &str =
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

async fn browse(
    app: &TestApp,
    path: &str,
    agent: &str,
    cookie: Option<&str>,
) -> (StatusCode, http::HeaderMap, String) {
    let mut req = Request::get(path)
        .header("user-agent", agent)
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("host", "portal.test")
        .header("referer", "https://www.bing.com/search?q=qom+water");
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    send(app, req.body(Body::empty()).unwrap()).await
}

/// The visitor cookie a response set (`name=value`).
fn visitor_cookie(headers: &http::HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("portal_visitor="))
        .map(|c| c.split(';').next().unwrap().to_string())
}

/// The figure in the footer's row `stat`, as displayed (Persian digits).
fn footer_figure(html: &str, stat: &str) -> String {
    let at = html
        .find(&format!("data-stat=\"{stat}\""))
        .unwrap_or_else(|| panic!("no {stat} row in the footer"));
    let rest = &html[at..];
    let dd = rest.find("<dd>").unwrap() + 4;
    let end = rest[dd..].find("</dd>").unwrap();
    rest[dd..dd + end].replace("<!>", "")
}

#[tokio::test]
async fn browsers_are_counted_once_they_return_the_cookie() {
    let app = test_app().await;
    let now = || chrono::Utc::now().timestamp();

    // A program without a browser's user agent gets no cookie and counts for nothing.
    let (status, headers, _) = browse(&app, "/news", "curl/8.5.0", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(visitor_cookie(&headers).is_none());
    // A crawler saying so, likewise.
    let (_, headers, _) = browse(&app, "/", "Mozilla/5.0 (compatible; Googlebot/2.1)", None).await;
    assert!(visitor_cookie(&headers).is_none());

    // A browser's first page: a cookie, but not counted until it comes back.
    let (status, headers, _) = browse(&app, "/news", BROWSER, None).await;
    assert_eq!(status, StatusCode::OK);
    let cookie = visitor_cookie(&headers).expect("a visitor cookie");
    let set = headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("portal_visitor="))
        .unwrap()
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    let f = app.visitors.flush(&app.db, now()).await.unwrap();
    assert_eq!((f.today, f.online), (0, 0));

    // The page's script, fetched with the cookie: the visit counts.
    let (status, headers, _) = browse(&app, "/pkg/portal.js", BROWSER, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        visitor_cookie(&headers).is_none(),
        "a returning browser keeps its cookie"
    );
    // A page the hydrated app showed by itself.
    let beacon = Request::post("/api/visit")
        .header("user-agent", BROWSER)
        .header("cookie", &cookie)
        .body(Body::from("/laws"))
        .unwrap();
    assert_eq!(send(&app, beacon).await.0, StatusCode::NO_CONTENT);
    // An item's address with a long Persian slug, as the browser sends it (percent-encoded,
    // six bytes a letter), is counted.
    let slug = "آب".repeat(40);
    let encoded: String = slug.bytes().map(|b| format!("%{b:02X}")).collect();
    let beacon = Request::post("/api/visit")
        .header("user-agent", BROWSER)
        .header("cookie", &cookie)
        .body(Body::from(format!("/laws/7/{encoded}")))
        .unwrap();
    assert_eq!(send(&app, beacon).await.0, StatusCode::NO_CONTENT);
    // A path that is none of the portal's pages is answered alike but not counted.
    for path in ["/no-such-page", "/news/1/2/3", "/<script>alert(1)</script>"] {
        let beacon = Request::post("/api/visit")
            .header("user-agent", BROWSER)
            .header("cookie", &cookie)
            .body(Body::from(path))
            .unwrap();
        assert_eq!(send(&app, beacon).await.0, StatusCode::NO_CONTENT);
    }
    let f = app.visitors.flush(&app.db, now()).await.unwrap();
    assert_eq!(
        (f.online, f.peak, f.today, f.yesterday, f.total),
        (1, 1, 1, 0, 1)
    );

    // The same browser's next page: the same visit; the footer shows the figures and the
    // reader's address only when the server knows it. (The statistics flush does not drop
    // the page cache: a kept page's figures are as old as its TTL, seconds in production;
    // the test's cache keeps pages for minutes, so it is dropped here by hand.)
    app.pages.invalidate();
    let (_, _, html) = browse(&app, "/", BROWSER, Some(&cookie)).await;
    assert_eq!(footer_figure(&html, "online"), "۱");
    assert_eq!(footer_figure(&html, "today"), "۱");
    assert_eq!(footer_figure(&html, "yesterday"), "۰");
    assert_eq!(footer_figure(&html, "total"), "۱");
    assert!(html.contains("کاربران برخط"));
    assert!(html.contains("۵ دقیقه"), "the online window is stated");
    let f = app.visitors.flush(&app.db, now()).await.unwrap();
    assert_eq!(f.total, 1);

    // A second browser.
    let (_, headers, _) = browse(&app, "/water", BROWSER, None).await;
    let second = visitor_cookie(&headers).unwrap();
    assert_ne!(second, cookie);
    browse(&app, "/pkg/portal.js", BROWSER, Some(&second)).await;
    let f = app.visitors.flush(&app.db, now()).await.unwrap();
    assert_eq!((f.online, f.today, f.total), (2, 2, 2));

    // Searches: counted once a day for each browser that returned the cookie; a search
    // without it (a program, or a first request) is not counted.
    for c in [Some(&cookie), Some(&cookie), Some(&second), None] {
        let (status, _, _) = browse(
            &app,
            "/search?q=%D8%A2%D8%A8",
            BROWSER,
            c.map(|c| c.as_str()),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }

    // The administrator's analytics: pages shown, the referring site, the CSV, once the
    // analytics page's button has had the counts added (no wait for the periodic flush).
    use app::server::services::account;
    account::ensure_first_admin(&app.db, Some("rahbar-visits-1403"))
        .await
        .unwrap();
    let id = account::login(&app.db, None, "admin", "rahbar-visits-1403")
        .await
        .unwrap()
        .user_id;
    let admin = session_cookie(&app, id).await;
    let flush = |cookie: Option<&str>| {
        let mut req = Request::post("/admin/statistics/flush");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        send(&app, req.body(Body::empty()).unwrap())
    };
    assert_eq!(flush(None).await.0, StatusCode::UNAUTHORIZED);
    let (status, headers, _) = flush(Some(&admin)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], "/admin/analytics");
    let (status, _, body) = send(
        &app,
        Request::get("/admin/analytics.csv?days=7")
            .header("cookie", &admin)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("صفحه‌های پربازدید,/news,,1,"), "{body}");
    assert!(body.contains("صفحه‌های پربازدید,/laws,,1,"), "{body}");
    assert!(
        body.contains(&format!("صفحه‌های پربازدید,/laws/7/{slug},,1,")),
        "{body}"
    );
    assert!(body.contains("صفحه‌های پربازدید,/,,1,"), "{body}");
    assert!(body.contains("ارجاع‌دهنده,www.bing.com,2,,"), "{body}");
    assert!(
        !body.contains("no-such-page") && !body.contains("script"),
        "{body}"
    );
    assert!(body.contains("جست‌وجوهای پرتکرار,آب,2,"), "{body}");
    let (status, _, _) = send(
        &app,
        Request::get("/admin/analytics.csv?days=7")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}
