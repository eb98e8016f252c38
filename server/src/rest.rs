//! The public REST API, `/api/v1`, for the national service desk, SMS gateways and mobile
//! apps: ticket categories, filing and following tickets, sending and following messages.
//! The same services, limits and validation as the pages. Errors are JSON
//! `{"code", "message", "field"?}` with a stable machine `code`, a Persian `message`, and
//! the right status (400 bad input, 404 unknown code, 429 too many requests).

use crate::router::AppState;
use app::error::AppError;
use app::model::{MessageKind, PostKind};
use app::server::request::ClientIp;
use app::server::services::permission::Acting;
use app::server::services::{message, ticket};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/ticket-categories", get(categories))
        .route("/api/v1/tickets", post(file_ticket))
        .route("/api/v1/tickets/{code}", get(get_ticket))
        .route("/api/v1/tickets/{code}/replies", post(reply_ticket))
        .route("/api/v1/messages", post(send_message))
        .route("/api/v1/messages/{code}", get(get_message))
}

/// An API error: status, stable code, Persian message.
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
}

impl ApiError {
    fn bad_json(e: serde_json::Error) -> Self {
        tracing::debug!(error = %e, "bad JSON body");
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "invalid_json",
            message: "بدنه‌ی درخواست JSON درستی نیست یا فیلدی کم دارد.".into(),
            field: None,
        }
    }

    pub(crate) fn not_found() -> Self {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: "موردی با این کد رهگیری پیدا نشد.".into(),
            field: None,
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        let message = e.to_string();
        let (status, code, field) = match &e {
            AppError::Validation { field, .. } => {
                (StatusCode::BAD_REQUEST, "validation", Some(field.clone()))
            }
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found", None),
            AppError::RateLimited => (StatusCode::TOO_MANY_REQUESTS, "rate_limited", None),
            AppError::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated", None),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden", None),
            AppError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "unavailable", None),
            AppError::Transport => (StatusCode::BAD_REQUEST, "bad_request", None),
            AppError::Internal => (StatusCode::INTERNAL_SERVER_ERROR, "internal", None),
        };
        ApiError {
            status,
            code,
            message,
            field,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "code": self.code, "message": self.message });
        if let Some(f) = self.field {
            body["field"] = json!(f);
        }
        (self.status, Json(body)).into_response()
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// Every error of `/api/v1` is the API's JSON error, including the ones answered before a
/// handler runs (an address that is no route, a path or query that does not parse, a wrong
/// method, a body too large), which are plain text or the HTML 404 page. Their headers (such
/// as `Allow`) are kept.
pub async fn json_errors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if !req.uri().path().starts_with("/api/v1/") {
        return next.run(req).await;
    }
    let res = next.run(req).await;
    let status = res.status();
    let json = res
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if json || !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "چنین نشانی‌ای در API نیست."),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "این نشانی این روش درخواست را نمی‌پذیرد.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", "بدنه‌ی درخواست بزرگ‌تر از حد مجاز است."),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            ("unsupported_media_type", "بدنه‌ی درخواست باید JSON باشد.")
        }
        s if s.is_server_error() => ("internal", "خطایی در سامانه رخ داد؛ کمی بعد دوباره بکوشید."),
        _ => (
            "bad_request",
            "درخواست درست نیست: نشانی و پارامترهای آن را بررسی کنید.",
        ),
    };
    tracing::debug!(%status, "a plain-text API error answered as JSON");
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let error = ApiError {
        status,
        code,
        message: message.into(),
        field: None,
    };
    let (error_parts, body) = error.into_response().into_parts();
    parts.headers.extend(error_parts.headers);
    Response::from_parts(parts, body)
}

pub(crate) fn acting(ip: Option<Extension<ClientIp>>) -> Acting {
    Acting::anonymous(ip.map(|Extension(ClientIp(ip))| ip.to_string()))
}

pub(crate) fn parse<T: for<'de> Deserialize<'de>>(body: &Bytes) -> ApiResult<T> {
    serde_json::from_slice(body).map_err(ApiError::bad_json)
}

pub(crate) fn iso(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

#[derive(Serialize)]
struct Category {
    id: i32,
    title: String,
    response_working_days: i32,
}

async fn categories(State(state): State<AppState>) -> ApiResult<Json<Vec<Category>>> {
    Ok(Json(
        ticket::categories(&state.db)
            .await?
            .into_iter()
            .map(|c| Category {
                id: c.id,
                title: c.title,
                response_working_days: c.response_days,
            })
            .collect(),
    ))
}

#[derive(Deserialize)]
struct NewTicket {
    name: String,
    #[serde(default)]
    mobile: Option<String>,
    #[serde(default)]
    email: Option<String>,
    category: i32,
    subject: String,
    body: String,
}

async fn file_ticket(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let t: NewTicket = parse(&body)?;
    let receipt = ticket::file(
        &state.db,
        &acting(ip),
        &ticket::NewTicket {
            name: t.name,
            mobile: t.mobile.unwrap_or_default(),
            email: t.email.unwrap_or_default(),
            category_id: t.category,
            subject: t.subject,
            body: t.body,
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "tracking_code": receipt.tracking_code,
            "tracking_code_display": app::tracking_code::display(&receipt.tracking_code),
            "subject": receipt.subject,
            "category": receipt.category,
            "created_at": iso(receipt.created_at),
            "due_at": iso(receipt.due_at),
        })),
    ))
}

