//! Bulk import of water data from CSV or Excel (XLSX): the file is read and checked row by
//! row into a staged import (a preview and a validation report that names the row, the
//! column and the problem in Persian); the custodian then commits it — all rows in one
//! transaction, or none — and may undo the latest committed import of a kind, which puts
//! back exactly what it overwrote.
//!
//! The kind is recognised from the header row (Persian or English column names):
//! - rainfall: `ایستگاه، تاریخ، بارش` (station, date, mm)
//! - dams: `سد، تاریخ، حجم، ورودی، خروجی[، تراز]` (dam, date, storage, inflow, outflow, level)
//! - aquifers: `آبخوان، سال آبی، تغییر سطح، تغییر حجم، برداشت`
//!
//! Dates are Jalali in any digit script; numbers take `۱۲٫۵` or `12.5`.

use super::year::{key, today, water_year_of};
use super::{allowed, invalid, SECTION};
use crate::error::{AppError, AppResult};
use crate::model::{ImportKind, ImportPreview, ImportProblem};
use crate::persian::jalali::JalaliDate;
use crate::server::entities::{
    aquifer, aquifer_year, dam, dam_reading, rain_gauge, rainfall, user, water_import,
};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::Acting;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The largest file taken, and the most rows.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_ROWS: usize = 50_000;
/// The report lists at most this many problems.
const MAX_PROBLEMS: usize = 200;
/// The preview shows this many rows.
const SAMPLE_ROWS: usize = 20;

/// One checked row, ready to store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t")]
pub enum Row {
    Rain {
        station_id: i32,
        name: String,
        day: String,
        mm: f64,
    },
    Dam {
        dam_id: i32,
        name: String,
        day: String,
        storage: f64,
        inflow: f64,
        outflow: f64,
        level: Option<f64>,
    },
    Aquifer {
        aquifer_id: i32,
        name: String,
        water_year: i32,
        table_change: f64,
        storage_change: f64,
        extraction: f64,
    },
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Report {
    problems: Vec<ImportProblem>,
    headers: Vec<String>,
    new_rows: usize,
    changed_rows: usize,
}

/// What a commit overwrote: the row's id, its values before, and the import that wrote them.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Previous {
    id: i32,
    values: Vec<Option<f64>>,
    import_id: Option<i32>,
}

// ---------------------------------------------------------------------------------------
// Reading the file

fn file_problem(message: impl Into<String>) -> AppError {
    invalid("پرونده", message)
}

fn cell_text(s: &str) -> String {
    s.trim().trim_start_matches('\u{feff}').trim().to_string()
}

/// The file's rows as text cells: XLSX (first sheet) by its content, CSV otherwise (UTF-8,
/// with or without BOM; comma, semicolon or tab separated).
pub fn read_table(bytes: &[u8]) -> AppResult<Vec<Vec<String>>> {
    if bytes.is_empty() {
        return Err(file_problem("پرونده خالی است."));
    }
    if bytes.len() > MAX_BYTES {
        return Err(file_problem(
            "پرونده بزرگ‌تر از ۵ مگابایت است؛ آن را در چند بخش بفرستید.",
        ));
    }
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)?
    } else {
        read_csv(bytes)?
    };
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .filter(|r| r.iter().any(|c| !c.is_empty()))
        .collect();
    if rows.len() > MAX_ROWS + 1 {
        return Err(file_problem(format!(
            "پرونده بیش از {} ردیف دارد؛ آن را در چند بخش بفرستید.",
            crate::persian::format_number(MAX_ROWS as i64)
        )));
    }
    Ok(rows)
}

fn read_csv(bytes: &[u8]) -> AppResult<Vec<Vec<String>>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| file_problem("پرونده‌ی CSV باید با کدگذاری UTF-8 ذخیره شده باشد."))?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| {
            file_problem(format!(
                "ردیف {} پرونده‌ی CSV خوانا نیست (نقل‌قول بسته نشده؟).",
                crate::persian::format_number(i as i64 + 1)
            ))
        })?;
        rows.push(record.iter().map(cell_text).collect());
        if rows.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(rows)
}

