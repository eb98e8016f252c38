//! Registration, login, logout, the profile and the staff dashboards.
//!
//! Each function reads who is acting (`server::auth::acting`), calls one service, and maps
//! the result. Plain HTML form posts work too: on success the function redirects, on error
//! the server sends the browser back to the form with the error in the address.

// The registration form has nine fields, each its own argument so plain HTML forms post it.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::{CurrentUser, DashboardHome, LiveCounts, Profile, SectionDashboard};
use leptos::prelude::*;

/// Registers a person; the account waits for the administrator. The hidden `website` field
/// is a honeypot: people never see it, robots fill it in.
#[server(endpoint = "auth/register")]
pub async fn register(
    full_name: String,
    national_id: String,
    mobile: String,
    email: String,
    username: String,
    password: String,
    password_repeat: String,
    #[server(default)] accept_terms: Option<String>,
    #[server(default)] website: Option<String>,
) -> Result<(), AppError> {
    use crate::server::services::account::{self, Registration};
    let acting = crate::server::auth::acting().await?;
    if website.is_some_and(|w| !w.is_empty()) {
        return Err(AppError::validation(
            "فرم",
            "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.",
        ));
    }
    let db = crate::server::db::from_context()?;
    let reg = Registration {
        full_name,
        national_id,
        mobile,
        email,
        username,
        password,
        password_repeat,
        accept_terms: accept_terms.is_some_and(|v| !v.is_empty()),
    };
    account::register(&db, &acting, &reg).await?;
    leptos_axum::redirect("/register/done");
    Ok(())
}

/// Signs in and goes back to `next` (a local path) or to the dashboard.
#[server(endpoint = "auth/login")]
pub async fn login(
    username: String,
    password: String,
    #[server(default)] next: Option<String>,
) -> Result<(), AppError> {
    let db = crate::server::db::from_context()?;
    let ip = crate::server::auth::client_ip();
    let actor = crate::server::services::account::login(&db, ip, &username, &password).await?;
    crate::server::auth::start_session(&db, &actor).await?;
    let target = if next.as_deref().is_none_or(str::is_empty) && !actor.is_staff() {
        "/profile".to_string()
    } else {
        crate::server::auth::safe_next(next.as_deref())
    };
    leptos_axum::redirect(&target);
    Ok(())
}

#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::services::audit::{self, Event};
    let db = crate::server::db::from_context()?;
    let acting = crate::server::auth::acting().await?;
    if let Some(actor) = &acting.actor {
        audit::record(
            &db,
            &acting,
            Event::new("auth.logout", "خروج از حساب").target("user", actor.user_id),
        )
        .await?;
    }
    crate::server::auth::end_session(&db).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// The person signed in on this browser, if any (for the header).
#[server(endpoint = "auth/me")]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    let acting = crate::server::auth::acting().await?;
    Ok(acting.actor.map(|a| CurrentUser {
        is_staff: a.is_staff(),
        id: a.user_id,
        username: a.username,
        full_name: a.full_name,
        is_admin: a.is_admin,
    }))
}

#[server(endpoint = "account/profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    let acting = crate::server::auth::acting().await?;
    let db = crate::server::db::from_context()?;
    crate::server::services::account::profile(&db, &acting).await
}

/// Changes the password; every other session of the person ends, this browser gets a new
/// one.
#[server(endpoint = "account/password")]
pub async fn change_password(
    current: String,
    password: String,
    password_repeat: String,
) -> Result<(), AppError> {
    let acting = crate::server::auth::acting().await?;
    let db = crate::server::db::from_context()?;
    crate::server::services::account::change_password(
        &db,
        &acting,
        &current,
        &password,
        &password_repeat,
    )
    .await?;
    if let Some(actor) = &acting.actor {
        crate::server::auth::start_session(&db, actor).await?;
    }
    leptos_axum::redirect("/profile?changed=1");
    Ok(())
}

/// The signed-in person's open sessions (this browser's marked).
#[server(endpoint = "account/sessions")]
pub async fn my_sessions() -> Result<Vec<crate::model::SessionRow>, AppError> {
    let (db, acting) = super::ctx().await?;
    let actor = acting.signed_in()?;
    let current = crate::server::auth::current_token()?;
    crate::server::services::session::list_for(&db, actor.user_id, current.as_deref()).await
}

/// Signs the person out everywhere but this browser.
#[server(endpoint = "account/sessions/end-others")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    acting.signed_in()?;
    let current = crate::server::auth::current_token()?.ok_or(AppError::Unauthenticated)?;
    crate::server::services::session::end_others(&db, &acting, &current).await?;
    leptos_axum::redirect("/profile?ended=1");
    Ok(())
}

#[server(endpoint = "dashboard/home")]
pub async fn get_dashboard_home() -> Result<DashboardHome, AppError> {
    let acting = crate::server::auth::acting().await?;
    let db = crate::server::db::from_context()?;
    crate::server::services::dashboard::home(&db, &acting).await
}

#[server(endpoint = "dashboard/section")]
pub async fn get_section_dashboard(key: String) -> Result<SectionDashboard, AppError> {
    let acting = crate::server::auth::acting().await?;
    let db = crate::server::db::from_context()?;
    crate::server::services::dashboard::section(&db, &acting, &key).await
}

/// The live figures of the signed-in staff member's dashboard (also pushed by
/// `/api/live/dashboard`).
#[server(endpoint = "dashboard/live")]
pub async fn get_live_counts() -> Result<LiveCounts, AppError> {
    let acting = crate::server::auth::acting().await?;
    let db = crate::server::db::from_context()?;
    let actor = acting.signed_in()?;
    crate::server::services::live::counts(&db, actor).await
}