async fn get_ticket(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    Path(code): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let ip = acting(ip).ip;
    let t = match ticket::lookup(&state.db, ip.as_deref(), &code).await {
        Err(e) if e == ticket::not_found() => return Err(ApiError::not_found()),
        other => other?,
    };
    Ok(Json(json!({
        "tracking_code": t.tracking_code,
        "status": t.status.as_str(),
        "status_label": t.status.label(),
        "subject": t.subject,
        "category": t.category,
        "created_at": iso(t.created_at),
        "updated_at": iso(t.updated_at),
        "rating": t.rating,
        "thread": t.posts.iter().map(|p| json!({
            "from": if p.kind == PostKind::Staff { "staff" } else { "citizen" },
            "author": p.author,
            "body": p.body,
            "at": iso(p.at),
        })).collect::<Vec<_>>(),
    })))
}

#[derive(Deserialize)]
struct Reply {
    body: String,
}

async fn reply_ticket(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    Path(code): Path<String>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let r: Reply = parse(&body)?;
    match ticket::follow_up(&state.db, &acting(ip), &code, &r.body).await {
        Err(e) if e == ticket::not_found() => Err(ApiError::not_found()),
        Err(e) => Err(e.into()),
        Ok(()) => Ok((StatusCode::CREATED, Json(json!({ "ok": true })))),
    }
}

#[derive(Deserialize)]
struct NewMessage {
    kind: String,
    subject: String,
    body: String,
    #[serde(default)]
    contact: Option<String>,
}

async fn send_message(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    let m: NewMessage = parse(&body)?;
    let kind = MessageKind::parse(&m.kind).ok_or_else(|| {
        ApiError::from(AppError::validation(
            "kind",
            "نوع پیام باید suggestion، criticism یا appreciation باشد.",
        ))
    })?;
    let code = message::send(
        &state.db,
        &acting(ip),
        kind,
        &m.subject,
        &m.body,
        m.contact.as_deref().unwrap_or(""),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "tracking_code": code,
            "tracking_code_display": app::tracking_code::display(&code),
        })),
    ))
}

async fn get_message(
    State(state): State<AppState>,
    ip: Option<Extension<ClientIp>>,
    Path(code): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let ip = acting(ip).ip;
    let m = match message::lookup(&state.db, ip.as_deref(), &code).await {
        Err(e) if e == message::not_found() => return Err(ApiError::not_found()),
        other => other?,
    };
    Ok(Json(json!({
        "tracking_code": m.tracking_code,
        "kind": m.kind.as_str(),
        "subject": m.subject,
        "status": m.status.as_str(),
        "status_label": m.status.public_label(),
        "created_at": iso(m.created_at),
        "reply": m.reply,
        "replied_at": m.replied_at.map(iso),
    })))
}

