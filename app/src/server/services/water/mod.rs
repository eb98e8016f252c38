//! Water-resources statistics: the stations, dams and aquifers the `water` section's
//! custodian keeps, their observations, and the figures the public pages show — the water
//! year to date (from 1 Mehr) against the same period last year and the long-term average.
//! The arithmetic over days is in [`year`]; bulk imports in [`import`]; demo data in
//! [`samples`].

pub mod bulletin;
pub mod import;
pub mod open;
pub mod samples;
pub mod year;

use crate::error::{AppError, AppResult};
use crate::model::{
    AquiferStatus, AquiferYear, DamDetail, DamStatus, Mover, RainGauges, StationDetail,
    StationStatus, WaterDashboard,
};
use crate::persian::jalali::JalaliDate;
use crate::server::entities::{aquifer, aquifer_year, dam, dam_reading, rain_gauge, rainfall};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TryIntoModel,
};
use std::collections::{BTreeMap, HashMap};
use year::{key, last_year, water_day, water_year_of};

/// The section whose custodians keep the water data.
pub const SECTION: &str = "water";

pub(crate) fn invalid(field: &str, message: impl Into<String>) -> AppError {
    AppError::validation(field, message)
}

pub(crate) async fn allowed<C: ConnectionTrait>(db: &C, acting: &Acting) -> AppResult<()> {
    permission::authorize(db, acting, Action::EditContent, SECTION, None).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Rainfall

/// One station's rainfall totals over the same span (1 Mehr to the day) of each water year.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct RainTotals {
    pub this_year: Option<f64>,
    pub last_year: Option<f64>,
    pub average: Option<f64>,
}

/// Totals from a station's daily rows (any order): the water year of `as_of` to that day,
/// the same span of the year before, and the mean of that span over every earlier water
/// year with any observation at the station (a year with no row at all is not on record).
pub fn rain_totals<'a>(
    rows: impl Iterator<Item = (&'a str, f64)>,
    as_of: JalaliDate,
) -> RainTotals {
    let wy = water_year_of(as_of);
    let end = key(as_of);
    // water year → total over its span (present: the year is on record)
    let mut years: BTreeMap<i32, f64> = BTreeMap::new();
    for (day, mm) in rows {
        if day > end.as_str() {
            continue;
        }
        let Ok(d) = JalaliDate::parse(day) else {
            continue;
        };
        let y = water_year_of(d);
        let slot = years.entry(y).or_insert(0.0);
        if year::in_span(d, as_of) {
            *slot += mm;
        }
    }
    let earlier: Vec<f64> = years.range(..wy).map(|(_, v)| *v).collect();
    RainTotals {
        this_year: years.get(&wy).copied(),
        last_year: years.get(&(wy - 1)).copied(),
        average: (!earlier.is_empty()).then(|| earlier.iter().sum::<f64>() / earlier.len() as f64),
    }
}

async fn rain_rows(
    db: &DatabaseConnection,
    until: &str,
) -> AppResult<HashMap<i32, Vec<(String, f64)>>> {
    let mut by_station: HashMap<i32, Vec<(String, f64)>> = HashMap::new();
    for r in rainfall::Entity::find()
        .filter(rainfall::Column::Day.lte(until))
        .all(db)
        .await?
    {
        by_station
            .entry(r.station_id)
            .or_default()
            .push((r.day, r.mm));
    }
    Ok(by_station)
}

fn station_status(s: rain_gauge::Model, t: RainTotals) -> StationStatus {
    StationStatus {
        id: s.id,
        name: s.name,
        county: s.county,
        latitude: s.latitude,
        longitude: s.longitude,
        elevation: s.elevation,
        active: s.active,
        long_term_mm: s.long_term_mm,
        total_mm: t.this_year,
        last_year_mm: t.last_year,
        average_mm: t.average,
        is_sample: s.is_sample,
    }
}

pub(crate) async fn stations_at(
    db: &DatabaseConnection,
    as_of: JalaliDate,
) -> AppResult<Vec<StationStatus>> {
    let rows = rain_rows(db, &key(as_of)).await?;
    stations_with(db, &rows, as_of).await
}

/// The stations with their figures from rows already read (station → (day, mm)).
async fn stations_with(
    db: &DatabaseConnection,
    rows: &HashMap<i32, Vec<(String, f64)>>,
    as_of: JalaliDate,
) -> AppResult<Vec<StationStatus>> {
    Ok(rain_gauge::Entity::find()
        .order_by_asc(rain_gauge::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|s| {
            let t = rows
                .get(&s.id)
                .map(|r| rain_totals(r.iter().map(|(d, v)| (d.as_str(), *v)), as_of))
                .unwrap_or_default();
            station_status(s, t)
        })
        .collect())
}