fn read_xlsx(bytes: &[u8]) -> AppResult<Vec<Vec<String>>> {
    use calamine::{Data, Reader, Xlsx};
    let unreadable =
        || file_problem("پرونده‌ی اکسل خوانا نیست؛ آن را با قالب XLSX دوباره ذخیره کنید.");
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| file_problem("پرونده‌ی اکسل برگه‌ای ندارد."))?
        .map_err(|_| unreadable())?;
    Ok(range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::String(s) => cell_text(s),
                    Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => {
                        format!("{}", *f as i64)
                    }
                    Data::Float(f) => format!("{f}"),
                    Data::Int(i) => i.to_string(),
                    Data::Bool(b) => b.to_string(),
                    other => cell_text(&other.to_string()),
                })
                .collect()
        })
        .collect())
}

fn header_key(s: &str) -> String {
    crate::persian::text::normalize(s)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '\u{200c}' && *c != '-')
        .collect()
}

/// English names accepted for the same columns.
fn english(kind: ImportKind) -> &'static [&'static str] {
    match kind {
        ImportKind::Rainfall => &["station", "date", "mm"],
        ImportKind::Dam => &["dam", "date", "storage", "inflow", "outflow", "level"],
        ImportKind::Aquifer => &[
            "aquifer",
            "wateryear",
            "tablechange",
            "storagechange",
            "extraction",
        ],
    }
}

/// Which kind of file this header row belongs to.
pub fn detect(header: &[String]) -> Option<ImportKind> {
    let mut got: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    // Spreadsheets often carry empty cells after the last column.
    while got.last().is_some_and(String::is_empty) {
        got.pop();
    }
    ImportKind::ALL.into_iter().find(|&kind| {
        let fa: Vec<String> = kind.columns().iter().map(|c| header_key(c)).collect();
        let en = english(kind);
        // Every column but an optional last one (the dam's level) must be there, in order.
        let needed = if kind == ImportKind::Dam {
            fa.len() - 1
        } else {
            fa.len()
        };
        got.len() >= needed
            && got.len() <= fa.len()
            && got
                .iter()
                .enumerate()
                .all(|(i, g)| *g == fa[i] || *g == en[i])
    })
}

// ---------------------------------------------------------------------------------------
// Checking the rows

struct Checker {
    problems: Vec<ImportProblem>,
    row: usize,
    headers: Vec<String>,
}

impl Checker {
    fn problem(&mut self, col: usize, message: impl Into<String>) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(ImportProblem {
                row: self.row,
                column: self.headers.get(col).cloned().unwrap_or_default(),
                message: message.into(),
            });
        }
    }

    fn cell<'a>(&mut self, cells: &'a [String], col: usize) -> Option<&'a str> {
        match cells.get(col).map(String::as_str).filter(|c| !c.is_empty()) {
            Some(c) => Some(c),
            None => {
                self.problem(col, "خالی است.");
                None
            }
        }
    }

    fn number(
        &mut self,
        cells: &[String],
        col: usize,
        min: f64,
        max: f64,
        optional: bool,
    ) -> Option<Option<f64>> {
        let raw = cells.get(col).map(String::as_str).unwrap_or("").trim();
        if raw.is_empty() && optional {
            return Some(None);
        }
        let raw = self.cell(cells, col)?;
        match crate::persian::parse_decimal(raw) {
            Some(n) if (min..=max).contains(&n) => Some(Some(n)),
            Some(_) => {
                self.problem(
                    col,
                    format!(
                        "«{raw}» بیرون از بازه‌ی {} تا {} است.",
                        crate::persian::format_decimal(min, 2),
                        crate::persian::format_decimal(max, 2)
                    ),
                );
                None
            }
            None => {
                self.problem(col, format!("«{raw}» عدد نیست."));
                None
            }
        }
    }

    fn day(&mut self, cells: &[String], col: usize, latest: JalaliDate) -> Option<String> {
        let raw = self.cell(cells, col)?;
        match JalaliDate::parse(raw) {
            Ok(d) if d > latest => {
                self.problem(col, format!("«{raw}» هنوز نرسیده است."));
                None
            }
            Ok(d) => Some(key(d)),
            Err(e) => {
                self.problem(col, format!("«{raw}»: {}", e.message()));
                None
            }
        }
    }

    fn named(
        &mut self,
        cells: &[String],
        col: usize,
        names: &HashMap<String, (i32, String)>,
        what: &str,
    ) -> Option<(i32, String)> {
        let raw = self.cell(cells, col)?;
        match names.get(&name_key(raw)) {
            Some(found) => Some(found.clone()),
            None => {
                self.problem(col, format!("{what}ی به نام «{raw}» ثبت نشده است."));
                None
            }
        }
    }
}

