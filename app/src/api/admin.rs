//! The administrator's server functions: users, roles, custodian appointments, the
//! qualification checklist and the audit log. Every service called here checks that the
//! actor is the administrator.

use crate::error::AppError;
use crate::model::{
    AppointmentDetail, AuditPage, CustodianOverview, OutboxMail, UserDetail, UserSummary,
};
use leptos::prelude::*;

#[server(endpoint = "admin/users")]
pub async fn admin_list_users(
    #[server(default)] q: String,
    #[server(default)] status: String,
) -> Result<Vec<UserSummary>, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::list_users(
        &db,
        &acting,
        &q,
        crate::model::AccountStatus::parse(&status),
    )
    .await
}

#[server(endpoint = "admin/user")]
pub async fn admin_get_user(id: i32) -> Result<UserDetail, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::user_detail(&db, &acting, id).await
}

#[server(endpoint = "admin/user/approve")]
pub async fn admin_approve_user(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::approve(&db, &acting, id).await
}

#[server(endpoint = "admin/user/reject")]
pub async fn admin_reject_user(id: i32, reason: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::reject(&db, &acting, id, &reason).await
}

#[server(endpoint = "admin/user/suspend")]
pub async fn admin_suspend_user(id: i32, reason: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::suspend(&db, &acting, id, &reason).await
}

/// Returns the new password, shown once to the administrator.
#[server(endpoint = "admin/user/reset-password")]
pub async fn admin_reset_password(id: i32) -> Result<String, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::reset_password(&db, &acting, id).await
}

#[server(endpoint = "admin/user/admin-role")]
pub async fn admin_set_admin_role(id: i32, grant: bool) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::set_admin(&db, &acting, id, grant).await
}

/// The categories the person answers as an expert (all of them: the ones not sent are
/// taken away).
#[server(endpoint = "admin/user/expert")]
pub async fn admin_set_expert(
    id: i32,
    #[server(default)] categories: Vec<i32>,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::account::set_expert_categories(&db, &acting, id, &categories).await
}

#[server(endpoint = "admin/custodians")]
pub async fn admin_custodians() -> Result<CustodianOverview, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::overview(&db, &acting).await
}

/// Sets whether `section`'s custodians need the administrator's review to publish.
#[server(endpoint = "admin/section/review")]
pub async fn admin_set_review(
    section: String,
    #[server(default)] required: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::set_review_required(
        &db,
        &acting,
        &section,
        !required.is_empty(),
    )
    .await
}

#[server(endpoint = "admin/custodians/nominate")]
pub async fn admin_nominate(
    user_id: i32,
    section: String,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    let id = crate::server::services::custodian::nominate(&db, &acting, user_id, &section, &note)
        .await?;
    leptos_axum::redirect(&format!("/admin/custodians/{id}"));
    Ok(())
}

#[server(endpoint = "admin/appointment")]
pub async fn admin_get_appointment(id: i32) -> Result<AppointmentDetail, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::detail(&db, &acting, id).await
}

#[server(endpoint = "admin/appointment/check")]
pub async fn admin_check_item(id: i32, item_id: i32, done: bool) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::set_check(&db, &acting, id, item_id, done).await
}

#[server(endpoint = "admin/appointment/appoint")]
pub async fn admin_appoint(id: i32, #[server(default)] note: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::appoint(&db, &acting, id, &note).await
}

#[server(endpoint = "admin/appointment/revoke")]
pub async fn admin_revoke(id: i32, reason: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::revoke(&db, &acting, id, &reason).await
}

#[server(endpoint = "admin/checklist/add")]
pub async fn admin_add_checklist_item(title: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::add_checklist_item(&db, &acting, &title).await?;
    Ok(())
}

#[server(endpoint = "admin/checklist/active")]
pub async fn admin_set_checklist_item(id: i32, active: bool) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::custodian::set_checklist_item_active(&db, &acting, id, active).await
}

#[server(endpoint = "admin/audit")]
pub async fn admin_audit_log(
    #[server(default)] action: String,
    #[server(default)] actor: String,
    #[server(default)] section: String,
    #[server(default)] target: String,
    #[server(default)] page: u64,
) -> Result<AuditPage, AppError> {
    use crate::server::services::audit;
    let (db, acting) = super::ctx().await?;
    acting.admin()?;
    let filter = audit::Filter {
        action: Some(action),
        actor: Some(actor),
        section: Some(section),
        target: Some(target),
    };
    audit::list(&db, &filter, page.max(1)).await
}

/// The e-mail outbox: what was sent and what waits (for example while no SMTP server is
/// configured).
#[server(endpoint = "admin/outbox")]
pub async fn admin_outbox() -> Result<Vec<OutboxMail>, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::outbox::list(&db, &acting).await
}

/// The accountability report over tickets and messages received in the last `days` days
/// (empty or 0: all time).
#[server(endpoint = "admin/accountability")]
pub async fn admin_accountability(
    #[server(default)] days: String,
) -> Result<crate::model::AccountabilityReport, AppError> {
    let (db, acting) = super::ctx().await?;
    let days = crate::persian::normalize_digits(&days)
        .trim()
        .parse::<u32>()
        .unwrap_or(0)
        .min(3650);
    crate::server::services::accountability::report(&db, &acting, days, chrono::Utc::now()).await
}

/// A section's expected update interval (days, empty: none) and its messages' response
/// target (working days).
#[server(endpoint = "admin/section/targets")]
pub async fn admin_section_targets(
    key: String,
    #[server(default)] update_days: String,
    response_days: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    let num = |s: &str, field: &str| -> Result<Option<i32>, AppError> {
        let s = crate::persian::normalize_digits(s);
        if s.trim().is_empty() {
            return Ok(None);
        }
        s.trim()
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::validation(field, "یک عدد بنویسید."))
    };
    let update = num(&update_days, "فاصله‌ی به‌روزرسانی")?;
    let response = num(&response_days, "مهلت پاسخ به پیام‌ها")?
        .ok_or_else(|| AppError::validation("مهلت پاسخ به پیام‌ها", "مهلت پاسخ را بنویسید."))?;
    crate::server::services::accountability::set_targets(&db, &acting, &key, update, response).await
}

/// The signed-in staff member's stale sections and overdue tickets and messages.
#[server(endpoint = "staff/my-accountability")]
pub async fn my_accountability() -> Result<crate::model::MyAccountability, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::accountability::mine(&db, &acting, chrono::Utc::now()).await
}

/// Visitor analytics over the last `days` days (7, 30, 90 or 365; the administrator only).
#[server(endpoint = "admin/analytics")]
pub async fn admin_analytics(
    #[server(default)] days: String,
) -> Result<crate::model::VisitorAnalytics, AppError> {
    let (db, acting) = super::ctx().await?;
    let days = crate::persian::normalize_digits(&days)
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| crate::model::ANALYTICS_PERIODS.contains(d))
        .unwrap_or(30);
    crate::server::services::visitors::analytics(&db, &acting, days, chrono::Utc::now().timestamp())
        .await
}