/// Every station with its water year to date.
pub async fn rain_gauges(
    db: &DatabaseConnection,
    as_of: Option<JalaliDate>,
) -> AppResult<RainGauges> {
    let as_of = as_of.unwrap_or_else(year::today);
    Ok(RainGauges {
        as_of: key(as_of),
        water_year: water_year_of(as_of),
        stations: stations_at(db, as_of).await?,
    })
}

/// One station: daily rainfall this water year, and the running totals of this year and last.
pub async fn station(
    db: &DatabaseConnection,
    id: i32,
    as_of: Option<JalaliDate>,
) -> AppResult<StationDetail> {
    let as_of = as_of.unwrap_or_else(year::today);
    let s = rain_gauge::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let wy = water_year_of(as_of);
    // One read: every row to the day serves the totals; the last two years, the charts.
    let all = rain_rows_of(db, id, &key(as_of)).await?;
    let totals = rain_totals(all.iter().map(|(d, v)| (d.as_str(), *v)), as_of);
    let since = key(year::water_year_start(wy - 1));
    let rows = all.iter().filter(|(d, _)| *d >= since);
    let mut daily = Vec::new();
    let (mut cumulative, mut cumulative_last) = (Vec::new(), Vec::new());
    let (mut run, mut run_last) = (0.0, 0.0);
    for (day, mm) in rows {
        let Ok(d) = JalaliDate::parse(day) else {
            continue;
        };
        if water_year_of(d) == wy {
            run += mm;
            daily.push((water_day(d), *mm));
            cumulative.push((water_day(d), run));
        } else {
            run_last += mm;
            cumulative_last.push((water_day(d), run_last));
        }
    }
    Ok(StationDetail {
        status: station_status(s, totals),
        as_of: key(as_of),
        water_year: wy,
        daily,
        cumulative,
        cumulative_last_year: cumulative_last,
    })
}

async fn rain_rows_of(
    db: &DatabaseConnection,
    id: i32,
    until: &str,
) -> AppResult<Vec<(String, f64)>> {
    Ok(rainfall::Entity::find()
        .filter(rainfall::Column::StationId.eq(id))
        .filter(rainfall::Column::Day.lte(until))
        .order_by_asc(rainfall::Column::Day)
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.day, r.mm))
        .collect())
}

// ---------------------------------------------------------------------------------------
// Dams

/// A dam's figures from its readings (any order) for the day `as_of`.
pub fn dam_status(d: dam::Model, readings: &[dam_reading::Model], as_of: JalaliDate) -> DamStatus {
    let wy = water_year_of(as_of);
    let end = key(as_of);
    let ly = last_year(as_of);
    let ly_end = key(ly);
    let latest = |until: &str, from: &str| {
        readings
            .iter()
            .filter(|r| r.day.as_str() <= until && r.day.as_str() >= from)
            .max_by(|a, b| a.day.cmp(&b.day))
    };
    // Storage is a level: the latest reading of the last 30 days, across 1 Mehr too.
    let now = latest(&end, &key(year::add_days(as_of, -30)));
    let then = latest(&ly_end, &key(year::add_days(ly, -30)));
    let sums = |y: i32| {
        let mut on_record = false;
        let (mut i, mut o) = (0.0, 0.0);
        for r in readings {
            let Ok(day) = JalaliDate::parse(&r.day) else {
                continue;
            };
            if water_year_of(day) == y && year::in_span(day, as_of) {
                on_record = true;
                i += r.inflow;
                o += r.outflow;
            }
        }
        on_record.then_some((i, o))
    };
    let (inflow, outflow) = sums(wy).unwrap_or((0.0, 0.0));
    let last = sums(wy - 1);
    DamStatus {
        id: d.id,
        name: d.name,
        river: d.river,
        county: d.county,
        capacity: d.capacity,
        dead_storage: d.dead_storage,
        year_in_service: d.year_in_service,
        long_term_inflow: d.long_term_inflow,
        reading_day: now.map(|r| r.day.clone()),
        storage: now.map(|r| r.storage),
        level: now.and_then(|r| r.level),
        storage_last_year: then.map(|r| r.storage),
        inflow,
        inflow_last_year: last.map(|l| l.0),
        outflow,
        outflow_last_year: last.map(|l| l.1),
        is_sample: d.is_sample,
    }
}

