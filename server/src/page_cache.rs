//! The public page cache: a page an anonymous visitor asks for is rendered once and shown
//! to the next visitors from memory, for at most `PORTAL_PAGE_CACHE_SECONDS` (5 by default,
//! 0 turns the cache off).
//!
//! - Only anonymous `GET`s (no session cookie) of the public sections' addresses are kept,
//!   and only a `200` HTML answer that sets no cookie. Forms that look a code up, accounts,
//!   search (each search is counted), the staff and administrator screens are never kept.
//! - A page is kept with the count of write transactions this process had begun
//!   (`app::server::db::writes`), and is no longer shown once that count moves; a request
//!   that wrote drops every page again when it ends, after its commit. So a custodian sees
//!   their publish on the next load, and reads (server functions called by POST) drop
//!   nothing. Another instance on the same database shows a change within the
//!   lifetime above, as it shows a scheduled publication or the footer's visitor figures.
//! - The statistics flushers write through `db::stats_txn`, which is not counted: the
//!   footer's figures and view counts on a kept page are at most its lifetime old.
//! - A page showing an error notice (a list or the footer the database did not give) is not
//!   kept: Leptos has sent a 200 before the error is known.
//! - A full cache makes room by dropping expired pages, then the oldest.
//! - One render at a time per address: visitors who miss while a page is being rendered
//!   wait for it and are answered from the cache, so a page that expires under load is
//!   rendered once, not once per waiting visitor. If that render could not be kept (a write
//!   while it ran, an error, a cookie), one of them renders it again while the others wait,
//!   up to three rounds; then each renders their own.
//! - While a page that expired is rendered again, the others who ask for it are shown the
//!   expired copy, if nothing was written since it was rendered and it expired less than a
//!   lifetime ago. After a write they wait for the new render, as above.
//! - What differs between visitors is filled in on every answer: a fresh script nonce (in
//!   the page and its Content-Security-Policy) and the visitor's address in the footer (the
//!   page is rendered with [`ClientIp::PLACEHOLDER`]), and a content item's view figure
//!   (rendered as [`VIEWS_PLACEHOLDER`]): each visit is counted as when the page is rendered
//!   and shown in the figure at once (`services::content::views`).

use app::model::VIEWS_PLACEHOLDER;
use app::server::request::{ClientIp, RenderedForCache};
use app::server::services::content::views::Views;
use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
// Tokio's clock (the system's, but one the tests can pause and move).
use tokio::time::Instant;

/// Kept pages at most, and their bytes at most: a full cache drops its oldest pages.
const MAX_PAGES: usize = 1_000;
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// The mark of `ErrorNotice` (`components::common`): a page showing it is not kept.
const ERROR_NOTICE: &str = "notice notice-error";
/// A larger page is shown but not kept.
const MAX_PAGE_BYTES: usize = 2 * 1024 * 1024;

/// Addresses kept as they are, with their query (the lists' page and filter).
const EXACT: &[&str] = &[
    "/",
    "/accessibility",
    "/contact",
    "/counter-offices",
    "/forms",
    "/links",
];
/// Sections kept with every address under them.
const SECTIONS: &[&str] = &[
    "/news",
    "/laws",
    "/services",
    "/tenders",
    "/events",
    "/faq",
    "/water",
    "/research",
];

/// A kept page, cut where the per-visitor parts go.
struct Entry {
    stored: Instant,
    epoch: Epoch,
    headers: HeaderMap,
    /// The script nonce the page was rendered with (also in `headers`' policy).
    nonce: Option<String>,
    parts: Vec<Part>,
    bytes: usize,
    /// The page shows an error notice: it is shown to its visitor but not kept.
    shows_error: bool,
}

enum Part {
    Text(Bytes),
    Nonce,
    /// The visitor's address as the footer shows it (Persian digits).
    AddressShown,
    /// The address as data (the page's serialized state).
    Address,
    /// A content item's view figure (Persian digits).
    Views,
}

/// The writes begun in this process and the cache's own drops when a page was rendered.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Epoch(u64, u64);