fn name_key(s: &str) -> String {
    crate::persian::text::collapse_spaces(&crate::persian::text::normalize(s))
}

async fn names<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
) -> AppResult<HashMap<String, (i32, String)>> {
    let pairs: Vec<(i32, String)> = match kind {
        ImportKind::Rainfall => rain_gauge::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect(),
        ImportKind::Dam => dam::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect(),
        ImportKind::Aquifer => aquifer::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect(),
    };
    Ok(pairs
        .into_iter()
        .map(|(id, n)| (name_key(&n), (id, n)))
        .collect())
}

/// Checks every row under the header; the rows that passed, and the problems.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
    table: &[Vec<String>],
) -> AppResult<(Vec<Row>, Vec<ImportProblem>)> {
    let names = names(db, kind).await?;
    let latest = today();
    let mut c = Checker {
        problems: Vec::new(),
        row: 1,
        headers: kind.columns().iter().map(|s| s.to_string()).collect(),
    };
    let mut rows = Vec::new();
    let mut seen: HashMap<(i32, String), usize> = HashMap::new();
    for (i, cells) in table.iter().enumerate().skip(1) {
        c.row = i + 1;
        if cells.len() > kind.columns().len()
            && cells[kind.columns().len()..].iter().any(|x| !x.is_empty())
        {
            c.problem(kind.columns().len(), "ستون‌های این ردیف بیش از سرستون‌هاست.");
        }
        let row = match kind {
            ImportKind::Rainfall => {
                let (station, day, mm) = (
                    c.named(cells, 0, &names, "ایستگاه"),
                    c.day(cells, 1, latest),
                    c.number(cells, 2, 0.0, 500.0, false),
                );
                match (station, day, mm) {
                    (Some((id, name)), Some(day), Some(Some(mm))) => Some(Row::Rain {
                        station_id: id,
                        name,
                        day,
                        mm,
                    }),
                    _ => None,
                }
            }
            ImportKind::Dam => {
                let (d, day) = (c.named(cells, 0, &names, "سد"), c.day(cells, 1, latest));
                let storage = c.number(cells, 2, 0.0, 100_000.0, false);
                let inflow = c.number(cells, 3, 0.0, 10_000.0, false);
                let outflow = c.number(cells, 4, 0.0, 10_000.0, false);
                let level = c.number(cells, 5, -500.0, 6_000.0, true);
                match (d, day, storage, inflow, outflow, level) {
                    (
                        Some((id, name)),
                        Some(day),
                        Some(Some(storage)),
                        Some(Some(inflow)),
                        Some(Some(outflow)),
                        Some(level),
                    ) => Some(Row::Dam {
                        dam_id: id,
                        name,
                        day,
                        storage,
                        inflow,
                        outflow,
                        level,
                    }),
                    _ => None,
                }
            }
            ImportKind::Aquifer => {
                let a = c.named(cells, 0, &names, "آبخوان");
                let wy = c.number(cells, 1, 1300.0, water_year_of(latest) as f64, false);
                let table_change = c.number(cells, 2, -100.0, 100.0, false);
                let storage_change = c.number(cells, 3, -10_000.0, 10_000.0, false);
                let extraction = c.number(cells, 4, 0.0, 10_000.0, false);
                match (a, wy, table_change, storage_change, extraction) {
                    (
                        Some((id, name)),
                        Some(Some(wy)),
                        Some(Some(t)),
                        Some(Some(s)),
                        Some(Some(e)),
                    ) if wy.fract() == 0.0 => Some(Row::Aquifer {
                        aquifer_id: id,
                        name,
                        water_year: wy as i32,
                        table_change: t,
                        storage_change: s,
                        extraction: e,
                    }),
                    (_, Some(Some(wy)), ..) if wy.fract() != 0.0 => {
                        c.problem(1, "سال آبی را با سال آغاز آن بنویسید، مانند ۱۴۰۲.");
                        None
                    }
                    _ => None,
                }
            }
        };
        if let Some(row) = row {
            let k = row.key();
            if let Some(first) = seen.get(&k) {
                c.problem(
                    1,
                    format!(
                        "همین {} و تاریخ در ردیف {} هم آمده است.",
                        row.what(),
                        crate::persian::format_number(*first as i64)
                    ),
                );
            } else {
                seen.insert(k, c.row);
                rows.push(row);
            }
        }
    }
    if table.len() < 2 {
        c.row = 0;
        c.problem(0, "پرونده جز سرستون ردیفی ندارد.");
    }
    Ok((rows, c.problems))
}