async fn readings_since(
    db: &DatabaseConnection,
    dam_id: Option<i32>,
    from: JalaliDate,
    until: JalaliDate,
) -> AppResult<HashMap<i32, Vec<dam_reading::Model>>> {
    let mut q = dam_reading::Entity::find()
        .filter(dam_reading::Column::Day.gte(key(from)))
        .filter(dam_reading::Column::Day.lte(key(until)));
    if let Some(id) = dam_id {
        q = q.filter(dam_reading::Column::DamId.eq(id));
    }
    let mut out: HashMap<i32, Vec<dam_reading::Model>> = HashMap::new();
    for r in q.order_by_asc(dam_reading::Column::Day).all(db).await? {
        out.entry(r.dam_id).or_default().push(r);
    }
    Ok(out)
}

/// Every dam's state on `as_of` (today if none).
pub async fn dams(db: &DatabaseConnection, as_of: Option<JalaliDate>) -> AppResult<Vec<DamStatus>> {
    let as_of = as_of.unwrap_or_else(year::today);
    let from = year::add_days(year::water_year_start(water_year_of(as_of) - 1), -31);
    let readings = readings_since(db, None, from, as_of).await?;
    dams_with(db, &readings, as_of).await
}

/// The dams with their figures from readings already read (dam → readings by day).
async fn dams_with(
    db: &DatabaseConnection,
    readings: &HashMap<i32, Vec<dam_reading::Model>>,
    as_of: JalaliDate,
) -> AppResult<Vec<DamStatus>> {
    Ok(dam::Entity::find()
        .order_by_asc(dam::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|d| {
            let r = readings.get(&d.id).map(Vec::as_slice).unwrap_or_default();
            dam_status(d, r, as_of)
        })
        .collect())
}

/// One dam: its state and its storage, inflow and outflow over this water year and last.
pub async fn dam_detail(
    db: &DatabaseConnection,
    id: i32,
    as_of: Option<JalaliDate>,
) -> AppResult<DamDetail> {
    let as_of = as_of.unwrap_or_else(year::today);
    let d = dam::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let wy = water_year_of(as_of);
    let from = year::add_days(year::water_year_start(wy - 1), -31);
    let readings = readings_since(db, Some(id), from, as_of)
        .await?
        .remove(&id)
        .unwrap_or_default();
    let mut detail = DamDetail {
        status: dam_status(d, &readings, as_of),
        water_year: wy,
        storage: Vec::new(),
        storage_last_year: Vec::new(),
        inflow: Vec::new(),
        outflow: Vec::new(),
    };
    for r in &readings {
        let Ok(day) = JalaliDate::parse(&r.day) else {
            continue;
        };
        let x = water_day(day);
        if water_year_of(day) == wy {
            detail.storage.push((x, r.storage));
            detail.inflow.push((x, r.inflow));
            detail.outflow.push((x, r.outflow));
        } else if water_year_of(day) == wy - 1 {
            detail.storage_last_year.push((x, r.storage));
        }
    }
    Ok(detail)
}

// ---------------------------------------------------------------------------------------
// Aquifers

pub async fn aquifers(db: &DatabaseConnection) -> AppResult<Vec<AquiferStatus>> {
    let mut years: HashMap<i32, Vec<AquiferYear>> = HashMap::new();
    for y in aquifer_year::Entity::find()
        .order_by_asc(aquifer_year::Column::WaterYear)
        .all(db)
        .await?
    {
        years.entry(y.aquifer_id).or_default().push(AquiferYear {
            water_year: y.water_year,
            table_change: y.table_change,
            storage_change: y.storage_change,
            extraction: y.extraction,
        });
    }
    Ok(aquifer::Entity::find()
        .order_by_asc(aquifer::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|a| AquiferStatus {
            years: years.remove(&a.id).unwrap_or_default(),
            id: a.id,
            name: a.name,
            area_km2: a.area_km2,
            wells: a.wells,
            is_sample: a.is_sample,
        })
        .collect())
}

// ---------------------------------------------------------------------------------------
// The dashboard

