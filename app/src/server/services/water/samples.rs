//! Demo water data, marked as sample: stations, dams and aquifers of Qom province with made-up
//! observations from 1 Mehr two water years ago to today — rain mostly from Aban to
//! Ordibehesht, dams filling in spring and drawn down in summer. The numbers come from a
//! fixed pseudo-random sequence, so every demo database tells the same story.

use super::import::{insert, Row};
use super::year::{add_days, key, today, water_day, water_year_of, water_year_start};
use crate::error::AppResult;
use crate::server::entities::{aquifer, dam, rain_gauge};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

/// (name, county, latitude, longitude, elevation, long-term annual mm)
const STATIONS: &[(&str, &str, f64, f64, i32, f64)] = &[
    ("قم (نمونه)", "قم", 34.64, 50.88, 930, 153.0),
    ("کهک (نمونه)", "کهک", 34.39, 50.86, 1420, 231.0),
    ("جعفریه (نمونه)", "جعفریه", 34.77, 50.52, 1210, 178.0),
    ("سلفچگان (نمونه)", "سلفچگان", 34.48, 50.46, 1530, 215.0),
    ("دستجرد (نمونه)", "خلجستان", 34.53, 50.25, 1890, 262.0),
    ("قنوات (نمونه)", "قم", 34.61, 51.02, 890, 139.0),
];

/// (name, river, county, capacity, dead storage, in service since, long-term inflow)
const DAMS: &[(&str, &str, &str, f64, f64, i32, f64)] = &[
    (
        "سد پانزده خرداد (نمونه)",
        "قمرود",
        "قم",
        175.0,
        8.0,
        1373,
        95.0,
    ),
    ("سد کبار (نمونه)", "کبار", "کهک", 1.2, 0.1, 1300, 0.9),
];

/// (name, area km², wells)
const AQUIFERS: &[(&str, f64, i32)] = &[
    ("دشت قم (نمونه)", 2480.0, 1630),
    ("دشت کهک (نمونه)", 610.0, 420),
    ("دشت جعفریه (نمونه)", 740.0, 510),
];

/// A small linear congruential generator: the same numbers on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as f64) / ((1u64 << 31) as f64)
    }
}

/// The chance of rain on a day of the water year (0 = 1 Mehr), by month.
fn rain_chance(water_day: u16) -> f64 {
    match water_day / 30 {
        0 => 0.02,     // Mehr
        1 => 0.10,     // Aban
        2..=3 => 0.16, // Azar, Dey
        4..=5 => 0.18, // Bahman, Esfand
        6 => 0.15,     // Farvardin
        7 => 0.08,     // Ordibehesht
        _ => 0.01,     // summer
    }
}

/// Whether sample water data is there already.
pub async fn present<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    Ok(rain_gauge::Entity::find()
        .filter(rain_gauge::Column::IsSample.eq(true))
        .count(db)
        .await?
        > 0)
}

/// Loads the sample registers and observations; the number of observation rows.
pub async fn seed<C: ConnectionTrait>(db: &C) -> AppResult<usize> {
    if present(db).await? {
        return Ok(0);
    }
    let now = chrono::Utc::now();
    let end = today();
    let start = water_year_start(water_year_of(end) - 2);
    let days = end.to_jdn() - start.to_jdn();
    let mut rng = Lcg(1403);
    let mut rows = Vec::new();

    for (i, (name, county, lat, lon, elevation, average)) in STATIONS.iter().enumerate() {
        let s = rain_gauge::ActiveModel {
            name: Set((*name).into()),
            county: Set((*county).into()),
            latitude: Set(*lat),
            longitude: Set(*lon),
            elevation: Set(Some(*elevation)),
            active: Set(true),
            long_term_mm: Set(Some(*average)),
            is_sample: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        // A rainy day brings about average / (expected rainy days) mm, give or take.
        let scale = average / 32.0;
        for n in 0..=days {
            let d = add_days(start, n);
            let wet = rng.next() < rain_chance(water_day(d));
            let amount = if wet {
                (rng.next() * 2.0 * scale * (1.0 + i as f64 * 0.05)).max(0.2)
            } else {
                0.0
            };
            rows.push(Row::Rain {
                station_id: s.id,
                name: String::new(),
                day: key(d),
                mm: (amount * 10.0).round() / 10.0,
            });
        }
    }

    for (name, river, county, capacity, dead, since, long_term) in DAMS {
        let d = dam::ActiveModel {
            name: Set((*name).into()),
            river: Set((*river).into()),
            county: Set((*county).into()),
            capacity: Set(*capacity),
            dead_storage: Set(*dead),
            year_in_service: Set(Some(*since)),
            long_term_inflow: Set(Some(*long_term)),
            is_sample: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut storage = capacity * 0.35;
        for n in 0..=days {
            let day = add_days(start, n);
            let wd = water_day(day);
            // Inflow peaks in Esfand–Ordibehesht; outflow follows the irrigation season.
            let season_in = match wd / 30 {
                4..=7 => 1.0,
                2..=3 => 0.4,
                _ => 0.1,
            };
            let season_out = match wd / 30 {
                8..=11 => 1.0,
                6..=7 => 0.6,
                _ => 0.25,
            };
            let inflow = long_term / 150.0 * season_in * (0.6 + rng.next() * 0.8);
            let outflow = (long_term / 160.0 * season_out * (0.8 + rng.next() * 0.4))
                .min(storage - dead * 0.5);
            let outflow = outflow.max(0.0);
            storage = (storage + inflow - outflow).clamp(*dead, *capacity);
            let r = |x: f64| (x * 1000.0).round() / 1000.0;
            rows.push(Row::Dam {
                dam_id: d.id,
                name: String::new(),
                day: key(day),
                storage: r(storage),
                inflow: r(inflow),
                outflow: r(outflow),
                level: None,
            });
        }
    }

    let first_year = water_year_of(end) - 6;
    for (name, area, wells) in AQUIFERS {
        let a = aquifer::ActiveModel {
            name: Set((*name).into()),
            area_km2: Set(*area),
            wells: Set(*wells),
            is_sample: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        for wy in first_year..water_year_of(end) {
            let drop = -(0.4 + rng.next() * 0.9);
            let r2 = |x: f64| (x * 100.0).round() / 100.0;
            rows.push(Row::Aquifer {
                aquifer_id: a.id,
                name: String::new(),
                water_year: wy,
                table_change: r2(drop),
                storage_change: r2(drop * area * 0.05),
                extraction: r2(*wells as f64 * 0.12 * (0.9 + rng.next() * 0.2)),
            });
        }
    }
    let refs: Vec<&Row> = rows.iter().collect();
    insert(db, &refs, 0).await?;
    Ok(rows.len())
}
