//! Server functions: thin wrappers that take the database from the request context, call one
//! service, and return plain DTOs. Endpoints are named so their URLs stay stable.

use crate::error::AppError;
use crate::model::{CounterOffice, OfficeContact, SiteFooter};
use leptos::prelude::*;

#[server(endpoint = "site/footer")]
pub async fn get_site_footer() -> Result<SiteFooter, AppError> {
    use crate::server::services::visitors::Recorder;
    let db = crate::server::db::from_context()?;
    let mut footer = crate::server::services::contact::site_footer(&db).await?;
    if let Some(recorder) = use_context::<std::sync::Arc<Recorder>>() {
        let now = chrono::Utc::now().timestamp();
        footer.visitors.figures = recorder.current(&db, now).await?;
    }
    footer.visitors.your_ip = crate::server::auth::shown_client_ip();
    Ok(footer)
}

#[server(endpoint = "contact/offices")]
pub async fn list_contact_offices() -> Result<Vec<OfficeContact>, AppError> {
    let db = crate::server::db::from_context()?;
    crate::server::services::contact::list_offices(&db).await
}

#[server(endpoint = "counter-offices")]
pub async fn list_counter_offices() -> Result<Vec<CounterOffice>, AppError> {
    let db = crate::server::db::from_context()?;
    crate::server::services::counter_office::list(&db).await
}

/// Whether the server function at `path` takes a multipart body (files).
pub fn is_multipart(path: &str) -> bool {
    ticket::MULTIPART_PATHS.contains(&path)
        || content::MULTIPART_PATHS.contains(&path)
        || water::MULTIPART_PATHS.contains(&path)
        || forms::MULTIPART_PATHS.contains(&path)
}

/// Where attachments are kept (provided by the server to every request).
#[cfg(feature = "ssr")]
pub(crate) fn store() -> Result<crate::server::services::attachment::Store, AppError> {
    use_context::<crate::server::services::attachment::Store>().ok_or(AppError::Internal)
}

/// This instance's view counts (provided by the server to every request).
#[cfg(feature = "ssr")]
pub(crate) fn views(
) -> Result<std::sync::Arc<crate::server::services::content::views::Views>, AppError> {
    use_context::<std::sync::Arc<crate::server::services::content::views::Views>>().ok_or_else(
        || {
            tracing::error!("no view counts in the request context");
            AppError::Internal
        },
    )
}

/// The database and who is acting: what almost every server function starts with.
#[cfg(feature = "ssr")]
pub(crate) async fn ctx() -> Result<
    (
        sea_orm::DatabaseConnection,
        crate::server::services::permission::Acting,
    ),
    AppError,
> {
    Ok((
        crate::server::db::from_context()?,
        crate::server::auth::acting().await?,
    ))
}

pub mod account;
pub mod admin;
pub mod content;
pub mod forms;
pub mod message;
#[cfg(feature = "ssr")]
pub(crate) mod multipart;
pub mod newsletter;
pub mod offices;
pub mod ticket;
pub mod water;