/// The province on `as_of` (today if none): rainfall and dam storage for the water year to
/// date against last year and the average, and the week's biggest movements.
pub async fn dashboard(
    db: &DatabaseConnection,
    as_of: Option<JalaliDate>,
) -> AppResult<WaterDashboard> {
    let as_of = as_of.unwrap_or_else(year::today);
    // One read of the rainfall and one of the dam readings serve every figure below.
    let rain = rain_rows(db, &key(as_of)).await?;
    let stations = stations_with(db, &rain, as_of).await?;
    let from = year::add_days(year::water_year_start(water_year_of(as_of) - 1), -31);
    let readings = readings_since(db, None, from, as_of).await?;
    let dams = dams_with(db, &readings, as_of).await?;
    let active: Vec<&StationStatus> = stations.iter().filter(|s| s.active).collect();
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    // A comparison is over the stations (dams) that have both figures.
    let pairs = |other: &dyn Fn(&StationStatus) -> Option<f64>| {
        let both: Vec<(f64, f64)> = active
            .iter()
            .filter_map(|s| s.total_mm.zip(other(s)))
            .collect();
        (
            mean(both.iter().map(|p| p.0).collect()),
            mean(both.iter().map(|p| p.1).collect()),
        )
    };
    let (now_vs_last, last) = pairs(&|s| s.last_year_mm);
    let (now_vs_average, average) = pairs(&|s| s.average_mm);
    let read: Vec<&DamStatus> = dams.iter().filter(|d| d.storage.is_some()).collect();
    let both: Vec<(f64, f64)> = read
        .iter()
        .filter_map(|d| d.storage.zip(d.storage_last_year))
        .collect();
    let sum = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>());

    // The week: rainfall in the last seven days, and each dam's storage change.
    let week_start = year::add_days(as_of, -6);
    let mut movers = Vec::new();
    let (week_first, week_last) = (key(week_start), key(as_of));
    let rain_week: HashMap<i32, f64> = rain
        .iter()
        .map(|(id, rows)| {
            let mm = rows
                .iter()
                .filter(|(d, _)| *d >= week_first && *d <= week_last)
                .map(|(_, mm)| mm)
                .sum();
            (*id, mm)
        })
        .collect();
    let mut rain_movers: Vec<Mover> = stations
        .iter()
        .filter_map(|s| {
            let mm = *rain_week.get(&s.id)?;
            (mm > 0.0).then(|| Mover {
                name: s.name.clone(),
                what: "بارش هفت روز گذشته".into(),
                change: mm,
                unit: "mm".into(),
                href: format!("/water/rain-gauges/{}", s.id),
            })
        })
        .collect();
    rain_movers.sort_by(|a, b| b.change.total_cmp(&a.change));
    movers.extend(rain_movers.into_iter().take(3));
    let before = year::add_days(as_of, -7);
    let earlier: HashMap<i32, f64> = readings
        .iter()
        .filter_map(|(id, r)| Some((*id, storage_on(r, before)?)))
        .collect();
    let mut dam_movers: Vec<Mover> = dams
        .iter()
        .filter_map(|d| {
            let change = d.storage? - *earlier.get(&d.id)?;
            (change.abs() >= 0.005).then(|| Mover {
                name: d.name.clone(),
                what: "تغییر حجم مخزن در هفته".into(),
                change,
                unit: "mcm".into(),
                href: format!("/water/dams/{}", d.id),
            })
        })
        .collect();
    dam_movers.sort_by(|a, b| b.change.abs().total_cmp(&a.change.abs()));
    movers.extend(dam_movers.into_iter().take(3));

    Ok(WaterDashboard {
        as_of: key(as_of),
        water_year: water_year_of(as_of),
        rainfall_mm: mean(active.iter().filter_map(|s| s.total_mm).collect()),
        rainfall_vs_last_year_mm: now_vs_last,
        rainfall_last_year_mm: last,
        rainfall_vs_average_mm: now_vs_average,
        rainfall_average_mm: average,
        stations: active.len(),
        storage: sum(read.iter().filter_map(|d| d.storage).collect()),
        capacity: read.iter().map(|d| d.capacity).sum(),
        storage_vs_last_year: sum(both.iter().map(|p| p.0).collect()),
        storage_last_year: sum(both.iter().map(|p| p.1).collect()),
        dams: dams.len(),
        movers,
        has_samples: stations.iter().any(|s| s.is_sample) || dams.iter().any(|d| d.is_sample),
    })
}

/// Each dam's storage in its latest reading on or before `day` (within 30 days).
pub(crate) async fn dams_storage_on(
    db: &DatabaseConnection,
    day: JalaliDate,
) -> AppResult<HashMap<i32, f64>> {
    let rows = readings_since(db, None, year::add_days(day, -30), day).await?;
    Ok(rows
        .iter()
        .filter_map(|(id, r)| Some((*id, storage_on(r, day)?)))
        .collect())
}

