//! What search engines and feed readers fetch: `robots.txt` (pointing at the sitemap),
//! `sitemap.xml` (the public sections and every public item), and RSS 2.0 feeds of news,
//! tenders and laws (`/feeds/{news,tenders,laws}.xml`) with RFC 822 dates.

use crate::router::AppState;
use app::components::forms::{encode_component, escape_markup as xml};
use app::model::ContentKind;
use app::server::services::{content, outbox};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

fn base() -> String {
    outbox::public_url().trim_end_matches('/').to_string()
}

fn text(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

pub async fn robots() -> Response {
    text(
        "text/plain; charset=utf-8",
        format!(
            "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /staff/\nDisallow: /admin/\n\
             Disallow: /dashboard\nDisallow: /profile\n\nSitemap: {}/sitemap.xml\n",
            base()
        ),
    )
}

fn iso_date(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub async fn sitemap(State(state): State<AppState>) -> Response {
    let items = match content::sitemap(&state.db, chrono::Utc::now()).await {
        Ok(items) => items,
        Err(e) => return (e.status(), e.to_string()).into_response(),
    };
    let base = base();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let fixed = ["/".to_string()].into_iter().chain(
        app::sections::GROUPS
            .iter()
            .flat_map(|g| g.sections.iter().map(|s| s.path.to_string())),
    );
    for path in fixed {
        out.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            xml(&base),
            xml(&encode_component(&path))
        ));
    }
    for (path, updated) in items {
        out.push_str(&format!(
            "  <url><loc>{}{}</loc><lastmod>{}</lastmod></url>\n",
            xml(&base),
            xml(&encode_component(&path)),
            iso_date(updated)
        ));
    }
    out.push_str("</urlset>\n");
    text("application/xml; charset=utf-8", out)
}

pub async fn feed(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    let stem = name.strip_suffix(".xml").unwrap_or("");
    let Some(kind) = ContentKind::ALL
        .into_iter()
        .find(|k| k.feed_name() == Some(stem))
    else {
        return (StatusCode::NOT_FOUND, "خوراکی با این نام نیست.").into_response();
    };
    let items = match content::feed(&state.db, kind, chrono::Utc::now()).await {
        Ok(items) => items,
        Err(e) => return (e.status(), e.to_string()).into_response(),
    };
    let base = base();
    let rfc822 = |unix: i64| {
        chrono::DateTime::from_timestamp(unix, 0)
            .map(|t| t.to_rfc2822())
            .unwrap_or_default()
    };
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n\
         <title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>fa-IR</language>\n\
         <atom:link href=\"{}/feeds/{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml(&format!("{} — {}", kind.plural(), app::PORTAL_NAME)),
        xml(&format!("{base}{}", kind.path())),
        xml(&format!("{} در پرتال {}", kind.plural(), app::PORTAL_NAME)),
        xml(&base),
        xml(&name),
    );
    if let Some((first, _)) = items.first() {
        out.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            rfc822(first.published_at)
        ));
    }
    for (card, body) in items {
        let link = format!("{base}{}", encode_component(&card.href()));
        let description = if card.summary.is_empty() {
            content::plain_text(&body).chars().take(400).collect()
        } else {
            card.summary.clone()
        };
        out.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n{}</item>\n",
            xml(&card.title),
            xml(&link),
            xml(&link),
            rfc822(card.published_at),
            xml(&description),
            card.topic.as_ref().map(|t| format!("<category>{}</category>\n", xml(t))).unwrap_or_default(),
        ));
    }
    out.push_str("</channel>\n</rss>\n");
    text("application/rss+xml; charset=utf-8", out)
}