impl Row {
    /// What identifies the row's place: (station / dam / aquifer, day or water year).
    fn key(&self) -> (i32, String) {
        match self {
            Row::Rain {
                station_id, day, ..
            } => (*station_id, day.clone()),
            Row::Dam { dam_id, day, .. } => (*dam_id, day.clone()),
            Row::Aquifer {
                aquifer_id,
                water_year,
                ..
            } => (*aquifer_id, water_year.to_string()),
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Row::Rain { .. } => "ایستگاه",
            Row::Dam { .. } => "سد",
            Row::Aquifer { .. } => "آبخوان",
        }
    }

    fn values(&self) -> Vec<Option<f64>> {
        match self {
            Row::Rain { mm, .. } => vec![Some(*mm)],
            Row::Dam {
                storage,
                inflow,
                outflow,
                level,
                ..
            } => {
                vec![Some(*storage), Some(*inflow), Some(*outflow), *level]
            }
            Row::Aquifer {
                table_change,
                storage_change,
                extraction,
                ..
            } => {
                vec![
                    Some(*table_change),
                    Some(*storage_change),
                    Some(*extraction),
                ]
            }
        }
    }

    /// The row as the preview shows it.
    fn cells(&self) -> Vec<String> {
        let n = |v: f64| crate::persian::format_decimal(v, 2);
        let d = |s: &str| crate::persian::to_persian_digits(s);
        match self {
            Row::Rain { name, day, mm, .. } => vec![name.clone(), d(day), n(*mm)],
            Row::Dam {
                name,
                day,
                storage,
                inflow,
                outflow,
                level,
                ..
            } => vec![
                name.clone(),
                d(day),
                n(*storage),
                n(*inflow),
                n(*outflow),
                level.map(n).unwrap_or_default(),
            ],
            Row::Aquifer {
                name,
                water_year,
                table_change,
                storage_change,
                extraction,
                ..
            } => vec![
                name.clone(),
                d(&water_year.to_string()),
                n(*table_change),
                n(*storage_change),
                n(*extraction),
            ],
        }
    }
}

// ---------------------------------------------------------------------------------------
// What is stored already

