//! Water statistics: the public figures (dashboard, dams, rain gauges, aquifers) and the
//! custodian's registers, hand entry and bulk imports.
// Form server functions take one argument per field.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{
    AquiferStatus, DamDetail, DamStatus, ImportPreview, RainGauges, StationDetail, WaterDashboard,
    WaterStaff,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
use leptos::server_fn::ServerFn;

/// A day asked for in the address (`?day=1403/08/15`, any digits); today when empty.
#[cfg(feature = "ssr")]
fn day(s: &str) -> Result<Option<crate::persian::jalali::JalaliDate>, AppError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    crate::persian::jalali::JalaliDate::parse(s)
        .map(Some)
        .map_err(|e| AppError::validation("تاریخ", e.message()))
}

#[server(endpoint = "water/dashboard")]
pub async fn get_water_dashboard(
    #[server(default)] day: String,
) -> Result<WaterDashboard, AppError> {
    let (db, _) = super::ctx().await?;
    crate::server::services::water::dashboard(&db, self::day(&day)?).await
}

#[server(endpoint = "water/dams")]
pub async fn water_dams(#[server(default)] day: String) -> Result<Vec<DamStatus>, AppError> {
    let (db, _) = super::ctx().await?;
    crate::server::services::water::dams(&db, self::day(&day)?).await
}

#[server(endpoint = "water/dam")]
pub async fn water_dam(id: i32, #[server(default)] day: String) -> Result<DamDetail, AppError> {
    let (db, _) = super::ctx().await?;
    crate::server::services::water::dam_detail(&db, id, self::day(&day)?).await
}

#[server(endpoint = "water/rain-gauges")]
pub async fn water_rain_gauges(#[server(default)] day: String) -> Result<RainGauges, AppError> {
    let (db, _) = super::ctx().await?;
    crate::server::services::water::rain_gauges(&db, self::day(&day)?).await
}

#[server(endpoint = "water/rain-gauge")]
pub async fn water_rain_gauge(
    id: i32,
    #[server(default)] day: String,
) -> Result<StationDetail, AppError> {
    let (db, _) = super::ctx().await?;
    crate::server::services::water::station(&db, id, self::day(&day)?).await
}

#[server(endpoint = "water/aquifers")]
pub async fn water_aquifers() -> Result<Vec<AquiferStatus>, AppError> {
    let (db, _) = super::ctx().await?;
    crate::server::services::water::aquifers(&db).await
}

#[server(endpoint = "staff/water")]
pub async fn get_water_staff() -> Result<WaterStaff, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::water::staff(&db, &acting).await
}

/// Adds (no `id`) or updates a rain-gauge station.
#[server(endpoint = "staff/water/station")]
pub async fn save_rain_gauge(
    #[server(default)] id: String,
    name: String,
    county: String,
    latitude: String,
    longitude: String,
    #[server(default)] elevation: String,
    #[server(default)] long_term_mm: String,
    #[server(default)] active: String,
) -> Result<(), AppError> {
    use crate::server::services::water::{self, StationInput};
    let (db, acting) = super::ctx().await?;
    let input = StationInput {
        id: id.trim().parse().ok(),
        name,
        county,
        latitude,
        longitude,
        elevation,
        long_term_mm,
        active: !active.is_empty(),
    };
    water::save_station(&db, &acting, &input).await?;
    Ok(())
}

/// Adds (no `id`) or updates a dam.
#[server(endpoint = "staff/water/dam")]
pub async fn save_dam(
    #[server(default)] id: String,
    name: String,
    river: String,
    county: String,
    capacity: String,
    #[server(default)] dead_storage: String,
    #[server(default)] year_in_service: String,
    #[server(default)] long_term_inflow: String,
) -> Result<(), AppError> {
    use crate::server::services::water::{self, DamInput};
    let (db, acting) = super::ctx().await?;
    let input = DamInput {
        id: id.trim().parse().ok(),
        name,
        river,
        county,
        capacity,
        dead_storage,
        year_in_service,
        long_term_inflow,
    };
    water::save_dam(&db, &acting, &input).await?;
    Ok(())
}

/// Adds (no `id`) or updates an aquifer.
#[server(endpoint = "staff/water/aquifer")]
pub async fn save_aquifer(
    #[server(default)] id: String,
    name: String,
    area_km2: String,
    wells: String,
) -> Result<(), AppError> {
    use crate::server::services::water::{self, AquiferInput};
    let (db, acting) = super::ctx().await?;
    let input = AquiferInput {
        id: id.trim().parse().ok(),
        name,
        area_km2,
        wells,
    };
    water::save_aquifer(&db, &acting, &input).await?;
    Ok(())
}

