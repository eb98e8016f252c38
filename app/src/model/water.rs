//! Water-resources statistics as the pages show them: figures already computed on the server
//! (water year to date from 1 Mehr, against last year and the long-term average), series for
//! the charts, and the bulk-import preview. Volumes in million m³, rainfall in mm; days are
//! Jalali, `1403/07/01` (Latin digits).

use serde::{Deserialize, Serialize};

/// A point of a chart series: the day of the water year (0 = 1 Mehr) and a value.
pub type Point = (u16, f64);

/// The province at a glance, for the water dashboard and the home page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaterDashboard {
    /// The day the figures are for (the latest day with data, or today).
    pub as_of: String,
    /// The water year's first Jalali year (1403 = 1 Mehr 1403 – 31 Shahrivar 1404).
    pub water_year: i32,
    /// Mean over the active stations of rainfall since 1 Mehr.
    pub rainfall_mm: Option<f64>,
    /// Last year's same span, and this year's, over the stations that have both.
    pub rainfall_last_year_mm: Option<f64>,
    pub rainfall_vs_last_year_mm: Option<f64>,
    /// The same span's mean over the earlier water years on record, and this year's, over
    /// the stations that have both.
    pub rainfall_average_mm: Option<f64>,
    pub rainfall_vs_average_mm: Option<f64>,
    pub stations: usize,
    /// Total storage of the dams with a reading, and their total capacity.
    pub storage: Option<f64>,
    pub capacity: f64,
    /// Same day last year, and today, over the dams that have both.
    pub storage_last_year: Option<f64>,
    pub storage_vs_last_year: Option<f64>,
    pub dams: usize,
    /// The week's biggest movements, largest first.
    pub movers: Vec<Mover>,
    pub has_samples: bool,
}

/// One figure that moved this week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mover {
    /// Station or dam name.
    pub name: String,
    /// What moved, in Persian (`بارش هفته`, `تغییر حجم مخزن`).
    pub what: String,
    pub change: f64,
    /// `mm` or `mcm`.
    pub unit: String,
    pub href: String,
}

/// A dam with its state on a day and the water year to date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DamStatus {
    pub id: i32,
    pub name: String,
    pub river: String,
    pub county: String,
    pub capacity: f64,
    pub dead_storage: f64,
    pub year_in_service: Option<i32>,
    pub long_term_inflow: Option<f64>,
    /// The latest reading on or before the day asked for.
    pub reading_day: Option<String>,
    pub storage: Option<f64>,
    pub level: Option<f64>,
    pub storage_last_year: Option<f64>,
    pub inflow: f64,
    pub inflow_last_year: Option<f64>,
    pub outflow: f64,
    pub outflow_last_year: Option<f64>,
    pub is_sample: bool,
}

impl DamStatus {
    /// Storage as a share of the total capacity, 0–100.
    pub fn fill_percent(&self) -> Option<f64> {
        fill(self.storage, self.capacity)
    }

    pub fn fill_percent_last_year(&self) -> Option<f64> {
        fill(self.storage_last_year, self.capacity)
    }
}

pub fn fill(storage: Option<f64>, capacity: f64) -> Option<f64> {
    storage
        .filter(|_| capacity > 0.0)
        .map(|s| (s / capacity * 100.0).clamp(0.0, 100.0))
}

/// A dam's page: its status and its storage this water year and last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DamDetail {
    pub status: DamStatus,
    pub water_year: i32,
    pub storage: Vec<Point>,
    pub storage_last_year: Vec<Point>,
    pub inflow: Vec<Point>,
    pub outflow: Vec<Point>,
}

/// A rain-gauge station with its water year to date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationStatus {
    pub id: i32,
    pub name: String,
    pub county: String,
    pub latitude: f64,
    pub longitude: f64,
    pub elevation: Option<i32>,
    pub active: bool,
    pub long_term_mm: Option<f64>,
    /// Since 1 Mehr; `None` when the station reported nothing this year.
    pub total_mm: Option<f64>,
    pub last_year_mm: Option<f64>,
    pub average_mm: Option<f64>,
    pub is_sample: bool,
}

/// The rain-gauge page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RainGauges {
    pub as_of: String,
    pub water_year: i32,
    pub stations: Vec<StationStatus>,
}

