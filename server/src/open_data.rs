//! Open water data, `/api/v1/water/...`: stations, rainfall, dams, dam readings, aquifers and
//! their yearly figures, with place and Jalali date-range filters (`from`, `to`), as JSON or
//! as CSV (`?format=csv`, UTF-8 with BOM). Errors are the API's JSON errors.

use crate::rest::ApiError;
use crate::router::AppState;
use app::error::AppError;
use app::server::services::water::open::{self, Range, Table};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/water/{dataset}", get(dataset))
}

#[derive(Debug, Default, Deserialize)]
pub struct Params {
    format: Option<String>,
    from: Option<String>,
    to: Option<String>,
    station: Option<String>,
    dam: Option<String>,
    aquifer: Option<String>,
}

fn id(field: &str, v: &Option<String>) -> Result<Option<i32>, ApiError> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => app::persian::normalize_digits(s)
            .parse()
            .map(Some)
            .map_err(|_| AppError::validation(field, "شناسه باید عدد باشد.").into()),
    }
}

async fn dataset(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Query(p): Query<Params>,
) -> Result<Response, ApiError> {
    let db = &state.db;
    let range = Range::parse(p.from.as_deref(), p.to.as_deref())?;
    let table: Table = match name.as_str() {
        "stations" => open::stations(db).await?,
        "rainfall" => open::rainfall(db, id("station", &p.station)?, &range).await?,
        "dams" => open::dams(db).await?,
        "dam-readings" => open::dam_readings(db, id("dam", &p.dam)?, &range).await?,
        "aquifers" => open::aquifers(db).await?,
        "aquifer-years" => open::aquifer_years(db, id("aquifer", &p.aquifer)?, &range).await?,
        _ => return Err(AppError::NotFound.into()),
    }
    .bounded()?;
    Ok(match p.format.as_deref() {
        Some("csv") => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.csv\""),
                ),
            ],
            table.to_csv(),
        )
            .into_response(),
        None | Some("" | "json") => Json(table.to_json()).into_response(),
        Some(_) => {
            return Err(AppError::validation("format", "قالب باید json یا csv باشد.").into());
        }
    })
}

/// The water paths of the OpenAPI document.
pub fn openapi_paths() -> serde_json::Value {
    let err = json!({ "description": "Invalid filter (a Jalali date such as 1403/08/15, a numeric id, format json or csv)", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let param = |name: &str, desc: &str, schema: serde_json::Value| json!({ "name": name, "in": "query", "required": false, "schema": schema, "description": desc });
    // A Jalali day of 1300-1499 (month lengths without the leap day; any digit script is
    // accepted, Latin is documented), or empty for no bound.
    let day = json!({ "type": "string", "pattern": "^$|^1[34][0-9]{2}/((0?[1-6])/(0?[1-9]|[12][0-9]|3[01])|(0?[7-9]|1[01])/(0?[1-9]|[12][0-9]|30)|12/(0?[1-9]|1[0-9]|2[0-9]))$" });
    let common = vec![
        param(
            "format",
            "json (default) or csv (UTF-8 with BOM)",
            json!({ "type": "string", "enum": ["", "json", "csv"] }),
        ),
        param(
            "from",
            "First Jalali day, e.g. 1403/07/01 (any digit script)",
            day.clone(),
        ),
        param("to", "Last Jalali day", day),
    ];
    let id = json!({ "type": "string", "pattern": "^[0-9]{0,9}$" });
    let mut paths = serde_json::Map::new();
    for (name, summary, filter) in [
        ("stations", "Rain-gauge stations", None),
        ("rainfall", "Daily rainfall (mm) per station", Some(("station", "Station id"))),
        ("dams", "Dams (volumes in million m³)", None),
        ("dam-readings", "Daily dam storage, inflow, outflow (million m³) and level (m)", Some(("dam", "Dam id"))),
        ("aquifers", "Aquifers (plains)", None),
        ("aquifer-years", "Yearly aquifer figures by water year (from/to select water years by their first Jalali year)", Some(("aquifer", "Aquifer id"))),
    ] {
        let mut params = common.clone();
        if let Some((p, d)) = filter {
            params.push(param(p, d, id.clone()));
        }
        paths.insert(
            format!("/api/v1/water/{name}"),
            json!({ "get": {
                "summary": summary,
                "parameters": params,
                "responses": {
                    "200": { "description": "Rows", "content": {
                        "application/json": { "schema": { "type": "array", "items": { "type": "object" } } },
                        "text/csv": { "schema": { "type": "string" } }
                    }},
                    "400": err.clone(),
                    "404": { "description": "Unknown dataset or id", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } }
                }
            }}),
        );
    }
    serde_json::Value::Object(paths)
}