/// A dam's storage in its latest reading on or before `day` within 30 days (readings in
/// day order).
fn storage_on(readings: &[dam_reading::Model], day: JalaliDate) -> Option<f64> {
    let (from, until) = (key(year::add_days(day, -30)), key(day));
    readings
        .iter()
        .rev()
        .find(|r| r.day <= until && r.day >= from)
        .map(|r| r.storage)
}

// ---------------------------------------------------------------------------------------
// Keeping the registers (stations, dams, aquifers) and single observations

/// What a station form sends (numbers in any digit script).
#[derive(Clone, Debug, Default)]
pub struct StationInput {
    pub id: Option<i32>,
    pub name: String,
    pub county: String,
    pub latitude: String,
    pub longitude: String,
    pub elevation: String,
    pub long_term_mm: String,
    pub active: bool,
}

fn name_field(field: &str, value: &str) -> AppResult<String> {
    let v = crate::persian::text::collapse_spaces(value);
    if !(2..=80).contains(&v.chars().count()) {
        return Err(invalid(field, "باید ۲ تا ۸۰ نویسه باشد."));
    }
    Ok(v)
}

/// A decimal typed in any digit script (`۱۲٫۵`, `12.5`); `None` when empty.
pub fn number_field(field: &str, value: &str, min: f64, max: f64) -> AppResult<Option<f64>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let n = crate::persian::parse_decimal(v)
        .ok_or_else(|| invalid(field, "عدد را درست بنویسید (مانند ۱۲٫۵)."))?;
    if !(min..=max).contains(&n) {
        return Err(invalid(
            field,
            format!(
                "باید از {} تا {} باشد.",
                crate::persian::format_decimal(min, 2),
                crate::persian::format_decimal(max, 2)
            ),
        ));
    }
    Ok(Some(n))
}

fn required(field: &str, v: Option<f64>) -> AppResult<f64> {
    v.ok_or_else(|| invalid(field, "این خانه را پر کنید."))
}

