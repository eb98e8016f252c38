//! Published content over HTTP: list and item pages rendered on the server with their SEO
//! tags, 404 for what is not public, RSS read back by a real feed parser, the sitemap and
//! robots.txt, and a content attachment that is public only once its item is.

use crate::common::{first_admin, get, get_page, post_multipart, send, session_cookie, test_app};
use app::model::{ContentKind, Visibility};
use app::server::services::content::{self, ListFilter, Transition};
use app::server::services::permission::Acting;
use http::{header, Request, StatusCode};

#[tokio::test]
async fn pages_feeds_and_the_sitemap() {
    let app = test_app().await;
    let news = content::public_list(
        &app.db,
        ContentKind::News,
        &ListFilter::default(),
        Visibility::Public,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(news.total, 3, "the demo content");
    let first = news.items[0].clone();

    let (status, _, page) = get(&app, "/news").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(&first.title));
    assert!(
        page.contains("application/rss+xml"),
        "the feed is announced"
    );

    let (status, _, page) = get(&app, &first.href()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("<h1>{}", first.title)),
        "one h1, the title"
    );
    assert_eq!(page.matches("<h1").count(), 1);
    let head = &page[..page.find("</head>").expect("a head")];
    assert!(
        head.contains(r#"property="og:title""#),
        "Open Graph tags in <head>"
    );
    assert!(head.contains(r#"rel="canonical""#));
    assert!(head.contains(&format!("<title>{}", first.title)));
    assert!(page.contains(r#"rel="canonical""#));
    assert!(page.contains("بازدید"));
    assert!(page.contains("منتشرکننده") && page.contains("اخبار و اطلاعیه‌ها"));
    assert!(page.contains("نمونه"), "demo content is marked");
    // The id alone also finds it; an unknown id is a real 404.
    let (status, _, _) = get(&app, &format!("/news/{}", first.id)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = get(&app, "/news/999999/x").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // RSS 2.0, parsed by feed-rs.
    let (status, headers, xml) = get(&app, "/feeds/news.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/rss+xml"));
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("a valid feed");
    assert_eq!(feed.entries.len(), 3);
    let entry = &feed.entries[0];
    assert_eq!(entry.title.as_ref().unwrap().content, first.title);
    assert!(entry.published.is_some(), "RFC 822 dates");
    assert!(entry.links[0]
        .href
        .contains(&format!("/news/{}/", first.id)));
    for name in ["tenders.xml", "laws.xml"] {
        let (status, _, xml) = get(&app, &format!("/feeds/{name}")).await;
        assert_eq!(status, StatusCode::OK);
        let feed = feed_rs::parser::parse(xml.as_bytes()).expect(name);
        assert!(!feed.entries.is_empty(), "{name}");
    }
    let (status, _, _) = get(&app, "/feeds/nothing.xml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let (status, _, map) = get(&app, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(map.starts_with("<?xml"));
    assert!(map.contains(&format!("/news/{}/", first.id)));
    assert!(map.contains("<lastmod>"));
    let (_, _, robots) = get(&app, "/robots.txt").await;
    assert!(robots.contains("Sitemap: ") && robots.contains("/sitemap.xml"));
    assert!(robots.contains("Disallow: /staff/"));
}

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

#[tokio::test]
async fn a_content_attachment_is_public_only_with_its_item() {
    let app = test_app().await;
    let admin = first_admin(&app, "rahbar-content-1403").await;
    let cookie = session_cookie(&app, admin.user_id).await;
    // Saved through the editor's multipart form (a new item goes to its editor page).
    let req = post_multipart(
        "/api/staff/content/save",
        &[
            ("kind", "tender"),
            ("id", ""),
            ("title", "مناقصه‌ی آزمایشی لوله‌گذاری"),
            ("summary", ""),
            (
                "body",
                "<p>اسناد مناقصه پیوست است.</p><script>alert(1)</script>",
            ),
            ("f_subkind", "tender"),
            ("f_ref_number", "۱۴۰۵/۰۹۹"),
            ("f_ref_date", "۱۴۲۰/۰۱/۰۱ ۱۴:۰۰"),
        ],
        &[("اسناد.pdf", PDF)],
        Some(&cookie),
    );
    let (status, headers, body) = send(&app, req).await;
    assert!(
        status.is_success() || status.is_redirection(),
        "{status} {body}"
    );
    let _ = headers;
    let acting = Acting::user(admin.clone(), None);
    let row = content::staff_list(&app.db, &app.views, &acting, ContentKind::Tender, None)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.title == "مناقصه‌ی آزمایشی لوله‌گذاری")
        .unwrap();
    let editor = content::editor(&app.db, &acting, row.id).await.unwrap();
    assert!(!editor.body.contains("script"), "sanitized on save");
    assert_eq!(
        editor.fields.get("ref_number").map(String::as_str),
        Some("1405/099")
    );
    let key = editor.attachments[0].key.clone();

    // A draft's file is not public; staff get it.
    let (status, _, _) = get(&app, &format!("/files/{key}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let req = Request::get(format!("/files/{key}"))
        .header("cookie", &cookie)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(send(&app, req).await.0, StatusCode::OK);

    content::transition(&app.db, &acting, row.id, Transition::Publish, "")
        .await
        .unwrap();
    let (status, headers, body) = get(&app, &format!("/files/{key}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body.as_bytes(), PDF);
    assert!(headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    // Public, it is checked again on every use: a file can stop being public at once.
    assert_eq!(headers[header::CACHE_CONTROL], "public, no-cache");
    let etag = headers[header::ETAG].clone();
    let req = Request::get(format!("/files/{key}"))
        .header(header::IF_NONE_MATCH, etag)
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, _, body) = send(&app, req).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    let (_, _, page) = get(&app, &format!("/tenders/{}", row.id)).await;
    assert!(
        page.contains(&format!("/files/{key}")),
        "listed on the public page"
    );
    assert!(page.contains("این آگهی باز است"));
}

/// The research section over HTTP with its demo content: the front page, the lists, the
/// knowledge items as each visitor may see them (page and feed), and word search in
/// Arabic letters.
#[tokio::test]
async fn research_pages_show_each_visitor_what_they_may_read() {
    let app = test_app().await;
    let (status, _, page) = get(&app, "/research").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(
        page.contains("فراخوان دریافت پیشنهاد طرح‌های پژوهشی ۱۴۰۵"),
        "the open call"
    );
    assert!(!page.contains("در حال آماده‌سازی"), "a real section now");

    let public = "درس آموخته: نصب کنتور حجمی پیش از تمدید پروانه";
    let registered = "یادداشت فنی: واسنجی باران‌سنج‌های ثبات";
    let staff = "تجربه‌ی کارشناسان: تخلیه‌ی رسوب آبگیر سد";
    let (_, _, anon) = get(&app, "/research/knowledge").await;
    assert!(anon.contains(public));
    assert!(!anon.contains(registered) && !anon.contains(staff));

    let admin = first_admin(&app, "rahbar-research-1403").await;
    let cookie = session_cookie(&app, admin.user_id).await;
    let (_, _, as_staff) = send(&app, get_page("/research/knowledge", Some(&cookie))).await;
    assert!(as_staff.contains(public) && as_staff.contains(registered) && as_staff.contains(staff));
    assert!(
        as_staff.contains("فقط کارکنان"),
        "the restricted item is marked"
    );

    // The staff-only page is a 404 to anyone else, and no feed carries it.
    let staff_item = content::public_list(
        &app.db,
        ContentKind::Knowledge,
        &ListFilter::default(),
        Visibility::Staff,
        chrono::Utc::now(),
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .find(|c| c.title.starts_with(staff))
    .unwrap();
    let (status, _, _) = get(&app, &staff_item.href()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, page) = send(&app, get_page(&staff_item.href(), Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains(staff) && page.contains("فقط کارکنان شرکت"));
    let (status, _, xml) = get(&app, "/feeds/knowledge.xml").await;
    assert_eq!(status, StatusCode::OK);
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("a valid feed");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(titles.len(), 1, "{titles:?}");
    assert!(titles[0].starts_with(public));
    for name in ["research.xml", "research-calls.xml"] {
        let (status, _, xml) = get(&app, &format!("/feeds/{name}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!feed_rs::parser::parse(xml.as_bytes())
            .expect(name)
            .entries
            .is_empty());
    }

    // Word search on the projects list, typed with Arabic yeh and kaf.
    let q = app::components::forms::encode_component("تغذيه");
    let (_, _, found) = get(&app, &format!("/research/projects?q={q}")).await;
    assert!(found.contains("امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم"));
    assert!(!found.contains("پیش‌بینی فصلی بارش"));
}

#[tokio::test]
async fn the_search_page_and_the_accountability_report_over_http() {
    let app = test_app().await;
    // Every page has the header's search form; the results page works without JavaScript.
    let (_, _, home) = get(&app, "/").await;
    assert!(home.contains("role=\"search\"") && home.contains("action=\"/search\""));
    let q = "%D8%AA%D8%BA%D8%B0%D9%8A%D9%87"; // «تغذيه» with an Arabic yeh
    let (status, _, page) = get(&app, &format!("/search?q={q}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(
        page.contains("امکان‌سنجی تغذیه‌ی مصنوعی آبخوان دشت قم"),
        "{page}"
    );
    assert!(page.contains("<mark>"), "the word is marked");
    assert!(page.contains("noindex"));
    let (_, _, page) = get(&app, &format!("/search?q={q}&from=1404/13/01")).await;
    assert!(
        page.contains("چنین روزی در تقویم وجود ندارد"),
        "the bad date is refused with its reason"
    );

    // The accountability report: the administrator's page and CSV only.
    let (status, _, _) = get(&app, "/admin/accountability.csv").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let admin = first_admin(&app, "rahbar-account-1403").await;
    let cookie = session_cookie(&app, admin.user_id).await;
    let (status, headers, csv) = send(
        &app,
        get_page("/admin/accountability.csv?days=30", Some(&cookie)),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    assert!(
        csv.starts_with('\u{feff}')
            && csv.contains("تیکت معوق")
            && csv.contains("اخبار و اطلاعیه‌ها")
    );
    let (status, _, page) = send(&app, get_page("/admin/accountability", Some(&cookie))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("پاسخ‌گویی متولیان") && page.contains("عقب از برنامه"),
        "{page}"
    );
}
