//! Static files from the built site: pre-compressed brotli and gzip variants are chosen by
//! `Accept-Encoding`; hashed `pkg/` files are cached for a year, other files for a day.
//! Headers every response carries are set here too.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::header::{HeaderValue, CACHE_CONTROL, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use std::path::Path;
use tower_http::services::ServeDir;

/// Serves `site_root`, preferring `.br` and `.gz` siblings that the release build wrote.
pub fn serve_dir(site_root: &Path) -> ServeDir {
    ServeDir::new(site_root)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(false)
}

/// Cache lifetime for a static path: the build names `pkg/` files by content hash when
/// `hash-files` is on, so they never change under one name.
pub fn cache_control_for(path: &str, hashed: bool) -> &'static str {
    if path.starts_with("/api/") || path == "/healthz" {
        "private, no-cache"
    } else if path.starts_with("/pkg/") && hashed {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/fonts/") {
        "public, max-age=2592000"
    } else {
        "public, max-age=86400"
    }
}

/// Adds `X-Content-Type-Options` and `Referrer-Policy` to every response, and a
/// `Cache-Control` to successful static responses that have none (HTML pages set
/// `private, no-cache` themselves).
pub async fn headers(hashed: bool, req: Request<Body>, next: Next) -> Response {
    // Decided from the path before the request is handed on, so nothing is copied.
    let by_path = cache_control_for(req.uri().path(), hashed);
    let mut res = next.run(req).await;
    let success = res.status().is_success();
    let h = res.headers_mut();
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    let is_html = h
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if success && !h.contains_key(CACHE_CONTROL) {
        let value = if is_html {
            "private, no-cache"
        } else {
            by_path
        };
        h.insert(CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

#[cfg(test)]
mod tests {
    use super::cache_control_for;

    #[test]
    fn hashed_pkg_files_are_immutable() {
        assert!(cache_control_for("/pkg/portal.abc123.wasm", true).contains("immutable"));
        assert!(!cache_control_for("/pkg/portal.wasm", false).contains("immutable"));
        assert!(!cache_control_for("/favicon.svg", true).contains("immutable"));
    }
}
