//! The visitor counter's middleware: gives every browser the visitor cookie, and tells the
//! instance's [`Recorder`] of each page shown and of each request that returned the cookie.
//! Nothing here touches the database. A page shown in place (`app::nav`) is fetched with
//! `Accept: text/html` and counted like a full load. `POST /api/visit` is the note of a page
//! a client showed without fetching it (the portal's own pages no longer send it).
//! `POST /admin/statistics/flush` adds what this instance counted to the database at once.

use app::server::services::visitors::{self, Recorder};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use std::sync::{Arc, OnceLock};

#[derive(Clone)]
pub struct Counter {
    pub recorder: Arc<Recorder>,
    /// Mark the cookie `Secure` (as the session cookie is).
    pub secure: bool,
}

pub use app::server::services::visitors::Returning;

/// The router's page paths, split at `/` (`["news", "{id}"]`): what the beacon may name.
static PAGES: OnceLock<Vec<Vec<String>>> = OnceLock::new();

/// Tells the beacon the router's page paths (as `generate_route_list` gives them, with
/// `{param}` and `{*rest}` segments). The first call wins: every router has the same pages.
pub fn know_pages<'a>(paths: impl Iterator<Item = &'a str>) {
    PAGES.get_or_init(|| {
        paths
            .map(|p| {
                p.split('/')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .collect()
    });
}

/// Whether `path` is one of the router's pages.
fn is_page(path: &str) -> bool {
    PAGES.get().is_some_and(|pages| matches_page(pages, path))
}

/// Whether `path` is one of `pages` (a parameter stands for any one segment).
fn matches_page(pages: &[Vec<String>], path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    pages.iter().any(|page| {
        let rest = page.last().is_some_and(|s| s.starts_with("{*"));
        let fixed = if rest {
            &page[..page.len() - 1]
        } else {
            &page[..]
        };
        (if rest {
            segments.len() > fixed.len()
        } else {
            segments.len() == fixed.len()
        }) && fixed
            .iter()
            .zip(&segments)
            .all(|(p, s)| (p.starts_with('{') && p.ends_with('}')) || p.as_str() == *s)
    })
}

fn visitor_cookie(headers: &HeaderMap) -> Option<String> {
    app::server::auth::cookies_named(headers, visitors::COOKIE)
        .find(|v| visitors::valid_visitor_id(v))
        .map(str::to_string)
}

/// Whether a request asks for a page (not a file, a feed or a server function).
fn asks_for_page(req: &Request<Body>) -> bool {
    req.method() == Method::GET
        && app::may_be_page(req.uri().path())
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"))
}

/// The referring site's host when it is another site; `""` when there is none or it is
/// this one.
fn referrer(headers: &HeaderMap) -> String {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .map(|rest| {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            authority
                .rsplit('@')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
        .filter(|h| !h.is_empty() && Some(h.as_str()) != host && h.len() <= 255)
        .unwrap_or_default()
}

/// Counts the request (in memory) and sets the visitor cookie on a page shown to a browser
/// that has none.
pub async fn count(counter: Counter, mut req: Request<Body>, next: Next) -> Response {
    let bot = visitors::is_bot(
        req.headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok()),
    );
    if bot {
        return next.run(req).await;
    }
    let returned = visitor_cookie(req.headers());
    let page = asks_for_page(&req).then(|| (req.uri().path().to_string(), referrer(req.headers())));
    if let Some(id) = &returned {
        req.extensions_mut().insert(Returning(id.clone()));
    }
    let mut res = next.run(req).await;
    let now = chrono::Utc::now().timestamp();
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let shown = page.filter(|_| res.status() == StatusCode::OK && html);
    match (&returned, shown) {
        (Some(id), Some((path, from))) => {
            counter.recorder.page_view(id, true, now, &path, Some(from))
        }
        (Some(id), None) => counter.recorder.seen(id, now),
        (None, Some((path, from))) => {
            let id = visitors::new_visitor_id();
            counter
                .recorder
                .page_view(&id, false, now, &path, Some(from));
            let cookie = format!(
                "{}={id}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
                visitors::COOKIE,
                365 * 86_400,
                if counter.secure { "; Secure" } else { "" }
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
        (None, None) => {}
    }
    res
}

/// `POST /api/visit` with the path of a page the hydrated app showed without loading it:
/// counted when it is one of the router's pages, from a browser that returned the cookie.
pub async fn beacon(
    State(state): State<crate::router::AppState>,
    visitor: Option<Extension<Returning>>,
    body: String,
) -> StatusCode {
    let path = body.trim();
    let valid = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 3000
        && visitors::decode_path(path).chars().count() <= 300
        && !path.contains(['?', '#'])
        && !path.chars().any(char::is_control)
        && is_page(path);
    if let (Some(Extension(Returning(id))), true) = (visitor, valid) {
        let now = chrono::Utc::now().timestamp();
        state.visitors.page_view(&id, true, now, path, None);
    }
    StatusCode::NO_CONTENT
}

/// `POST /admin/statistics/flush` (the administrator): adds this instance's content views
/// and visitor statistics to the database now instead of at the next flush, and drops the
/// kept pages, so that the figures shown next hold every visit counted so far. Answers with
/// the analytics page.
pub async fn flush_now(
    State(state): State<crate::router::AppState>,
    ip: Option<Extension<app::server::request::ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let acting = match crate::forms_api::acting_from(&state, &headers, ip).await {
        Ok(a) => a,
        Err(e) => return crate::forms_api::refused(e),
    };
    if let Err(e) = acting.admin() {
        return crate::forms_api::refused(e);
    }
    let now = chrono::Utc::now().timestamp();
    let flushed = match state.views.flush(&state.db).await {
        Ok(_) => state.visitors.flush(&state.db, now).await.map(|_| ()),
        Err(e) => Err(e),
    };
    if let Err(e) = flushed {
        tracing::warn!("statistics not flushed on request: {e}");
        return crate::forms_api::refused(e);
    }
    state.pages.invalidate();
    Redirect::to("/admin/analytics").into_response()
}

#[cfg(test)]
mod tests {
    use super::matches_page;

    #[test]
    fn only_the_routers_pages_match() {
        let pages: Vec<Vec<String>> = [
            "/",
            "/news",
            "/news/{id}",
            "/news/{id}/{slug}",
            "/a/{*rest}",
        ]
        .iter()
        .map(|p| {
            p.split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
        for ok in ["/", "/news", "/news/12", "/news/12/%D8%A2%D8%A8", "/a/b/c"] {
            assert!(matches_page(&pages, ok), "{ok}");
        }
        for bad in ["/newsx", "/news/1/2/3", "/<script>", "/laws", "/a"] {
            assert!(!matches_page(&pages, bad), "{bad}");
        }
    }
}
