//! The weekly statistical bulletin (آمارنامه هفتگی): generated from the stored data for any
//! Jalali week (Saturday to Friday), printable, and published by the custodian with one click
//! (a published week is listed publicly; its figures are always the current data's).

use super::year::{add_days, key, water_year_of, week_of};
use super::{allowed, SECTION};
use crate::error::{AppError, AppResult};
use crate::model::{BulletinDam, BulletinRow, BulletinStation, WeeklyBulletin};
use crate::persian::jalali::JalaliDate;
use crate::server::entities::{dam_reading, rainfall, user, water_bulletin};
use crate::server::services::audit::{self, Event};
use crate::server::services::permission::{self, Acting, Action};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

/// The bulletin of the week holding `day`; staff who keep the section may preview any week,
/// others only published ones.
pub async fn bulletin(
    db: &DatabaseConnection,
    acting: &Acting,
    day: JalaliDate,
) -> AppResult<WeeklyBulletin> {
    let (first, last) = week_of(day);
    let published = water_bulletin::Entity::find_by_id(key(first))
        .one(db)
        .await?;
    let may_publish = allowed(db, acting).await.is_ok();
    if published.is_none() && !may_publish {
        return Err(AppError::NotFound);
    }
    let stations = super::stations_at(db, last).await?;
    let mut week_rain: HashMap<i32, f64> = HashMap::new();
    for r in rainfall::Entity::find()
        .filter(rainfall::Column::Day.gte(key(first)))
        .filter(rainfall::Column::Day.lte(key(last)))
        .all(db)
        .await?
    {
        *week_rain.entry(r.station_id).or_default() += r.mm;
    }
    let dams = super::dams(db, Some(last)).await?;
    let mut week_flow: HashMap<i32, (f64, f64)> = HashMap::new();
    for r in dam_reading::Entity::find()
        .filter(dam_reading::Column::Day.gte(key(first)))
        .filter(dam_reading::Column::Day.lte(key(last)))
        .all(db)
        .await?
    {
        let e = week_flow.entry(r.dam_id).or_default();
        e.0 += r.inflow;
        e.1 += r.outflow;
    }
    let before = super::dams_storage_on(db, add_days(first, -1)).await?;
    let active: Vec<_> = stations.iter().filter(|s| s.active).collect();
    let both: Vec<(f64, f64)> = active
        .iter()
        .filter_map(|s| s.total_mm.zip(s.last_year_mm))
        .collect();
    let mean = |v: Vec<f64>| (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
    let by = match published.as_ref().and_then(|p| p.user_id) {
        Some(id) => user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.full_name),
        None => None,
    };
    Ok(WeeklyBulletin {
        week_start: key(first),
        week_end: key(last),
        water_year: water_year_of(last),
        rainfall_week_mm: mean(
            active
                .iter()
                .map(|s| week_rain.get(&s.id).copied().unwrap_or(0.0))
                .collect(),
        ),
        rainfall_mm: mean(active.iter().filter_map(|s| s.total_mm).collect()),
        rainfall_last_year_mm: mean(both.iter().map(|p| p.1).collect()),
        rainfall_vs_last_year_mm: mean(both.iter().map(|p| p.0).collect()),
        has_samples: stations.iter().any(|s| s.is_sample) || dams.iter().any(|d| d.is_sample),
        stations: stations
            .iter()
            .map(|s| BulletinStation {
                name: s.name.clone(),
                week_mm: week_rain.get(&s.id).copied().unwrap_or(0.0),
                total_mm: s.total_mm,
                last_year_mm: s.last_year_mm,
                average_mm: s.average_mm,
            })
            .collect(),
        dams: dams
            .iter()
            .map(|d| {
                let (i, o) = week_flow.get(&d.id).copied().unwrap_or_default();
                BulletinDam {
                    name: d.name.clone(),
                    capacity: d.capacity,
                    storage: d.storage,
                    change: d.storage.zip(before.get(&d.id)).map(|(a, b)| a - b),
                    inflow_week: i,
                    outflow_week: o,
                    storage_last_year: d.storage_last_year,
                }
            })
            .collect(),
        published_at: published.as_ref().map(|p| p.published_at.timestamp()),
        published_by: by,
        may_publish,
    })
}

/// Publishes the week holding `day` (once; publishing again is a no-op).
pub async fn publish(db: &DatabaseConnection, acting: &Acting, day: JalaliDate) -> AppResult<()> {
    // Publishing speaks for the company: it needs the right to publish in the section (a
    // section set to review leaves it to the administrator).
    permission::authorize(db, acting, Action::PublishContent, SECTION, None).await?;
    let actor = acting.signed_in()?;
    let (first, last) = week_of(day);
    if last > super::year::today() {
        return Err(super::invalid(
            "هفته",
            "آمارنامه‌ی هفته‌ای را که هنوز تمام نشده نمی‌توان منتشر کرد.",
        ));
    }
    let txn = crate::server::db::write_txn(db).await?;
    if water_bulletin::Entity::find_by_id(key(first))
        .one(&txn)
        .await?
        .is_some()
    {
        return Ok(());
    }
    water_bulletin::ActiveModel {
        week_start: Set(key(first)),
        week_end: Set(key(last)),
        user_id: Set(Some(actor.user_id)),
        published_at: Set(chrono::Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        acting,
        Event::new(
            "water.bulletin",
            format!("آمارنامه‌ی هفته‌ی {} تا {}", first.format(), last.format()),
        )
        .section(SECTION)
        .target("water_bulletin", key(first)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The published bulletins, newest first.
pub async fn published(db: &DatabaseConnection) -> AppResult<Vec<BulletinRow>> {
    Ok(water_bulletin::Entity::find()
        .order_by_desc(water_bulletin::Column::WeekStart)
        .all(db)
        .await?
        .into_iter()
        .map(|b| BulletinRow {
            week_start: b.week_start,
            week_end: b.week_end,
            published_at: b.published_at.timestamp(),
        })
        .collect())
}