/// One observation entered by hand: `kind` (`rainfall`, `dam`, `aquifer`) and its cells in
/// the order of the import columns (`c0` … `c5`).
#[server(endpoint = "staff/water/enter")]
pub async fn enter_observation(
    kind: String,
    #[server(default)] c0: String,
    #[server(default)] c1: String,
    #[server(default)] c2: String,
    #[server(default)] c3: String,
    #[server(default)] c4: String,
    #[server(default)] c5: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::water::allowed(&db, &acting).await?;
    let kind = crate::model::ImportKind::parse(&kind).ok_or(AppError::NotFound)?;
    let cells = [c0, c1, c2, c3, c4, c5]
        .into_iter()
        .take(kind.columns().len())
        .collect();
    crate::server::services::water::enter(&db, &acting, kind, cells).await
}

/// Reads a CSV or XLSX file (field `attachments`) into a staged import and goes to its
/// preview.
#[server(endpoint = "staff/water/import", input = MultipartFormData)]
pub async fn stage_water_import(data: MultipartData) -> Result<(), AppError> {
    use crate::server::services::attachment::Policy;
    use crate::server::services::water::import;
    const DATA_FILE: Policy = Policy {
        kinds: &[],
        max_bytes: import::MAX_BYTES,
        max_files: 1,
        kinds_label: "CSV یا اکسل (XLSX)",
    };
    let (db, acting) = super::ctx().await?;
    // Who may import is decided before the upload is read.
    crate::server::services::water::allowed(&db, &acting).await?;
    let mut form = super::multipart::read(data, &DATA_FILE).await?;
    let file = form
        .files
        .pop()
        .ok_or_else(|| AppError::validation("پرونده", "پرونده‌ای برگزیده نشد."))?;
    let id = import::stage(&db, &acting, &file.file_name, &file.bytes).await?;
    leptos_axum::redirect(&format!("/staff/water/imports/{id}"));
    Ok(())
}

#[server(endpoint = "staff/water/import/preview")]
pub async fn water_import(id: i32) -> Result<ImportPreview, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::water::import::preview(&db, &acting, id).await
}

/// `commit`, `undo` or `discard` an import.
#[server(endpoint = "staff/water/import/act")]
pub async fn act_on_water_import(id: i32, act: String) -> Result<(), AppError> {
    use crate::server::services::water::import;
    let (db, acting) = super::ctx().await?;
    crate::server::services::water::allowed(&db, &acting).await?;
    match act.as_str() {
        "commit" => import::commit(&db, &acting, id).await,
        "undo" => import::undo(&db, &acting, id).await,
        "discard" => import::discard(&db, &acting, id).await,
        _ => Err(AppError::NotFound),
    }
}

/// The bulletin of the week holding `day` (the latest published when empty).
#[server(endpoint = "water/bulletin")]
pub async fn water_bulletin(
    #[server(default)] day: String,
) -> Result<crate::model::BulletinPage, AppError> {
    use crate::server::services::water::bulletin;
    let (db, acting) = super::ctx().await?;
    let list = bulletin::published(&db).await?;
    let chosen = match self::day(&day)? {
        Some(d) => Some(d),
        None => list
            .first()
            .and_then(|b| crate::persian::jalali::JalaliDate::parse(&b.week_start).ok()),
    };
    let current = match chosen {
        Some(d) => Some(bulletin::bulletin(&db, &acting, d).await?),
        None => None,
    };
    let may_publish = crate::server::services::water::allowed(&db, &acting)
        .await
        .is_ok();
    Ok(crate::model::BulletinPage {
        list,
        current,
        may_publish,
    })
}

#[server(endpoint = "staff/water/bulletin/publish")]
pub async fn publish_bulletin(day: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::permission::authorize(
        &db,
        &acting,
        crate::server::services::permission::Action::PublishContent,
        crate::server::services::water::SECTION,
        None,
    )
    .await?;
    let d = self::day(&day)?.ok_or_else(|| AppError::validation("هفته", "هفته را برگزینید."))?;
    crate::server::services::water::bulletin::publish(&db, &acting, d).await
}

/// The water server functions that take files.
pub const MULTIPART_PATHS: [&str; 1] = [StageWaterImport::PATH];
