//! Advanced forms over HTTP: the REST calls `/api/v1/forms/{id}` (the published definition),
//! `/api/v1/forms/{id}/submissions` (a JSON submission; file fields cannot be sent this
//! way, so a form with a required file field is filled on the portal) and
//! `/api/v1/submissions/{code}`; and the administrator's export of a form's submissions,
//! `/staff/forms/{id}/export?format=csv|xlsx`; and the accountability report as CSV,
//! `/admin/accountability.csv?days=N`; and the visitor analytics as CSV,
//! `/admin/analytics.csv?days=N`.

use crate::rest::{acting, iso, parse, ApiError};
use crate::router::AppState;
use app::error::AppError;
use app::model::PostKind;
use app::server::request::ClientIp;
use app::server::services::forms::{export, submit};
use app::server::services::permission::Acting;
use app::server::services::spreadsheet;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/forms/{id}", get(definition))
        .route(
            "/api/v1/forms/{id}/submissions",
            axum::routing::post(submission),
        )
        .route("/api/v1/submissions/{code}", get(lookup))
        .route("/staff/forms/{id}/export", get(export_submissions))
        .route("/admin/accountability.csv", get(export_accountability))
        .route("/admin/analytics.csv", get(export_analytics))
}

#[derive(Deserialize)]
struct WindowQuery {
    days: Option<String>,
}

impl WindowQuery {
    /// `days` in any digits, or `default` when absent or not a number; at most ten years.
    fn days_or(&self, default: u32) -> u32 {
        self.days
            .as_deref()
            .map(app::persian::normalize_digits)
            .and_then(|d| d.trim().parse::<u32>().ok())
            .unwrap_or(default)
            .min(3650)
    }
}

/// The signed-in administrator's CSV of `report` over the query's window.
async fn admin_csv<T, F>(
    state: &AppState,
    headers: &HeaderMap,
    ip: Option<Extension<ClientIp>>,
    file_name: &str,
    report: impl FnOnce(Acting) -> F,
    csv: impl FnOnce(&T) -> String,
) -> Response
where
    F: std::future::Future<Output = Result<T, AppError>>,
{
    let acting = match acting_from(state, headers, ip).await {
        Ok(a) => a,
        Err(e) => return refused(e),
    };
    match report(acting).await {
        Ok(r) => download("text/csv; charset=utf-8", file_name, csv(&r).into_bytes()),
        Err(e) => refused(e),
    }
}

/// The accountability report as CSV (the administrator only), over the same window as the
/// page (`days`, 0 or absent: all time).
async fn export_accountability(
    State(state): State<AppState>,
    Query(q): Query<WindowQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    use app::server::services::accountability;
    let days = q.days_or(0);
    let db = state.db.clone();
    admin_csv(
        &state,
        &headers,
        ip,
        "accountability.csv",
        |acting| async move {
            accountability::report(&db, &acting, days, chrono::Utc::now()).await
        },
        accountability::csv,
    )
    .await
}

/// The visitor analytics as CSV (the administrator only), over the page's period.
async fn export_analytics(
    State(state): State<AppState>,
    Query(q): Query<WindowQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    use app::server::services::visitors;
    let days = q.days_or(30);
    let db = state.db.clone();
    let now = chrono::Utc::now().timestamp();
    admin_csv(
        &state,
        &headers,
        ip,
        "visitors.csv",
        |acting| async move { visitors::analytics(&db, &acting, days, now).await },
        visitors::csv,
    )
    .await
}

/// A file for the signed-in person to save: never cached by anyone, never sniffed.
fn download(media: &str, file_name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, media.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        body,
    )
        .into_response()
}

async fn definition(
    State(state): State<AppState>,
    Path(id): Path<i32>,
) -> Result<Json<Value>, ApiError> {
    let f = submit::public_form(&state.db, &Acting::default(), id).await?;
    Ok(Json(json!({
        "id": f.summary.id,
        "version": f.version,
        "title": f.summary.title,
        "description": f.summary.description,
        "signed_in_only": f.summary.signed_in_only,
        "open": f.summary.closed_reason.is_none(),
        "closed_reason": f.summary.closed_reason,
        "fields": f.fields.iter().map(|d| json!({
            "key": d.key,
            "kind": d.kind.as_str(),
            "label": d.label,
            "help": d.help,
            "required": d.required,
            "min": d.min,
            "max": d.max,
            "options": d.options,
        })).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
struct NewSubmission {
    #[serde(default)]
    answers: HashMap<String, Value>,
    #[serde(default)]
    consent: bool,
    /// The version the answers were written for; refused if another is published.
    #[serde(default)]
    version: Option<i32>,
}

async fn submission(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    Path(id): Path<i32>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let s: NewSubmission = parse(&body)?;
    let mut values = HashMap::new();
    for (key, v) in s.answers {
        let list = match v {
            Value::Array(items) => items.iter().map(text_of).collect(),
            other => vec![text_of(&other)],
        };
        values.insert(key, list);
    }
    let input = submit::NewSubmission {
        form_id: id,
        version: s.version,
        values,
        consent: s.consent,
    };
    let code = submit::submit(&state.db, &acting(ip), &input, None).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "tracking_code": code,
            "tracking_code_display": app::tracking_code::display(&code),
        })),
    ))
}