pub async fn save_station(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &StationInput,
) -> AppResult<i32> {
    allowed(db, acting).await?;
    let name = name_field("نام ایستگاه", &input.name)?;
    let county = name_field("شهرستان", &input.county)?;
    let lat = required(
        "عرض جغرافیایی",
        number_field("عرض جغرافیایی", &input.latitude, 33.0, 36.0)?,
    )?;
    let lon = required(
        "طول جغرافیایی",
        number_field("طول جغرافیایی", &input.longitude, 49.5, 52.5)?,
    )?;
    let elevation =
        number_field("ارتفاع", &input.elevation, -100.0, 5000.0)?.map(|e| e.round() as i32);
    let long_term = number_field("میانگین بلندمدت", &input.long_term_mm, 0.0, 2000.0)?;
    let txn = crate::server::db::write_txn(db).await?;
    let clash = rain_gauge::Entity::find()
        .filter(rain_gauge::Column::Name.eq(&name))
        .one(&txn)
        .await?
        .is_some_and(|s| Some(s.id) != input.id);
    if clash {
        return Err(invalid("نام ایستگاه", "ایستگاهی با همین نام هست."));
    }
    let mut am = match input.id {
        Some(id) => rain_gauge::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
        None => rain_gauge::ActiveModel {
            is_sample: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    am.name = Set(name.clone());
    am.county = Set(county);
    am.latitude = Set(lat);
    am.longitude = Set(lon);
    am.elevation = Set(elevation);
    am.long_term_mm = Set(long_term);
    am.active = Set(input.active);
    let id = am.save(&txn).await?.try_into_model()?.id;
    audit::record(
        &txn,
        acting,
        Event::new("water.register", format!("ایستگاه باران‌سنجی: {name}"))
            .section(SECTION)
            .target("rain_gauge", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// What a dam form sends.
#[derive(Clone, Debug, Default)]
pub struct DamInput {
    pub id: Option<i32>,
    pub name: String,
    pub river: String,
    pub county: String,
    pub capacity: String,
    pub dead_storage: String,
    pub year_in_service: String,
    pub long_term_inflow: String,
}

pub async fn save_dam(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &DamInput,
) -> AppResult<i32> {
    allowed(db, acting).await?;
    let name = name_field("نام سد", &input.name)?;
    let river = name_field("رودخانه", &input.river)?;
    let county = name_field("شهرستان", &input.county)?;
    let capacity = required(
        "گنجایش",
        number_field("گنجایش", &input.capacity, 0.01, 100_000.0)?,
    )?;
    let dead = number_field("حجم مرده", &input.dead_storage, 0.0, capacity)?.unwrap_or(0.0);
    let since =
        number_field("سال بهره‌برداری", &input.year_in_service, 1250.0, 1500.0)?.map(|y| y as i32);
    let long_term = number_field(
        "میانگین بلندمدت ورودی",
        &input.long_term_inflow,
        0.0,
        100_000.0,
    )?;
    let txn = crate::server::db::write_txn(db).await?;
    if dam::Entity::find()
        .filter(dam::Column::Name.eq(&name))
        .one(&txn)
        .await?
        .is_some_and(|d| Some(d.id) != input.id)
    {
        return Err(invalid("نام سد", "سدی با همین نام هست."));
    }
    let mut am = match input.id {
        Some(id) => dam::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
        None => dam::ActiveModel {
            is_sample: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    am.name = Set(name.clone());
    am.river = Set(river);
    am.county = Set(county);
    am.capacity = Set(capacity);
    am.dead_storage = Set(dead);
    am.year_in_service = Set(since);
    am.long_term_inflow = Set(long_term);
    let id = am.save(&txn).await?.try_into_model()?.id;
    audit::record(
        &txn,
        acting,
        Event::new("water.register", format!("سد: {name}"))
            .section(SECTION)
            .target("dam", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// What an aquifer form sends.
#[derive(Clone, Debug, Default)]
pub struct AquiferInput {
    pub id: Option<i32>,
    pub name: String,
    pub area_km2: String,
    pub wells: String,
}

pub async fn save_aquifer(
    db: &DatabaseConnection,
    acting: &Acting,
    input: &AquiferInput,
) -> AppResult<i32> {
    allowed(db, acting).await?;
    let name = name_field("نام آبخوان", &input.name)?;
    let area = required(
        "مساحت",
        number_field("مساحت", &input.area_km2, 1.0, 100_000.0)?,
    )?;
    let wells = required(
        "شمار چاه‌ها",
        number_field("شمار چاه‌ها", &input.wells, 0.0, 1_000_000.0)?,
    )?;
    let txn = crate::server::db::write_txn(db).await?;
    if aquifer::Entity::find()
        .filter(aquifer::Column::Name.eq(&name))
        .one(&txn)
        .await?
        .is_some_and(|a| Some(a.id) != input.id)
    {
        return Err(invalid("نام آبخوان", "آبخوانی با همین نام هست."));
    }
    let mut am = match input.id {
        Some(id) => aquifer::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
        None => aquifer::ActiveModel {
            is_sample: Set(false),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        },
    };
    am.name = Set(name.clone());
    am.area_km2 = Set(area);
    am.wells = Set(wells.round() as i32);
    let id = am.save(&txn).await?.try_into_model()?.id;
    audit::record(
        &txn,
        acting,
        Event::new("water.register", format!("آبخوان: {name}"))
            .section(SECTION)
            .target("aquifer", id),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}

/// Enters (or corrects) one observation by hand: the cells of one import row, checked by the
/// same rules as a file. A stored value for the same place and day is replaced.
pub async fn enter(
    db: &DatabaseConnection,
    acting: &Acting,
    kind: crate::model::ImportKind,
    cells: Vec<String>,
) -> AppResult<()> {
    allowed(db, acting).await?;
    let header: Vec<String> = kind.columns().iter().map(|s| s.to_string()).collect();
    let (rows, problems) = import::check(db, kind, &[header, cells]).await?;
    if let Some(p) = problems.into_iter().next() {
        return Err(invalid(&p.column, p.message));
    }
    let row = rows.into_iter().next().ok_or(AppError::Internal)?;
    let txn = crate::server::db::write_txn(db).await?;
    let summary = import::store_one(&txn, kind, &row).await?;
    audit::record(
        &txn,
        acting,
        Event::new("water.observation", format!("{}: {summary}", kind.label())).section(SECTION),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The custodian's screen: the registers, with today's figures, and the latest imports.
pub async fn staff(
    db: &DatabaseConnection,
    acting: &Acting,
) -> AppResult<crate::model::WaterStaff> {
    allowed(db, acting).await?;
    Ok(crate::model::WaterStaff {
        stations: stations_at(db, year::today()).await?,
        dams: dams(db, None).await?,
        aquifers: aquifers(db).await?,
        imports: import::recent(db, acting).await?,
    })
}
