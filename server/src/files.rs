//! Attachments over HTTP: `GET /files/{key}` (with `?code=` for a citizen's ticket) serves a
//! stored file to whoever its owner allows, always as a download with its checked type,
//! `nosniff`, a sandboxing CSP; a public file is revalidated on every use (its `ETag`),
//! any other is never cached. And the guard that lets only multipart bodies reach the server
//! functions that take files.

use crate::router::AppState;
use app::error::AppError;
use app::server::request::ClientIp;
use app::server::services::{attachment, permission::Acting};
use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use leptos::server_fn::error::SERVER_FN_ERROR_HEADER;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct DownloadQuery {
    #[serde(default)]
    code: Option<String>,
}

fn refused(error: AppError) -> Response {
    // Whatever the reason a file is refused (no right, a wrong or malformed code), the
    // answer is the same «not found»; only limits and outages say what they are.
    let error = match error {
        e @ (AppError::RateLimited | AppError::Unavailable | AppError::Internal) => e,
        _ => AppError::NotFound,
    };
    let (status, message) = (error.status(), error.to_string());
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        message,
    )
        .into_response()
}

/// `filename*` (RFC 5987) with an ASCII fallback, so any browser saves it under its name.
fn disposition(name: &str) -> HeaderValue {
    let mut encoded = String::new();
    for b in name.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => encoded.push(b as char),
            _ => encoded.push_str(&format!("%{b:02X}")),
        }
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("bin");
    let ascii: String = format!("attachment.{ext}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

pub async fn download(
    State(state): State<AppState>,
    Path(key): Path<String>,
    Query(query): Query<DownloadQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let actor =
        match app::server::auth::actor_from_headers(&state.db, &state.session, &headers).await {
            Ok(a) => a,
            Err(e) => return refused(e),
        };
    let acting = Acting {
        actor,
        ip: ip.map(|Extension(ClientIp(ip))| ip.to_string()),
    };
    let (row, public) =
        match attachment::authorize(&state.db, &acting, &key, query.code.as_deref()).await {
            Ok(found) => found,
            Err(e) => return refused(e),
        };
    // A public file is checked again on every use (a file can stop being public: an edit
    // removes it, its item is narrowed or withdrawn); unchanged, it costs a 304.
    let etag = format!("\"{}\"", row.sha256);
    if public
        && headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, "public, no-cache".to_string()),
            ],
        )
            .into_response();
    }
    let bytes = match state.uploads.read(&row.storage_key).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(key = %row.storage_key, "attachment missing on disk: {e}");
            return refused(AppError::NotFound);
        }
    };
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&row.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    // Images of published content show inline (in pages and as Open Graph images); every
    // other file is a download.
    let inline = public && row.media_type.starts_with("image/");
    h.insert(
        header::CONTENT_DISPOSITION,
        if inline {
            HeaderValue::from_static("inline")
        } else {
            disposition(&row.file_name)
        },
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, no-cache"
        } else {
            "private, no-store"
        }),
    );
    if public {
        if let Ok(v) = HeaderValue::from_str(&etag) {
            h.insert(header::ETAG, v);
        }
    }
    res
}

/// Server functions that read files get only multipart bodies: their decoder would panic on
/// anything else. Others pass untouched.
pub async fn multipart_only(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if req.method() == Method::POST && app::api::is_multipart(path) {
        let ok = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.to_ascii_lowercase().starts_with("multipart/form-data")
                    && ct.contains("boundary=")
            });
        if !ok {
            let error =
                AppError::validation("فرم", "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.");
            let body = serde_json::to_string(&error).unwrap_or_default();
            let mut res = (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response();
            // Marked as a server function's error, so `fn_errors` gives it its status.
            res.headers_mut().insert(
                SERVER_FN_ERROR_HEADER,
                HeaderValue::from_str(path).unwrap_or(HeaderValue::from_static("/")),
            );
            return res;
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn disposition_keeps_persian_names() {
        let v = super::disposition("نامه ۱.pdf");
        let s = v.to_str().unwrap();
        assert!(s.starts_with("attachment; filename=\"attachment.pdf\"; filename*=UTF-8''"));
        assert!(s.contains("%D9%86")); // ن
        assert!(!s.contains('۱'), "no raw non-ASCII in a header value");
    }
}