pub struct PageCache {
    ttl: Duration,
    /// The view counts whose figures kept item pages show.
    views: Arc<Views>,
    generation: AtomicU64,
    pages: Mutex<HashMap<String, Arc<Entry>>>,
    /// The addresses being rendered now, each with a lock its renderer holds until done.
    rendering: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// The one render of an address under way: ends (and lets the waiting visitors look again)
/// when dropped, also when the visitor who started it goes away.
struct Render {
    cache: Arc<PageCache>,
    key: String,
    lock: Arc<tokio::sync::Mutex<()>>,
    _held: tokio::sync::OwnedMutexGuard<()>,
}

impl Drop for Render {
    fn drop(&mut self) {
        if let Ok(mut rendering) = self.cache.rendering.lock() {
            if rendering
                .get(&self.key)
                .is_some_and(|l| Arc::ptr_eq(l, &self.lock))
            {
                rendering.remove(&self.key);
            }
        }
    }
}

/// What a visitor who missed the cache does: render the page, or wait for its render.
enum Miss {
    Render(Render),
    Wait(Arc<tokio::sync::Mutex<()>>),
}

impl PageCache {
    /// A cache keeping pages for `ttl`; a zero `ttl` keeps none. Item pages show the
    /// figures of `views`.
    pub fn new(ttl: Duration, views: Arc<Views>) -> Self {
        PageCache {
            ttl,
            views,
            generation: AtomicU64::new(0),
            pages: Mutex::new(HashMap::new()),
            rendering: Mutex::new(HashMap::new()),
        }
    }

    /// Starts the render of `key`, or joins the one under way.
    fn miss(self: &Arc<Self>, key: &str) -> Option<Miss> {
        let mut rendering = self.rendering.lock().ok()?;
        if let Some(lock) = rendering.get(key) {
            return Some(Miss::Wait(lock.clone()));
        }
        let lock = Arc::new(tokio::sync::Mutex::new(()));
        let held = lock.clone().try_lock_owned().ok()?;
        rendering.insert(key.to_string(), lock.clone());
        Some(Miss::Render(Render {
            cache: self.clone(),
            key: key.to_string(),
            lock,
            _held: held,
        }))
    }

    fn epoch(&self) -> Epoch {
        Epoch(
            app::server::db::writes(),
            self.generation.load(Ordering::SeqCst),
        )
    }

