//! Text someone typed that reaches a page's `<title>` and `<meta>` tags comes out escaped,
//! whoever typed it: a search's words, a news item's title and summary, a ticket's subject
//! on the staff page, a form's name. The raw payload never appears in `<head>`, the head has
//! one title, and the title reads back (unescaped) as the text that was typed.

use crate::common::{first_admin, get, send, session_cookie, test_app};
use app::model::ContentKind;
use app::server::services::content::{self, Draft, Transition};
use app::server::services::permission::Acting;
use http::{Request, StatusCode};

/// Each closes an element or an attribute that a title or a meta tag could sit in.
const PAYLOADS: &[&str] = &[
    "</title><script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "</style><img src=x onerror=window.__xss=1>",
    "</textarea><svg onload=window.__xss=1>",
    "\" onfocus=\"window.__xss=1\" autofocus x=\"",
];

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Checks a page's head against one payload and returns its title, unescaped.
fn checked_head(where_: &str, page: &str, payload: &str) -> String {
    let head = &page[..page.find("</head>").expect("a head")];
    assert!(
        !head.contains(payload),
        "{where_}: the payload is in <head> unescaped"
    );
    assert_eq!(head.matches("<title>").count(), 1, "{where_}: one title");
    assert_eq!(head.matches("</title>").count(), 1, "{where_}: one title");
    let start = head.find("<title>").unwrap() + "<title>".len();
    let end = head.find("</title>").unwrap();
    let title = unescape(&head[start..end]);
    assert!(
        title.contains(payload),
        "{where_}: the title reads back as typed: {title}"
    );
    title
}

fn encode(s: &str) -> String {
    app::components::forms::encode_component(s)
}

#[tokio::test]
async fn typed_text_in_titles_and_meta_tags_is_escaped() {
    let app = test_app().await;
    let admin = first_admin(&app, "rahbar-titles-1403").await;
    let cookie = session_cookie(&app, admin.user_id).await;
    let acting = Acting::user(admin.clone(), None);
    let anon = Acting::anonymous(None);
    let signed_in = |path: String| {
        Request::get(path)
            .header("cookie", &cookie)
            .body(axum::body::Body::empty())
            .unwrap()
    };

    for (n, payload) in PAYLOADS.iter().enumerate() {
        // The search's words.
        let (status, _, page) = get(&app, &format!("/search?q={}", encode(payload))).await;
        assert_eq!(status, StatusCode::OK);
        checked_head("search", &page, payload);

        // A published news item: its title and summary go to the title, the description
        // and the Open Graph tags.
        let id = content::create(
            &app.db,
            &acting,
            ContentKind::News,
            &Draft {
                title: format!("خبر {n} {payload}"),
                summary: format!("چکیده {payload}"),
                body: "<p>متن خبر آزمایشی عنوان</p>".into(),
                ..Default::default()
            },
            None,
        )
        .await
        .unwrap();
        content::transition(&app.db, &acting, id, Transition::Publish, "")
            .await
            .unwrap();
        let (status, _, page) = get(&app, &format!("/news/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        checked_head("news item", &page, payload);
        let head = &page[..page.find("</head>").unwrap()];
        assert!(head.contains(r#"property="og:title""#));

        // A ticket's subject, on the staff's page of that ticket.
        let category = app::server::services::ticket::categories(&app.db)
            .await
            .unwrap()[0]
            .id;
        let receipt = app::server::services::ticket::file(
            &app.db,
            &anon,
            &app::server::services::ticket::NewTicket {
                name: "شهروند".into(),
                mobile: "09120000000".into(),
                email: String::new(),
                category_id: category,
                subject: format!("موضوع {payload}"),
                body: "متن پرسش آزمایشی برای عنوان صفحه".into(),
            },
        )
        .await
        .unwrap();
        let ticket = app::server::services::ticket::queue(&app.db, &acting, &Default::default())
            .await
            .unwrap()
            .rows
            .into_iter()
            .find(|r| r.tracking_code == receipt.tracking_code)
            .unwrap()
            .id;
        let (status, _, page) = send(&app, signed_in(format!("/staff/tickets/{ticket}"))).await;
        assert_eq!(status, StatusCode::OK);
        checked_head("staff ticket", &page, payload);

        // A form's name, on its public page and on the builder.
        use app::server::services::forms::{self, FieldInput};
        let form_category = forms::categories(&app.db).await.unwrap()[0].id;
        let form = forms::create(&app.db, &acting, &format!("فرم {payload}"), form_category)
            .await
            .unwrap();
        forms::save_field(
            &app.db,
            &acting,
            form,
            &FieldInput {
                kind: "short_text".into(),
                label: "نام".into(),
                required: true,
                ..Default::default()
            },
        )
        .await
        .unwrap();
        forms::publish(&app.db, &acting, form).await.unwrap();
        let (status, _, page) = get(&app, &format!("/forms/{form}")).await;
        assert_eq!(status, StatusCode::OK);
        checked_head("form", &page, payload);
        let (status, _, page) = send(&app, signed_in(format!("/staff/forms/{form}"))).await;
        assert_eq!(status, StatusCode::OK);
        checked_head("form builder", &page, payload);
    }
}
