//! What a failed server function answers. Server functions report every error as HTTP 500;
//! this middleware reads the error (our `AppError`, JSON) and gives it its real status
//! (401, 403, 404, 422, 429 ...). For a plain HTML form post (no JavaScript yet), it sends
//! the browser back to the form's page with the error in the address (`__path`, `__err`),
//! where Leptos hands it to the form's action, so the page shows the Persian message.

use app::error::AppError;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use leptos::server_fn::error::{ServerFnUrlError, SERVER_FN_ERROR_HEADER};

pub async fn map_errors(req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let plain_form = req.method() == Method::POST
        && req
            .headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"));
    let referer = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let path = req.uri().path().to_string();
    let mut res = next.run(req).await;
    if !res.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        if let (true, Some(back)) = (plain_form, referer) {
            mark_done(&mut res, &back, &path);
        }
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    let error: Option<AppError> = serde_json::from_slice(&bytes).ok();
    if let (true, Some(mut back), Some(error)) = (plain_form, referer, error.clone()) {
        ServerFnUrlError::<AppError>::strip_error_info(&mut back);
        if let Ok(url) = ServerFnUrlError::new(&path, error).to_url(&back) {
            if let Ok(location) = HeaderValue::from_str(url.as_str()) {
                parts.status = StatusCode::SEE_OTHER;
                parts.headers.insert(header::LOCATION, location);
                return Response::from_parts(parts, Body::from(bytes));
            }
        }
    }
    if let Some(error) = error {
        parts.status = error.status();
        parts.headers.remove(header::LOCATION);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A plain form post that succeeded goes back to its page (Leptos's redirect to the
/// Referer): the address then says which server function succeeded (`done=`), with any earlier
/// error and `done` taken out, so the page can say so. A server function's own redirect
/// elsewhere is left as it is.
fn mark_done(res: &mut Response, back: &str, path: &str) {
    // Leptos's redirect is the Referer without any earlier error, sometimes with a bare `?`.
    let clean = |url: &str| {
        let mut url = url.to_string();
        ServerFnUrlError::<AppError>::strip_error_info(&mut url);
        url.trim_end_matches('?').to_string()
    };
    let back = clean(back);
    let to_referer = res.status() == StatusCode::FOUND
        && res
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|l| clean(l) == back);
    if !to_referer {
        return;
    }
    let (base, query) = back.split_once('?').unwrap_or((back.as_str(), ""));
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("done="))
        .collect();
    let done = format!("done={path}");
    kept.push(&done);
    let location = format!("{base}?{}", kept.join("&"));
    if let Ok(v) = HeaderValue::from_str(&location) {
        *res.status_mut() = StatusCode::SEE_OTHER;
        res.headers_mut().insert(header::LOCATION, v);
    }
}