/// A JSON answer as typed text: strings as they are, numbers and booleans (`yes`/`no`).
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".into(),
        Value::Bool(false) => "no".into(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

async fn lookup(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    Path(code): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let ip = acting(ip).ip;
    let s = match submit::lookup(&state.db, ip.as_deref(), &code).await {
        Err(e) if e == submit::not_found() => return Err(ApiError::not_found()),
        other => other?,
    };
    Ok(Json(json!({
        "tracking_code": s.tracking_code,
        "form_id": s.form_id,
        "form_title": s.form_title,
        "version": s.version,
        "status": s.status.as_str(),
        "status_label": s.status.public_label(),
        "created_at": iso(s.created_at),
        "updated_at": iso(s.updated_at),
        "answers": s.answers.iter().map(|a| json!({ "key": a.key, "label": a.label, "text": a.text })).collect::<Vec<_>>(),
        "thread": s.posts.iter().map(|p| json!({
            "from": if p.kind == PostKind::Staff { "staff" } else { "citizen" },
            "author": p.author,
            "body": p.body,
            "at": iso(p.at),
        })).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
struct ExportQuery {
    #[serde(default)]
    format: Option<String>,
}

pub(crate) fn refused(error: AppError) -> Response {
    (
        error.status(),
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        error.to_string(),
    )
        .into_response()
}

/// Who is asking, from the session cookie, for the downloads outside server functions.
pub(crate) async fn acting_from(
    state: &AppState,
    headers: &HeaderMap,
    ip: Option<Extension<ClientIp>>,
) -> Result<Acting, AppError> {
    let actor = app::server::auth::actor_from_headers(&state.db, &state.session, headers).await?;
    Ok(Acting {
        actor,
        ip: ip.map(|Extension(ClientIp(ip))| ip.to_string()),
    })
}

async fn export_submissions(
    State(state): State<AppState>,
    Path(id): Path<i32>,
    Query(q): Query<ExportQuery>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Response {
    let acting = match acting_from(&state, &headers, ip).await {
        Ok(a) => a,
        Err(e) => return refused(e),
    };
    let xlsx = match q.format.as_deref() {
        None | Some("csv") => false,
        Some("xlsx") => true,
        Some(_) => {
            return refused(AppError::validation(
                "format",
                "قالب باید csv یا xlsx باشد.",
            ))
        }
    };
    let e = match export::submissions(&state.db, &acting, id).await {
        Ok(e) => e,
        Err(err) => return refused(err),
    };
    let (body, media, ext) = if xlsx {
        match spreadsheet::xlsx(&e.sheet, &e.header, &e.rows) {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(err) => return refused(err),
        }
    } else {
        (
            spreadsheet::csv(&e.header, &e.rows).into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        )
    };
    download(media, &format!("{}.{ext}", e.file_stem), body)
}

/// The forms paths of the OpenAPI document.
pub fn openapi_paths() -> Value {
    let err = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "integer", "format": "int32", "minimum": 1, "maximum": i32::MAX } });
    let code =
        json!({ "name": "code", "in": "path", "required": true, "schema": { "type": "string" } });
    let field = json!({ "type": "object", "properties": {
        "key": { "type": "string", "description": "The answer's name in a submission (f1, f2, …); stable across versions" },
        "kind": { "type": "string", "enum": ["short_text", "long_text", "number", "date", "choice", "multi_choice", "yes_no", "national_id", "mobile", "email", "file"] },
        "label": { "type": "string" }, "help": { "type": "string" }, "required": { "type": "boolean" },
        "min": { "type": "string", "description": "Characters, value, Jalali date (1404/01/01), selections or files, by kind; empty for none" },
        "max": { "type": "string" }, "options": { "type": "array", "items": { "type": "string" } }
    }});
    json!({
        "/api/v1/forms/{id}": { "get": {
            "summary": "A form's published definition (its current version)",
            "parameters": [id],
            "responses": {
                "200": { "description": "The form", "content": { "application/json": { "schema": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "version": { "type": "integer" }, "title": { "type": "string" }, "description": { "type": "string" },
                    "signed_in_only": { "type": "boolean" }, "open": { "type": "boolean" }, "closed_reason": { "type": ["string", "null"] },
                    "fields": { "type": "array", "items": field }
                } } } } },
                "400": err("The id is not a number"),
                "404": err("No such published form")
            }
        }},
        "/api/v1/forms/{id}/submissions": { "post": {
            "summary": "Submit a form (files cannot be sent this way)",
            "parameters": [id],
            "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "properties": {
                "answers": { "type": "object", "description": "By field key: a string (yes/no for yes_no; a Jalali date for date; digits in any script), or an array of options for multi_choice", "additionalProperties": { "oneOf": [{ "type": "string" }, { "type": "array", "items": { "type": "string" } }, { "type": "boolean" }, { "type": "number" }] } },
                "consent": { "type": "boolean", "description": "The submitter lets the answer be published without personal data" }
            } } } } },
            "responses": {
                "201": { "description": "Submitted", "content": { "application/json": { "schema": { "type": "object", "properties": { "tracking_code": { "type": "string" }, "tracking_code_display": { "type": "string" } } } } } },
                "400": err("A field is wrong (field names its label), the form is closed, or invalid JSON"),
                "401": err("The form is for signed-in users"),
                "404": err("No such published form"),
                "429": err("Too many submissions from this address")
            }
        }},
        "/api/v1/submissions/{code}": { "get": {
            "summary": "A submission by tracking code: its status, answers (identifiers masked) and the expert's replies",
            "parameters": [code],
            "responses": { "200": { "description": "The submission" }, "404": err("No submission with this code"), "429": err("Too many lookups") }
        }}
    })
}