/// The stored rows the import's rows would land on: key → (row id, values, import id).
async fn existing<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
    rows: &[Row],
) -> AppResult<HashMap<(i32, String), Previous>> {
    let mut owners: Vec<i32> = rows.iter().map(|r| r.key().0).collect();
    owners.sort_unstable();
    owners.dedup();
    let mut out = HashMap::new();
    // Chunks keep the IN lists short on both databases.
    for chunk in owners.chunks(200) {
        match kind {
            ImportKind::Rainfall => {
                for m in rainfall::Entity::find()
                    .filter(rainfall::Column::StationId.is_in(chunk.to_vec()))
                    .all(db)
                    .await?
                {
                    out.insert(
                        (m.station_id, m.day),
                        Previous {
                            id: m.id,
                            values: vec![Some(m.mm)],
                            import_id: m.import_id,
                        },
                    );
                }
            }
            ImportKind::Dam => {
                for m in dam_reading::Entity::find()
                    .filter(dam_reading::Column::DamId.is_in(chunk.to_vec()))
                    .all(db)
                    .await?
                {
                    out.insert(
                        (m.dam_id, m.day),
                        Previous {
                            id: m.id,
                            values: vec![Some(m.storage), Some(m.inflow), Some(m.outflow), m.level],
                            import_id: m.import_id,
                        },
                    );
                }
            }
            ImportKind::Aquifer => {
                for m in aquifer_year::Entity::find()
                    .filter(aquifer_year::Column::AquiferId.is_in(chunk.to_vec()))
                    .all(db)
                    .await?
                {
                    out.insert(
                        (m.aquifer_id, m.water_year.to_string()),
                        Previous {
                            id: m.id,
                            values: vec![
                                Some(m.table_change),
                                Some(m.storage_change),
                                Some(m.extraction),
                            ],
                            import_id: m.import_id,
                        },
                    );
                }
            }
        }
    }
    Ok(out)
}

fn same(a: &[Option<f64>], b: &[Option<f64>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| match (x, y) {
            (Some(x), Some(y)) => (x - y).abs() < 1e-9,
            (None, None) => true,
            _ => false,
        })
}

// ---------------------------------------------------------------------------------------
// Stage, preview, commit, undo

