//! Open data: the registers and observations as plain tables (column names in English, for
//! machines; names and places in Persian), filtered by place and a Jalali date range. The
//! REST layer writes them as JSON or as CSV.

use super::year::key;
use crate::error::{AppError, AppResult};
use crate::persian::jalali::JalaliDate;
use crate::server::entities::{aquifer, aquifer_year, dam, dam_reading, rain_gauge, rainfall};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Rows of one kind: column names and values in that order.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Value>>,
}

/// The most rows one answer carries; a larger table is asked for in parts (`from` / `to`).
pub const MAX_ROWS: u64 = 100_000;

fn too_many() -> AppError {
    AppError::validation(
        "from",
        "داده‌ی خواسته‌شده بیش از ۱۰۰٬۰۰۰ ردیف است؛ بازه‌ی تاریخ (from و to) را کوتاه‌تر کنید.",
    )
}

/// A date range from `from` / `to` in the address (Jalali, any digits; either may be empty).
#[derive(Debug, Clone, Default)]
pub struct Range {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Range {
    pub fn parse(from: Option<&str>, to: Option<&str>) -> AppResult<Range> {
        let one = |field: &str, s: Option<&str>| -> AppResult<Option<String>> {
            match s.map(str::trim).filter(|s| !s.is_empty()) {
                None => Ok(None),
                Some(s) => JalaliDate::parse(s)
                    .map(|d| Some(key(d)))
                    .map_err(|e| AppError::validation(field, e.message())),
            }
        };
        Ok(Range {
            from: one("from", from)?,
            to: one("to", to)?,
        })
    }
}

/// The query narrowed to one station, dam or aquifer, when asked for (not found when `names`,
/// the known ones, lacks it).
fn owned_by<E: EntityTrait>(
    q: Select<E>,
    col: E::Column,
    owner: Option<i32>,
    names: &HashMap<i32, String>,
) -> AppResult<Select<E>> {
    match owner {
        None => Ok(q),
        Some(id) if names.contains_key(&id) => Ok(q.filter(col.eq(id))),
        Some(_) => Err(AppError::NotFound),
    }
}

/// The query narrowed to the range's days.
fn within<E: EntityTrait>(mut q: Select<E>, day: E::Column, range: &Range) -> Select<E> {
    if let Some(f) = &range.from {
        q = q.filter(day.gte(f.as_str()));
    }
    if let Some(t) = &range.to {
        q = q.filter(day.lte(t.as_str()));
    }
    q
}

/// The Gregorian ISO date of a stored Jalali day.
fn iso(day: &str) -> Value {
    JalaliDate::parse(day)
        .map(|d| {
            let (y, m, dd) = d.to_gregorian();
            json!(format!("{y:04}-{m:02}-{dd:02}"))
        })
        .unwrap_or(Value::Null)
}

pub async fn stations(db: &DatabaseConnection) -> AppResult<Table> {
    Ok(Table {
        columns: &[
            "id",
            "name",
            "county",
            "latitude",
            "longitude",
            "elevation_m",
            "active",
            "long_term_mm",
            "sample",
        ],
        rows: rain_gauge::Entity::find()
            .order_by_asc(rain_gauge::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|s| {
                vec![
                    json!(s.id),
                    json!(s.name),
                    json!(s.county),
                    json!(s.latitude),
                    json!(s.longitude),
                    json!(s.elevation),
                    json!(s.active),
                    json!(s.long_term_mm),
                    json!(s.is_sample),
                ]
            })
            .collect(),
    })
}

pub async fn rainfall(
    db: &DatabaseConnection,
    station: Option<i32>,
    range: &Range,
) -> AppResult<Table> {
    let names: HashMap<i32, String> = rain_gauge::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let q = owned_by(
        rainfall::Entity::find(),
        rainfall::Column::StationId,
        station,
        &names,
    )?;
    let q = within(q, rainfall::Column::Day, range);
    Ok(Table {
        columns: &["station_id", "station", "date_jalali", "date", "mm"],
        rows: q
            .order_by_asc(rainfall::Column::StationId)
            .order_by_asc(rainfall::Column::Day)
            .limit(MAX_ROWS + 1)
            .all(db)
            .await?
            .into_iter()
            .map(|r| {
                vec![
                    json!(r.station_id),
                    json!(names.get(&r.station_id)),
                    json!(r.day),
                    iso(&r.day),
                    json!(r.mm),
                ]
            })
            .collect(),
    })
}

pub async fn dams(db: &DatabaseConnection) -> AppResult<Table> {
    Ok(Table {
        columns: &[
            "id",
            "name",
            "river",
            "county",
            "capacity_mcm",
            "dead_storage_mcm",
            "year_in_service",
            "long_term_inflow_mcm",
            "sample",
        ],
        rows: dam::Entity::find()
            .order_by_asc(dam::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|d| {
                vec![
                    json!(d.id),
                    json!(d.name),
                    json!(d.river),
                    json!(d.county),
                    json!(d.capacity),
                    json!(d.dead_storage),
                    json!(d.year_in_service),
                    json!(d.long_term_inflow),
                    json!(d.is_sample),
                ]
            })
            .collect(),
    })
}

pub async fn dam_readings(
    db: &DatabaseConnection,
    dam_id: Option<i32>,
    range: &Range,
) -> AppResult<Table> {
    let names: HashMap<i32, String> = dam::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let q = owned_by(
        dam_reading::Entity::find(),
        dam_reading::Column::DamId,
        dam_id,
        &names,
    )?;
    let q = within(q, dam_reading::Column::Day, range);
    Ok(Table {
        columns: &[
            "dam_id",
            "dam",
            "date_jalali",
            "date",
            "storage_mcm",
            "inflow_mcm",
            "outflow_mcm",
            "level_m",
        ],
        rows: q
            .order_by_asc(dam_reading::Column::DamId)
            .order_by_asc(dam_reading::Column::Day)
            .limit(MAX_ROWS + 1)
            .all(db)
            .await?
            .into_iter()
            .map(|r| {
                vec![
                    json!(r.dam_id),
                    json!(names.get(&r.dam_id)),
                    json!(r.day),
                    iso(&r.day),
                    json!(r.storage),
                    json!(r.inflow),
                    json!(r.outflow),
                    json!(r.level),
                ]
            })
            .collect(),
    })
}

pub async fn aquifers(db: &DatabaseConnection) -> AppResult<Table> {
    Ok(Table {
        columns: &["id", "name", "area_km2", "wells", "sample"],
        rows: aquifer::Entity::find()
            .order_by_asc(aquifer::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|a| {
                vec![
                    json!(a.id),
                    json!(a.name),
                    json!(a.area_km2),
                    json!(a.wells),
                    json!(a.is_sample),
                ]
            })
            .collect(),
    })
}

/// Water years are filtered by the range's years (a water year is in when it starts in it).
pub async fn aquifer_years(
    db: &DatabaseConnection,
    aquifer_id: Option<i32>,
    range: &Range,
) -> AppResult<Table> {
    let names: HashMap<i32, String> = aquifer::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut q = owned_by(
        aquifer_year::Entity::find(),
        aquifer_year::Column::AquiferId,
        aquifer_id,
        &names,
    )?;
    let year = |s: &Option<String>| {
        s.as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse::<i32>().ok())
    };
    if let Some(f) = year(&range.from) {
        q = q.filter(aquifer_year::Column::WaterYear.gte(f));
    }
    if let Some(t) = year(&range.to) {
        q = q.filter(aquifer_year::Column::WaterYear.lte(t));
    }
    Ok(Table {
        columns: &[
            "aquifer_id",
            "aquifer",
            "water_year",
            "table_change_m",
            "storage_change_mcm",
            "extraction_mcm",
        ],
        rows: q
            .order_by_asc(aquifer_year::Column::AquiferId)
            .order_by_asc(aquifer_year::Column::WaterYear)
            .all(db)
            .await?
            .into_iter()
            .map(|y| {
                vec![
                    json!(y.aquifer_id),
                    json!(names.get(&y.aquifer_id)),
                    json!(y.water_year),
                    json!(y.table_change),
                    json!(y.storage_change),
                    json!(y.extraction),
                ]
            })
            .collect(),
    })
}

impl Table {
    /// An array of objects keyed by column.
    /// The table, or the refusal when it is over [`MAX_ROWS`].
    pub fn bounded(self) -> AppResult<Table> {
        if self.rows.len() as u64 > MAX_ROWS {
            return Err(too_many());
        }
        Ok(self)
    }

    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    Value::Object(
                        self.columns
                            .iter()
                            .zip(r)
                            .map(|(c, v)| (c.to_string(), v.clone()))
                            .collect(),
                    )
                })
                .collect(),
        )
    }

    /// CSV, UTF-8 with a byte-order mark (so Excel reads the Persian right), CRLF lines.
    pub fn to_csv(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|v| match v {
                        Value::Null => String::new(),
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        crate::server::services::spreadsheet::csv(self.columns, &rows)
    }
}