/// A station's page: daily rainfall and the running total, this water year and last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StationDetail {
    pub status: StationStatus,
    pub as_of: String,
    pub water_year: i32,
    pub daily: Vec<Point>,
    pub cumulative: Vec<Point>,
    pub cumulative_last_year: Vec<Point>,
}

/// An aquifer with its water-year figures, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AquiferStatus {
    pub id: i32,
    pub name: String,
    pub area_km2: f64,
    pub wells: i32,
    pub years: Vec<AquiferYear>,
    pub is_sample: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AquiferYear {
    pub water_year: i32,
    pub table_change: f64,
    pub storage_change: f64,
    pub extraction: f64,
}

/// What a bulk import holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    Rainfall,
    Dam,
    Aquifer,
}

impl ImportKind {
    pub const ALL: [ImportKind; 3] = [ImportKind::Rainfall, ImportKind::Dam, ImportKind::Aquifer];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Rainfall => "rainfall",
            ImportKind::Dam => "dam",
            ImportKind::Aquifer => "aquifer",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ImportKind::Rainfall => "بارش روزانه",
            ImportKind::Dam => "آمار روزانه‌ی سدها",
            ImportKind::Aquifer => "آمار سالانه‌ی آبخوان‌ها",
        }
    }

    /// The columns a file of this kind has, in order (Persian header; optional ones last).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            ImportKind::Rainfall => &["ایستگاه", "تاریخ", "بارش"],
            ImportKind::Dam => &["سد", "تاریخ", "حجم", "ورودی", "خروجی", "تراز"],
            ImportKind::Aquifer => &["آبخوان", "سال آبی", "تغییر سطح", "تغییر حجم", "برداشت"],
        }
    }
}

/// One problem found in an import file: where and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    /// 1-based, counting the header as row 1 (as a spreadsheet shows it); 0 for the file.
    pub row: usize,
    pub column: String,
    pub message: String,
}

/// A staged (or past) import, as its preview page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i32,
    pub kind: ImportKind,
    pub file_name: String,
    /// `staged`, `committed`, `undone`, `discarded`.
    pub state: String,
    pub rows: usize,
    pub new_rows: usize,
    pub changed_rows: usize,
    pub problems: Vec<ImportProblem>,
    pub headers: Vec<String>,
    /// The first rows as they will be stored.
    pub sample: Vec<Vec<String>>,
    /// Undo is possible (committed, and the latest committed import of its kind).
    pub undoable: bool,
    pub created_at: i64,
    pub by: Option<String>,
}

/// The custodian's water screen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaterStaff {
    pub stations: Vec<StationStatus>,
    pub dams: Vec<DamStatus>,
    pub aquifers: Vec<AquiferStatus>,
    pub imports: Vec<ImportPreview>,
}

/// The weekly statistical bulletin (آمارنامه هفتگی) for one Jalali week (Saturday–Friday).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeeklyBulletin {
    pub week_start: String,
    pub week_end: String,
    pub water_year: i32,
    /// Mean over active stations of the week's rainfall and of the water year to the week's end.
    pub rainfall_week_mm: Option<f64>,
    pub rainfall_mm: Option<f64>,
    /// Last year's span and this year's, over the stations that have both.
    pub rainfall_last_year_mm: Option<f64>,
    pub rainfall_vs_last_year_mm: Option<f64>,
    pub stations: Vec<BulletinStation>,
    pub dams: Vec<BulletinDam>,
    /// When (and by whom) it was published; `None` for a preview.
    pub published_at: Option<i64>,
    pub published_by: Option<String>,
    /// The custodian may publish it (shown only to them).
    pub may_publish: bool,
    pub has_samples: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulletinStation {
    pub name: String,
    pub week_mm: f64,
    pub total_mm: Option<f64>,
    pub last_year_mm: Option<f64>,
    pub average_mm: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulletinDam {
    pub name: String,
    pub capacity: f64,
    pub storage: Option<f64>,
    /// Storage change over the week (from the reading before the week to its last).
    pub change: Option<f64>,
    pub inflow_week: f64,
    pub outflow_week: f64,
    pub storage_last_year: Option<f64>,
}

/// A published bulletin in the list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulletinRow {
    pub week_start: String,
    pub week_end: String,
    pub published_at: i64,
}

/// The bulletin page: the published weeks, the one shown, and whether the visitor keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulletinPage {
    pub list: Vec<BulletinRow>,
    pub current: Option<WeeklyBulletin>,
    pub may_publish: bool,
}
