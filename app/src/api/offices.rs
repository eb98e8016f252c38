//! Keeping the contact directory and the counter offices (their custodians).
// One argument per form field: the plain forms post them as they are.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use leptos::prelude::*;

/// Adds (no `id`) or updates an office of the contact directory.
#[server(endpoint = "staff/contact/save")]
pub async fn save_contact_office(
    #[server(default)] id: String,
    name: String,
    #[server(default)] county: String,
    address: String,
    #[server(default)] postal_code: String,
    #[server(default)] phone: String,
    #[server(default)] fax: String,
    #[server(default)] email: String,
    #[server(default)] sms: String,
    #[server(default)] voice_line: String,
    #[server(default)] working_hours: String,
    #[server(default)] latitude: String,
    #[server(default)] longitude: String,
) -> Result<(), AppError> {
    use crate::server::services::offices::{self, OfficeInput};
    let (db, acting) = super::ctx().await?;
    let input = OfficeInput {
        id: id.trim().parse().ok(),
        name,
        county,
        address,
        postal_code,
        phone,
        fax,
        email,
        sms,
        voice_line,
        working_hours,
        latitude,
        longitude,
    };
    offices::save_contact(&db, &acting, &input)
        .await
        .map(|_| ())
}

#[server(endpoint = "staff/contact/delete")]
pub async fn delete_contact_office(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::offices::delete_contact(&db, &acting, id).await
}

/// Adds (no `id`) or updates a service counter office.
#[server(endpoint = "staff/counter-offices/save")]
pub async fn save_counter_office(
    #[server(default)] id: String,
    #[server(default)] name: String,
    county: String,
    code: String,
    manager: String,
    address: String,
    phone: String,
    #[server(default)] working_hours: String,
    #[server(default)] latitude: String,
    #[server(default)] longitude: String,
) -> Result<(), AppError> {
    use crate::server::services::offices::{self, CounterInput};
    let (db, acting) = super::ctx().await?;
    let input = CounterInput {
        id: id.trim().parse().ok(),
        name,
        county,
        code,
        manager,
        address,
        phone,
        working_hours,
        latitude,
        longitude,
    };
    offices::save_counter(&db, &acting, &input)
        .await
        .map(|_| ())
}

#[server(endpoint = "staff/counter-offices/delete")]
pub async fn delete_counter_office(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::offices::delete_counter(&db, &acting, id).await
}

/// Whether this person keeps a section (its custodian, or the administrator): the staff
/// pages of the contact directory and the counter offices ask before showing their forms.
#[server(endpoint = "staff/keeps-section")]
pub async fn keeps_section(section: String) -> Result<bool, AppError> {
    use crate::server::services::permission::{self, Action};
    let (db, acting) = super::ctx().await?;
    permission::authorize(&db, &acting, Action::EditContent, &section, None).await?;
    Ok(true)
}