/// The OpenAPI 3.1 description of `/api/v1`, with the ticket categories open today.
async fn openapi(State(state): State<AppState>) -> ApiResult<Json<serde_json::Value>> {
    let mut doc = openapi_document();
    let ids: Vec<i32> = ticket::categories(&state.db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect();
    doc["components"]["schemas"]["NewTicket"]["properties"]["category"]["enum"] = json!(ids);
    if let Some(paths) = doc["paths"].as_object_mut() {
        for more in [
            crate::open_data::openapi_paths(),
            crate::forms_api::openapi_paths(),
        ] {
            if let serde_json::Value::Object(more) = more {
                paths.extend(more);
            }
        }
    }
    Ok(Json(doc))
}

fn openapi_document() -> serde_json::Value {
    let error = json!({ "$ref": "#/components/schemas/Error" });
    let err = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": error } } });
    // What the services accept, as far as JSON Schema says it: at least `min` characters
    // that are not all space at either end, at most `max` in all. (Rust's white space also
    // counts U+0085, which a JSON Schema `\s` does not.)
    let text = |min: usize, max: usize| json!({ "type": "string", "maxLength": max, "pattern": format!("[^\\s\u{85}][\\s\\S]{{{},}}[^\\s\u{85}]", min - 2) });
    let mobile = json!({ "type": ["string", "null"], "pattern": "^$|^(0|\\+98|0098)?9[0-9]{9}$", "description": "09123456789, +989123456789 (also accepted: Persian digits and separators)" });
    let email = json!({ "type": ["string", "null"], "maxLength": 254, "pattern": "^$|^[^\\s\u{85}@<>]+@[^\\s\u{85}@<>.][^\\s\u{85}@<>]*\\.[^\\s\u{85}@<>]*[^\\s\u{85}@<>.]$" });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Qom Regional Water portal API",
            "version": "1",
            "description": "Tickets with tracking codes, suggestions/criticism and advanced form submissions, for the national service desk, SMS gateways and mobile apps; and open water-resources data (rain gauges, dams, aquifers) as JSON or CSV. Messages are in Persian; tracking codes are 16 digits and accepted in Persian, Arabic-Indic or Latin digits, with or without dashes."
        },
        "paths": {
            "/api/v1/ticket-categories": { "get": {
                "summary": "Ticket categories",
                "responses": { "200": { "description": "Active categories", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Category" } } } } } }
            }},
            "/api/v1/tickets": { "post": {
                "summary": "File a ticket",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewTicket" } } } },
                "responses": {
                    "201": { "description": "Filed", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Receipt" } } } },
                    "400": err("Invalid input (code validation or invalid_json)"),
                    "429": err("Too many requests from this address")
                }
            }},
            "/api/v1/tickets/{code}": { "get": {
                "summary": "A ticket and its public thread",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": {
                    "200": { "description": "The ticket", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Ticket" } } } },
                    "404": err("No ticket with this code"),
                    "429": err("Too many lookups from this address")
                }
            }},
            "/api/v1/tickets/{code}/replies": { "post": {
                "summary": "Add a follow-up (reopens an answered ticket)",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string" } }],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["body"], "properties": { "body": text(2, 10_000) } } } } },
                "responses": { "201": { "description": "Added" }, "400": err("Invalid input, or the ticket is closed"), "404": err("No ticket with this code"), "429": err("Too many requests") }
            }},
            "/api/v1/messages": { "post": {
                "summary": "Send a suggestion, criticism or appreciation",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewMessage" } } } },
                "responses": { "201": { "description": "Sent", "content": { "application/json": { "schema": { "type": "object", "properties": { "tracking_code": { "type": "string" }, "tracking_code_display": { "type": "string" } } } } } }, "400": err("Invalid input"), "429": err("Too many requests") }
            }},
            "/api/v1/messages/{code}": { "get": {
                "summary": "A message and its reply",
                "parameters": [{ "name": "code", "in": "path", "required": true, "schema": { "type": "string" } }],
                "responses": { "200": { "description": "The message" }, "404": err("No message with this code"), "429": err("Too many lookups") }
            }}
        },
        "components": { "schemas": {
            "Error": { "type": "object", "required": ["code", "message"], "properties": {
                "code": { "type": "string", "enum": ["validation", "invalid_json", "not_found", "rate_limited", "unauthenticated", "forbidden", "unavailable", "bad_request", "method_not_allowed", "too_large", "unsupported_media_type", "internal"] },
                "message": { "type": "string", "description": "For the person, in Persian" },
                "field": { "type": "string", "description": "The field at fault, for validation errors" }
            }},
            "Category": { "type": "object", "properties": { "id": { "type": "integer" }, "title": { "type": "string" }, "response_working_days": { "type": "integer" } } },
            "NewTicket": { "type": "object", "required": ["name", "category", "subject", "body"], "properties": {
                "name": text(2, 100), "mobile": mobile, "email": email,
                "category": { "type": "integer", "format": "int32", "description": "An id from /api/v1/ticket-categories" },
                "subject": text(3, 200), "body": text(10, 10_000)
            }, "anyOf": [
                { "required": ["mobile"], "properties": { "mobile": { "type": "string", "minLength": 1 } } },
                { "required": ["email"], "properties": { "email": { "type": "string", "minLength": 1 } } }
            ], "description": "At least one of mobile and email. Text is counted after trimming (and collapsing runs of spaces in name and subject)." },
            "Receipt": { "type": "object", "properties": {
                "tracking_code": { "type": "string" }, "tracking_code_display": { "type": "string" }, "subject": { "type": "string" },
                "category": { "type": "string" }, "created_at": { "type": "string", "format": "date-time" }, "due_at": { "type": "string", "format": "date-time" }
            }},
            "Ticket": { "type": "object", "properties": {
                "tracking_code": { "type": "string" }, "status": { "type": "string", "enum": ["new", "in_progress", "answered", "closed"] },
                "status_label": { "type": "string" }, "subject": { "type": "string" }, "category": { "type": "string" },
                "created_at": { "type": "string", "format": "date-time" }, "updated_at": { "type": "string", "format": "date-time" },
                "rating": { "type": ["integer", "null"] },
                "thread": { "type": "array", "items": { "type": "object", "properties": { "from": { "type": "string", "enum": ["citizen", "staff"] }, "author": { "type": "string" }, "body": { "type": "string" }, "at": { "type": "string", "format": "date-time" } } } }
            }},
            "NewMessage": { "type": "object", "required": ["kind", "subject", "body"], "properties": {
                "kind": { "type": "string", "enum": ["suggestion", "criticism", "appreciation"] }, "subject": text(3, 200), "body": text(10, 10_000),
                "contact": { "type": ["string", "null"], "maxLength": 200 }
            }}
        }}
    })
}