/// Reads and checks a file into a staged import; returns its id (problems or not: the
/// preview shows them, and a file with problems cannot be committed).
pub async fn stage(
    db: &DatabaseConnection,
    acting: &Acting,
    file_name: &str,
    bytes: &[u8],
) -> AppResult<i32> {
    allowed(db, acting).await?;
    let actor = acting.signed_in()?;
    let table = read_table(bytes)?;
    let header = table.first().cloned().unwrap_or_default();
    let kind = detect(&header).ok_or_else(|| {
        file_problem(
            "سرستون‌های پرونده شناخته نشد. ردیف نخست باید یکی از این‌ها باشد: «ایستگاه، تاریخ، بارش»، \
             «سد، تاریخ، حجم، ورودی، خروجی، تراز» یا «آبخوان، سال آبی، تغییر سطح، تغییر حجم، برداشت».",
        )
    })?;
    let (rows, problems) = check(db, kind, &table).await?;
    let name: String = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let report = Report {
        problems,
        headers: kind.columns().iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    };
    let row = water_import::ActiveModel {
        kind: Set(kind.as_str().into()),
        file_name: Set(if name.is_empty() {
            "پرونده".into()
        } else {
            name
        }),
        state: Set("staged".into()),
        rows: Set(rows.len() as i32),
        payload: Set(serde_json::to_string(&rows).map_err(|_| AppError::Internal)?),
        report: Set(serde_json::to_string(&report).map_err(|_| AppError::Internal)?),
        previous: Set("[]".into()),
        user_id: Set(Some(actor.user_id)),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

fn parts(m: &water_import::Model) -> AppResult<(ImportKind, Vec<Row>, Report)> {
    let kind = ImportKind::parse(&m.kind).ok_or(AppError::Internal)?;
    let rows: Vec<Row> = serde_json::from_str(&m.payload).map_err(|_| AppError::Internal)?;
    let report: Report = serde_json::from_str(&m.report).map_err(|_| AppError::Internal)?;
    Ok((kind, rows, report))
}

async fn latest_committed<C: ConnectionTrait>(db: &C, kind: &str) -> AppResult<Option<i32>> {
    Ok(water_import::Entity::find()
        .filter(water_import::Column::Kind.eq(kind))
        .filter(water_import::Column::State.eq("committed"))
        .order_by_desc(water_import::Column::CommittedAt)
        .order_by_desc(water_import::Column::Id)
        .one(db)
        .await?
        .map(|m| m.id))
}

async fn to_preview<C: ConnectionTrait>(
    db: &C,
    m: &water_import::Model,
    with_counts: bool,
) -> AppResult<ImportPreview> {
    let (kind, rows, report) = parts(m)?;
    let (mut new_rows, mut changed_rows) = (report.new_rows, report.changed_rows);
    if with_counts && m.state == "staged" {
        let stored = existing(db, kind, &rows).await?;
        new_rows = 0;
        changed_rows = 0;
        for r in &rows {
            match stored.get(&r.key()) {
                None => new_rows += 1,
                Some(p) if !same(&p.values, &r.values()) => changed_rows += 1,
                Some(_) => {}
            }
        }
    }
    let by = match m.user_id {
        Some(id) => user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.full_name),
        None => None,
    };
    Ok(ImportPreview {
        id: m.id,
        kind,
        file_name: m.file_name.clone(),
        state: m.state.clone(),
        rows: rows.len(),
        new_rows,
        changed_rows,
        problems: report.problems,
        headers: report.headers,
        sample: rows.iter().take(SAMPLE_ROWS).map(Row::cells).collect(),
        undoable: m.state == "committed" && latest_committed(db, &m.kind).await? == Some(m.id),
        created_at: m.created_at.timestamp(),
        by,
    })
}

/// The import as its preview page shows it.
pub async fn preview(
    db: &DatabaseConnection,
    acting: &Acting,
    id: i32,
) -> AppResult<ImportPreview> {
    allowed(db, acting).await?;
    let m = water_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    to_preview(db, &m, true).await
}

/// The latest imports, newest first.
pub async fn recent(db: &DatabaseConnection, acting: &Acting) -> AppResult<Vec<ImportPreview>> {
    allowed(db, acting).await?;
    let mut out = Vec::new();
    for m in water_import::Entity::find()
        .filter(water_import::Column::State.ne("discarded"))
        .order_by_desc(water_import::Column::Id)
        .limit(20)
        .all(db)
        .await?
    {
        let mut p = to_preview(db, &m, false).await?;
        p.sample.clear();
        out.push(p);
    }
    Ok(out)
}

/// Stores every row of a staged import without problems, in one transaction.
pub async fn commit(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    allowed(db, acting).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let m = water_import::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.state != "staged" {
        return Err(invalid(
            "درون‌ریزی",
            "این درون‌ریزی پیش‌تر ثبت یا کنار گذاشته شده است.",
        ));
    }
    let (kind, rows, mut report) = parts(&m)?;
    if !report.problems.is_empty() {
        return Err(invalid(
            "درون‌ریزی",
            "پرونده ایراد دارد؛ ایرادها را درست کنید و پرونده را دوباره بفرستید.",
        ));
    }
    let stored = existing(&txn, kind, &rows).await?;
    let mut previous = Vec::new();
    let mut fresh = Vec::new();
    for r in &rows {
        match stored.get(&r.key()) {
            None => fresh.push(r),
            Some(p) if !same(&p.values, &r.values()) => {
                update(&txn, kind, p.id, &r.values(), Some(id)).await?;
                previous.push(p.clone());
            }
            Some(_) => {}
        }
    }
    insert(&txn, &fresh, id).await?;
    report.new_rows = fresh.len();
    report.changed_rows = previous.len();
    let summary = format!(
        "{}: «{}»، {} ردیف تازه، {} ردیف تغییر",
        kind.label(),
        m.file_name,
        crate::persian::format_number(fresh.len() as i64),
        crate::persian::format_number(previous.len() as i64)
    );
    let mut am: water_import::ActiveModel = m.into();
    am.state = Set("committed".into());
    am.committed_at = Set(Some(chrono::Utc::now()));
    am.previous = Set(serde_json::to_string(&previous).map_err(|_| AppError::Internal)?);
    am.report = Set(serde_json::to_string(&report).map_err(|_| AppError::Internal)?);
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("water.import", summary)
            .section(SECTION)
            .target("water_import", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn update<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
    row_id: i32,
    v: &[Option<f64>],
    import_id: Option<i32>,
) -> AppResult<()> {
    let n = |i: usize| v.get(i).copied().flatten().unwrap_or(0.0);
    match kind {
        ImportKind::Rainfall => {
            rainfall::Entity::update_many()
                .col_expr(rainfall::Column::Mm, Expr::value(n(0)))
                .col_expr(rainfall::Column::ImportId, Expr::value(import_id))
                .filter(rainfall::Column::Id.eq(row_id))
                .exec(db)
                .await?;
        }
        ImportKind::Dam => {
            dam_reading::Entity::update_many()
                .col_expr(dam_reading::Column::Storage, Expr::value(n(0)))
                .col_expr(dam_reading::Column::Inflow, Expr::value(n(1)))
                .col_expr(dam_reading::Column::Outflow, Expr::value(n(2)))
                .col_expr(
                    dam_reading::Column::Level,
                    Expr::value(v.get(3).copied().flatten()),
                )
                .col_expr(dam_reading::Column::ImportId, Expr::value(import_id))
                .filter(dam_reading::Column::Id.eq(row_id))
                .exec(db)
                .await?;
        }
        ImportKind::Aquifer => {
            aquifer_year::Entity::update_many()
                .col_expr(aquifer_year::Column::TableChange, Expr::value(n(0)))
                .col_expr(aquifer_year::Column::StorageChange, Expr::value(n(1)))
                .col_expr(aquifer_year::Column::Extraction, Expr::value(n(2)))
                .col_expr(aquifer_year::Column::ImportId, Expr::value(import_id))
                .filter(aquifer_year::Column::Id.eq(row_id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

/// Inserts new rows in batches.
pub(crate) async fn insert<C: ConnectionTrait>(
    db: &C,
    rows: &[&Row],
    import_id: i32,
) -> AppResult<()> {
    let import_id = (import_id > 0).then_some(import_id);
    for chunk in rows.chunks(500) {
        let mut rain = Vec::new();
        let mut dams = Vec::new();
        let mut aquifers = Vec::new();
        for r in chunk {
            match r {
                Row::Rain {
                    station_id,
                    day,
                    mm,
                    ..
                } => rain.push(rainfall::ActiveModel {
                    station_id: Set(*station_id),
                    day: Set(day.clone()),
                    mm: Set(*mm),
                    import_id: Set(import_id),
                    ..Default::default()
                }),
                Row::Dam {
                    dam_id,
                    day,
                    storage,
                    inflow,
                    outflow,
                    level,
                    ..
                } => dams.push(dam_reading::ActiveModel {
                    dam_id: Set(*dam_id),
                    day: Set(day.clone()),
                    storage: Set(*storage),
                    inflow: Set(*inflow),
                    outflow: Set(*outflow),
                    level: Set(*level),
                    import_id: Set(import_id),
                    ..Default::default()
                }),
                Row::Aquifer {
                    aquifer_id,
                    water_year,
                    table_change,
                    storage_change,
                    extraction,
                    ..
                } => aquifers.push(aquifer_year::ActiveModel {
                    aquifer_id: Set(*aquifer_id),
                    water_year: Set(*water_year),
                    table_change: Set(*table_change),
                    storage_change: Set(*storage_change),
                    extraction: Set(*extraction),
                    import_id: Set(import_id),
                    ..Default::default()
                }),
            }
        }
        if !rain.is_empty() {
            rainfall::Entity::insert_many(rain).exec(db).await?;
        }
        if !dams.is_empty() {
            dam_reading::Entity::insert_many(dams).exec(db).await?;
        }
        if !aquifers.is_empty() {
            aquifer_year::Entity::insert_many(aquifers).exec(db).await?;
        }
    }
    Ok(())
}

/// Puts back what the latest committed import of its kind changed: rows it added go, rows it
/// overwrote get their old values (rows edited by hand since are left alone).
pub async fn undo(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    allowed(db, acting).await?;
    let txn = crate::server::db::write_txn(db).await?;
    let m = water_import::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if m.state != "committed" || latest_committed(&txn, &m.kind).await? != Some(id) {
        return Err(invalid(
            "درون‌ریزی",
            "تنها واپسین درون‌ریزی ثبت‌شده‌ی هر گونه را می‌توان برگرداند.",
        ));
    }
    let kind = ImportKind::parse(&m.kind).ok_or(AppError::Internal)?;
    let previous: Vec<Previous> =
        serde_json::from_str(&m.previous).map_err(|_| AppError::Internal)?;
    for p in &previous {
        // Only where this import's value still stands.
        let still = match kind {
            ImportKind::Rainfall => rainfall::Entity::find_by_id(p.id)
                .one(&txn)
                .await?
                .map(|r| r.import_id),
            ImportKind::Dam => dam_reading::Entity::find_by_id(p.id)
                .one(&txn)
                .await?
                .map(|r| r.import_id),
            ImportKind::Aquifer => aquifer_year::Entity::find_by_id(p.id)
                .one(&txn)
                .await?
                .map(|r| r.import_id),
        };
        if still == Some(Some(id)) {
            update(&txn, kind, p.id, &p.values, p.import_id).await?;
        }
    }
    let removed = match kind {
        ImportKind::Rainfall => {
            rainfall::Entity::delete_many()
                .filter(rainfall::Column::ImportId.eq(id))
                .exec(&txn)
                .await?
        }
        ImportKind::Dam => {
            dam_reading::Entity::delete_many()
                .filter(dam_reading::Column::ImportId.eq(id))
                .exec(&txn)
                .await?
        }
        ImportKind::Aquifer => {
            aquifer_year::Entity::delete_many()
                .filter(aquifer_year::Column::ImportId.eq(id))
                .exec(&txn)
                .await?
        }
    }
    .rows_affected;
    let summary = format!(
        "{}: «{}» برگردانده شد ({} ردیف حذف، {} ردیف به مقدار پیشین)",
        kind.label(),
        m.file_name,
        crate::persian::format_number(removed as i64),
        crate::persian::format_number(previous.len() as i64)
    );
    let mut am: water_import::ActiveModel = m.into();
    am.state = Set("undone".into());
    am.undone_at = Set(Some(chrono::Utc::now()));
    am.update(&txn).await?;
    audit::record(
        &txn,
        acting,
        Event::new("water.import_undone", summary)
            .section(SECTION)
            .target("water_import", id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Drops a staged import without storing anything.
pub async fn discard(db: &DatabaseConnection, acting: &Acting, id: i32) -> AppResult<()> {
    allowed(db, acting).await?;
    let m = water_import::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|m| m.state == "staged")
        .ok_or(AppError::NotFound)?;
    let mut am: water_import::ActiveModel = m.into();
    am.state = Set("discarded".into());
    am.update(db).await?;
    Ok(())
}

/// Stores one row entered by hand (import id none), replacing a stored value for the same
/// place and day; a short description for the log.
pub(crate) async fn store_one<C: ConnectionTrait>(
    db: &C,
    kind: ImportKind,
    row: &Row,
) -> AppResult<String> {
    let stored = existing(db, kind, std::slice::from_ref(row)).await?;
    match stored.get(&row.key()) {
        Some(p) => update(db, kind, p.id, &row.values(), None).await?,
        None => insert(db, &[row], 0).await?,
    }
    Ok(row.cells().join("، "))
}