    /// Drops every kept page.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut pages) = self.pages.lock() {
            pages.clear();
        }
    }

    /// How many pages are kept now.
    pub fn len(&self) -> usize {
        self.pages.lock().map(|p| p.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept page for `key` (an address with its query), if fresh; a content item's page
    /// shown this way counts its view.
    fn lookup(&self, key: &str, ip: Option<ClientIp>) -> Option<Response> {
        self.lookup_within(key, ip, self.ttl)
    }

    /// The kept page for `key` while it is being rendered again: one that expired less than a
    /// lifetime ago, if nothing was written since it was rendered.
    fn lookup_stale(&self, key: &str, ip: Option<ClientIp>) -> Option<Response> {
        self.lookup_within(key, ip, self.ttl * 2)
    }

    fn lookup_within(&self, key: &str, ip: Option<ClientIp>, age: Duration) -> Option<Response> {
        let entry = self.pages.lock().ok()?.get(key).cloned()?;
        if entry.epoch != self.epoch() || entry.stored.elapsed() >= age {
            return None;
        }
        let path = key.split('?').next().unwrap_or(key);
        Some(entry.answer(ip, self.views.count_at(path)))
    }

    /// Keeps `entry` unless something was written since it was rendered; says whether it did.
    fn store(&self, key: String, entry: Entry) -> bool {
        let Ok(mut pages) = self.pages.lock() else {
            return false;
        };
        if entry.epoch != self.epoch() {
            return false;
        }
        // Room is made by dropping what has expired, then the oldest pages: a run of new
        // addresses (random query strings) pushes out old pages, never the whole cache.
        if !pages.contains_key(&key) {
            let mut used: usize = pages.values().map(|e| e.bytes).sum();
            let full =
                |count: usize, used: usize| count >= MAX_PAGES || used + entry.bytes > MAX_BYTES;
            if full(pages.len(), used) {
                pages.retain(|_, e| e.stored.elapsed() < self.ttl);
                used = pages.values().map(|e| e.bytes).sum();
            }
            if full(pages.len(), used) {
                let mut by_age: Vec<(Instant, String)> =
                    pages.iter().map(|(k, e)| (e.stored, k.clone())).collect();
                by_age.sort();
                for (_, k) in by_age {
                    if !full(pages.len(), used) {
                        break;
                    }
                    if let Some(e) = pages.remove(&k) {
                        used -= e.bytes;
                    }
                }
            }
        }
        pages.insert(key, Arc::new(entry));
        true
    }
}

impl Entry {
    /// Cuts a rendered page at its nonce and address placeholders.
    fn cut(headers: HeaderMap, body: &[u8], epoch: Epoch) -> Option<Entry> {
        let text = std::str::from_utf8(body).ok()?;
        let nonce = headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(|p| p.split("'nonce-").nth(1))
            .and_then(|rest| rest.split('\'').next())
            .filter(|n| n.len() >= 16)
            .map(str::to_string);
        let mut marks: Vec<(usize, usize, Part)> = Vec::new();
        if let Some(n) = &nonce {
            marks.extend(
                text.match_indices(n.as_str())
                    .map(|(at, _)| (at, n.len(), Part::Nonce)),
            );
        }
        for (at, _) in text.match_indices(ClientIp::PLACEHOLDER) {
            let end = at + ClientIp::PLACEHOLDER.len();
            let shown = text[..at].ends_with('>') && text[end..].starts_with('<');
            let part = if shown {
                Part::AddressShown
            } else {
                Part::Address
            };
            marks.push((at, ClientIp::PLACEHOLDER.len(), part));
        }
        marks.extend(
            text.match_indices(VIEWS_PLACEHOLDER)
                .map(|(at, _)| (at, VIEWS_PLACEHOLDER.len(), Part::Views)),
        );
        marks.sort_by_key(|m| m.0);
        let whole = Bytes::copy_from_slice(body);
        let mut parts = Vec::with_capacity(2 * marks.len() + 1);
        let mut from = 0;
        for (at, len, part) in marks {
            parts.push(Part::Text(whole.slice(from..at)));
            parts.push(part);
            from = at + len;
        }
        parts.push(Part::Text(whole.slice(from..)));
        Some(Entry {
            stored: Instant::now(),
            epoch,
            headers,
            nonce,
            parts,
            bytes: body.len(),
            shows_error: text.contains(ERROR_NOTICE),
        })
    }

    /// The page for one visitor: a fresh nonce, their address, the item's view figure.
    fn answer(&self, ip: Option<ClientIp>, views: Option<i64>) -> Response {
        let views = views.map(app::persian::format_number).unwrap_or_default();
        let nonce = app::server::services::attachment::random_key();
        let address = ip.map(|ip| ip.0.to_string()).unwrap_or_default();
        let shown = app::persian::digits::to_persian_digits(&address);
        let mut body = Vec::with_capacity(self.bytes + 64);
        for part in &self.parts {
            match part {
                Part::Text(b) => body.extend_from_slice(b),
                Part::Nonce => body.extend_from_slice(nonce.as_bytes()),
                Part::AddressShown => body.extend_from_slice(shown.as_bytes()),
                Part::Address => body.extend_from_slice(address.as_bytes()),
                Part::Views => body.extend_from_slice(views.as_bytes()),
            }
        }
        let mut headers = self.headers.clone();
        if let (Some(old), Some(policy)) = (
            &self.nonce,
            headers
                .get(header::CONTENT_SECURITY_POLICY)
                .and_then(|v| v.to_str().ok()),
        ) {
            if let Ok(v) = HeaderValue::from_str(&policy.replace(old.as_str(), &nonce)) {
                headers.insert(header::CONTENT_SECURITY_POLICY, v);
            }
        }
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        res
    }
}

/// Whether a request may be answered from (and stored in) the cache.
fn cacheable(req: &Request<Body>) -> bool {
    if req.method() != Method::GET {
        return false;
    }
    let path = req.uri().path();
    let public = EXACT.contains(&path)
        || SECTIONS.iter().any(|s| {
            path.strip_prefix(s)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        });
    public && !app::server::auth::has_session_cookie(req.headers())
}

/// The middleware: answers from the cache, keeps what it may, drops everything after a
/// request that wrote.
pub async fn layer(cache: Arc<PageCache>, mut req: Request<Body>, next: Next) -> Response {
    if cache.ttl.is_zero() {
        return next.run(req).await;
    }
    if !cacheable(&req) {
        let before = app::server::db::writes();
        let res = next.run(req).await;
        if app::server::db::writes() != before {
            cache.invalidate();
        }
        return res;
    }
    let key = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let ip = req.extensions().get::<ClientIp>().copied();
    if let Some(res) = cache.lookup(&key, ip) {
        return res;
    }
    // A render that could not be kept (a write while it ran, an error, a cookie) is followed
    // by one more at a time, not by one per waiting visitor; after a few rounds a visitor
    // renders their own page.
    let mut render = None;
    for _ in 0..3 {
        match cache.miss(&key) {
            Some(Miss::Wait(lock)) => {
                // While the page is rendered again, the copy that just expired is shown if
                // nothing was written since: a page expiring under load holds nobody up but
                // its renderer.
                if let Some(res) = cache.lookup_stale(&key, ip) {
                    return res;
                }
                let waited = Instant::now();
                drop(lock.lock().await);
                let ms = waited.elapsed().as_millis() as u64;
                tracing::debug!(page = %key, ms, "waited for a render");
                if let Some(res) = cache.lookup(&key, ip) {
                    return res;
                }
            }
            Some(Miss::Render(r)) => {
                render = Some(r);
                break;
            }
            None => break,
        }
    }
    let epoch = cache.epoch();
    let began = Instant::now();
    req.extensions_mut().insert(RenderedForCache);
    let res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !html {
        return res;
    }
    // Every page rendered for the cache carries the placeholders, kept or not (a 404, a page
    // that sets a cookie, one too large).
    let keep = res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE);
    let (parts, body) = res.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(page = %key, "page broken off while rendering: {e}");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut headers = parts.headers.clone();
    headers.remove(header::CONTENT_LENGTH);
    match Entry::cut(headers, &body, epoch) {
        Some(entry) => {
            let path = key.split('?').next().unwrap_or(&key);
            let mut res = entry.answer(ip, cache.views.shown_at(path));
            *res.status_mut() = parts.status;
            // A page that met an error on the way (a list the database did not give, the
            // footer) is rendered with a 200 — Leptos has sent the status by then — and is
            // shown to this visitor only.
            let ms = began.elapsed().as_millis() as u64;
            let kept = keep
                && !entry.shows_error
                && entry.bytes <= MAX_PAGE_BYTES
                && cache.store(key.clone(), entry);
            tracing::debug!(page = %key, ms, kept, "page rendered");
            drop(render);
            res
        }
        None => Response::from_parts(parts, Body::from(body)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(epoch: Epoch, text: &str) -> Entry {
        Entry::cut(HeaderMap::new(), text.as_bytes(), epoch).unwrap()
    }

    #[test]
    fn a_full_cache_drops_its_oldest_pages_not_all() {
        let cache = PageCache::new(Duration::from_secs(60), Arc::default());
        for i in 0..MAX_PAGES {
            cache.store(format!("/news?page={i}"), page(cache.epoch(), "<p>خبر</p>"));
        }
        assert_eq!(cache.len(), MAX_PAGES);
        cache.store("/laws".into(), page(cache.epoch(), "<p>قانون</p>"));
        assert_eq!(cache.len(), MAX_PAGES);
        let pages = cache.pages.lock().unwrap();
        assert!(pages.contains_key("/laws"));
        assert!(!pages.contains_key("/news?page=0"), "the oldest went");
        assert!(pages.contains_key("/news?page=1"));
        drop(pages);
        // Storing an address again replaces it without pushing anything out.
        cache.store("/laws".into(), page(cache.epoch(), "<p>قانون ۲</p>"));
        assert_eq!(cache.len(), MAX_PAGES);
        assert!(cache.pages.lock().unwrap().contains_key("/news?page=1"));
    }

    /// One page, `/news`, behind a cache: its n-th render (from 1) answers `<p>n</p>` after
    /// `delay(n)`, setting a cookie when `cookie(n)`.
    struct Site {
        app: axum::Router,
        renders: Arc<AtomicU64>,
    }

    impl Site {
        fn new(cache: Arc<PageCache>, delay: fn(u64) -> Duration, cookie: fn(u64) -> bool) -> Self {
            let renders = Arc::new(AtomicU64::new(0));
            let counted = renders.clone();
            let app = axum::Router::new()
                .route(
                    "/news",
                    axum::routing::get(move || {
                        let n = counted.fetch_add(1, Ordering::SeqCst) + 1;
                        async move {
                            tokio::time::sleep(delay(n)).await;
                            let mut res = (
                                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                                format!("<p>{n}</p>"),
                            )
                                .into_response();
                            if cookie(n) {
                                res.headers_mut()
                                    .insert(header::SET_COOKIE, HeaderValue::from_static("a=b"));
                            }
                            res
                        }
                    }),
                )
                .layer(axum::middleware::from_fn(move |req, next| {
                    layer(cache.clone(), req, next)
                }));
            Site { app, renders }
        }

        /// A visit's status and page.
        async fn visit(&self) -> (StatusCode, String) {
            use tower::ServiceExt;
            let res = self
                .app
                .clone()
                .oneshot(
                    axum::http::Request::get("/news")
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8(body.to_vec()).unwrap())
        }

        fn renders(&self) -> u64 {
            self.renders.load(Ordering::SeqCst)
        }
    }

    #[tokio::test]
    async fn visitors_who_miss_together_wait_for_one_render() {
        let cache = Arc::new(PageCache::new(Duration::from_secs(60), Arc::default()));
        let site = Site::new(cache.clone(), |_| Duration::from_millis(200), |_| false);
        let answers = futures_util::future::join_all((0..20).map(|_| site.visit())).await;
        for a in answers {
            assert_eq!(a, (StatusCode::OK, "<p>1</p>".to_string()));
        }
        assert_eq!(site.renders(), 1, "rendered once for twenty");
        assert!(cache.rendering.lock().unwrap().is_empty());

        // A visitor who leaves mid-render does not hold the others up: the next one renders.
        cache.invalidate();
        let left = tokio::time::timeout(Duration::from_millis(50), site.visit()).await;
        assert!(left.is_err(), "still rendering when the visitor left");
        assert!(cache.rendering.lock().unwrap().is_empty());
        assert_eq!(site.visit().await.0, StatusCode::OK);
        assert_eq!(site.renders(), 3);
    }

    #[tokio::test]
    async fn a_render_that_could_not_be_kept_is_followed_by_one_more_not_one_each() {
        let cache = Arc::new(PageCache::new(Duration::from_secs(60), Arc::default()));
        // The first render sets a cookie, so it is not kept.
        let site = Site::new(cache, |_| Duration::from_millis(100), |n| n == 1);
        let answers = futures_util::future::join_all((0..20).map(|_| site.visit())).await;
        assert!(answers.iter().all(|a| a.0 == StatusCode::OK));
        assert_eq!(site.renders(), 2, "rendered twice for twenty");
    }

    // On a paused clock that moves only when every task waits: the same steps each run,
    // however slow the machine.
    #[tokio::test(start_paused = true)]
    async fn while_an_expired_page_is_rendered_again_the_others_see_the_old_copy() {
        let cache = Arc::new(PageCache::new(Duration::from_millis(300), Arc::default()));
        let slow_again = |n: u64| Duration::from_millis(if n > 1 { 400 } else { 0 });
        let site = Arc::new(Site::new(cache.clone(), slow_again, |_| false));
        assert_eq!(site.visit().await.1, "<p>1</p>");
        tokio::time::sleep(Duration::from_millis(350)).await;
        // The page has expired: the first visitor renders it again (400 ms) and the ones who
        // come meanwhile are answered at once with the copy from before.
        let renderer = tokio::spawn({
            let site = site.clone();
            async move { site.visit().await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(
            site.visit().await.1,
            "<p>1</p>",
            "the old copy, not the wait"
        );
        assert_eq!(renderer.await.unwrap().1, "<p>2</p>");
        assert_eq!(site.visit().await.1, "<p>2</p>");
        assert_eq!(site.renders(), 2);

        // Past twice the lifetime, or after a write, the old copy is not shown.
        let ip = None;
        assert!(cache.lookup_stale("/news", ip).is_some());
        tokio::time::sleep(Duration::from_millis(650)).await;
        assert!(cache.lookup_stale("/news", ip).is_none());
        let moved = Epoch(cache.epoch().0, cache.epoch().1 + 1);
        cache
            .pages
            .lock()
            .unwrap()
            .insert("/laws".into(), Arc::new(page(moved, "<p>قانون</p>")));
        assert!(cache.lookup_stale("/laws", ip).is_none());
    }

    #[test]
    fn a_page_from_before_a_drop_is_not_stored() {
        let cache = PageCache::new(Duration::from_secs(60), Arc::default());
        let old = cache.epoch();
        cache.invalidate();
        cache.store("/".into(), page(old, "<p>کهنه</p>"));
        assert!(cache.is_empty());
    }

    #[test]
    fn the_error_notice_is_found_anywhere_in_the_page() {
        let e = page(
            Epoch(0, 0),
            &format!(
                "<p>{}</p><p class=\"notice notice-error\" role=\"alert\">خطا</p>",
                ClientIp::PLACEHOLDER
            ),
        );
        assert!(e.shows_error);
        assert!(!page(Epoch(0, 0), "<p>درست</p>").shows_error);
    }
}
