//! Accounts over HTTP: login sets a signed, HttpOnly session cookie; protected pages send
//! anonymous visitors to the login page and back; a plain form post (before hydration)
//! comes back to its page with the Persian error; cross-site posts are refused.

use crate::common;

use crate::common::{first_admin, get_page, post_form, send, test_app};
use app::server::services::account::{self, Registration};
use app::server::services::permission::Acting;
use http::StatusCode;

fn citizen() -> Registration {
    Registration {
        full_name: "مریم احمدی".into(),
        national_id: "0499370899".into(),
        mobile: "09121112233".into(),
        email: "maryam@example.ir".into(),
        username: "maryam".into(),
        password: "qom-rood-1403".into(),
        password_repeat: "qom-rood-1403".into(),
        accept_terms: true,
    }
}

#[tokio::test]
async fn login_sets_a_session_cookie_and_protected_pages_redirect() {
    let app = test_app().await;
    account::ensure_first_admin(&app.db, Some("rahbar-http-1403"))
        .await
        .unwrap();

    // Anonymous: sent to the login page, with the way back.
    let (status, headers, _) = send(&app, get_page("/admin/users?status=pending", None)).await;
    assert_eq!(status, StatusCode::FOUND);
    assert_eq!(
        headers["location"],
        "/login?next=/admin/users%3Fstatus%3Dpending"
    );

    // A pending citizen cannot log in; the answer says why.
    let id = account::register(&app.db, &Acting::anonymous(None), &citizen())
        .await
        .unwrap();
    let (status, headers, body) = send(
        &app,
        post_form(
            "/api/auth/login",
            "username=maryam&password=qom-rood-1403",
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("انتظار تأیید"), "{body}");
    assert!(!headers.contains_key("set-cookie"));

    let admin = account::login(&app.db, None, "admin", "rahbar-http-1403")
        .await
        .unwrap();
    account::approve(&app.db, &Acting::user(admin, None), id)
        .await
        .unwrap();
    let (status, headers, body) = send(
        &app,
        post_form(
            "/api/auth/login",
            "username=maryam&password=qom-rood-1403&next=/profile",
            None,
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = headers["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("portal_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();

    // Signed in: the profile is there, the header names the person, the admin pages are not.
    let (status, _, html) = send(&app, get_page("/profile", Some(&pair))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("مریم احمدی"));
    assert!(html.contains("۰۴۹۹۳۷۰۸۹۹"), "national ID in Persian digits");
    let (status, _, html) = send(&app, get_page("/admin/users", Some(&pair))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("اجازه‌ی انجام این کار را ندارید"));
    assert_eq!(html.matches("<h1").count(), 1);
    let (status, _, html) = send(&app, get_page("/dashboard/section/laws", Some(&pair))).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(html.matches("<h1").count(), 1, "{html}");
    let (status, _, html) = send(&app, get_page("/dashboard", Some(&pair))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("هنوز متولی یا کارشناس هیچ بخشی نیستید"));

    // A tampered cookie is nobody.
    let forged = format!("{}x", pair);
    let (status, _, _) = send(&app, get_page("/profile", Some(&forged))).await;
    assert_eq!(status, StatusCode::FOUND);

    // Logout ends the session in the database.
    let (status, headers, _) = send(&app, post_form("/api/auth/logout", "", Some(&pair))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    let (status, _, _) = send(&app, get_page("/profile", Some(&pair))).await;
    assert_eq!(status, StatusCode::FOUND, "the old cookie no longer works");
}

#[tokio::test]
async fn a_plain_form_post_comes_back_with_the_persian_error() {
    let app = test_app().await;
    let req = http::Request::post("/api/auth/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("referer", "http://localhost/login?next=/dashboard")
        .body(axum::body::Body::from(
            "username=nobody&password=wrong-pass-1",
        ))
        .unwrap();
    let (status, headers, _) = send(&app, req).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with("http://localhost/login?"),
        "{location}"
    );
    assert!(
        location.contains("__path=%2Fapi%2Fauth%2Flogin"),
        "{location}"
    );
    // The page it leads to shows the error, rendered on the server.
    let path = location.trim_start_matches("http://localhost");
    let (status, _, html) = send(&app, get_page(path, None)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("نام کاربری یا کلمه عبور درست نیست"), "{html}");
}

#[tokio::test]
async fn registration_over_http_and_cross_site_posts() {
    let app = test_app().await;
    let body = "full_name=%D8%B9%D9%84%DB%8C+%D8%B1%D8%B6%D8%A7%DB%8C%DB%8C&national_id=%DB%B0%DB%B7%DB%B9%DB%B0%DB%B4%DB%B1%DB%B9%DB%B9%DB%B0%DB%B4&mobile=%2B989121234567&email=ali%40example.ir&username=ali.rezaei&password=qom-rood-1403&password_repeat=qom-rood-1403&accept_terms=yes&website=";
    let (status, headers, text) = send(&app, post_form("/api/auth/register", body, None)).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    assert_eq!(headers["serverfnredirect"], "");
    assert_eq!(headers["location"], "/register/done");
    // The same again: the national ID is taken.
    let (status, _, text) = send(&app, post_form("/api/auth/register", body, None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(text.contains("کد ملی"), "{text}");
    // The honeypot.
    let trap = body.replace("website=", "website=http%3A%2F%2Fspam");
    let (status, _, _) = send(&app, post_form("/api/auth/register", &trap, None)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // From another site: refused before anything runs.
    let req = http::Request::post("/api/auth/register")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "cross-site")
        .body(axum::body::Body::from(body))
        .unwrap();
    let (status, _, text) = send(&app, req).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(text.contains("وب‌گاه دیگری"));
    let req = http::Request::post("/api/auth/logout")
        .header("origin", "https://evil.example")
        .header("host", "portal.example")
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(send(&app, req).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn expert_categories_arrive_from_checkboxes() {
    let app = test_app().await;
    let admin = first_admin(&app, "rahbar-http-1403").await;
    let acting = Acting::user(admin.clone(), None);
    let id = account::register(&app.db, &Acting::anonymous(None), &citizen())
        .await
        .unwrap();
    account::approve(&app.db, &acting, id).await.unwrap();
    let cookie = common::session_cookie(&app, admin.user_id).await;
    // Checkboxes are named categories[i] by their position; unchecked ones are absent.
    let body = format!("id={id}&categories%5B0%5D=1&categories%5B2%5D=3");
    let (status, _, text) = send(
        &app,
        post_form("/api/admin/user/expert", &body, Some(&cookie)),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let detail = account::user_detail(&app.db, &acting, id).await.unwrap();
    assert_eq!(detail.expert_of, vec![1, 3]);
}
