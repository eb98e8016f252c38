//! The newsletter's server functions: subscribing (a confirmation link is mailed),
//! confirming, the one-click unsubscribe, and the staff's desk, composing and sending.

use crate::error::AppError;
use crate::model::{NewsletterDesk, NewsletterIssueDetail};
use leptos::prelude::*;

/// Asks for a subscription to the checked topics (`news`, `tenders`, `laws`: "on").
#[server(endpoint = "newsletter/subscribe")]
pub async fn newsletter_subscribe(
    email: String,
    #[server(default)] news: String,
    #[server(default)] tenders: String,
    #[server(default)] laws: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    let topics: Vec<crate::model::NewsletterTopic> = [
        (crate::model::NewsletterTopic::News, news),
        (crate::model::NewsletterTopic::Tenders, tenders),
        (crate::model::NewsletterTopic::Laws, laws),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(t, _)| t)
    .collect();
    let now = chrono::Utc::now().timestamp();
    crate::server::services::newsletter::subscribe(&db, &acting, &email, &topics, now).await?;
    // The page says so (with or without JavaScript).
    leptos_axum::redirect("/newsletter?sent=1");
    Ok(())
}

/// Confirms a subscription: the button of the page the mailed link opens (a POST, so a
/// mail scanner that only follows the link confirms nothing). Goes back to that page with
/// the topics confirmed.
#[server(endpoint = "newsletter/confirm")]
pub async fn newsletter_confirm(token: String) -> Result<(), AppError> {
    let db = crate::server::db::from_context()?;
    let now = chrono::Utc::now().timestamp();
    let topics = crate::server::services::newsletter::confirm(&db, &token, now).await?;
    leptos_axum::redirect(&format!(
        "/newsletter/confirm?done={}",
        crate::model::NewsletterTopic::join(&topics)
    ));
    Ok(())
}

#[server(endpoint = "newsletter/unsubscribe")]
pub async fn newsletter_unsubscribe(token: String) -> Result<String, AppError> {
    let db = crate::server::db::from_context()?;
    let now = chrono::Utc::now().timestamp();
    crate::server::services::newsletter::unsubscribe(&db, &token, now).await
}

#[server(endpoint = "staff/newsletter")]
pub async fn get_newsletter_desk() -> Result<NewsletterDesk, AppError> {
    let (db, acting) = super::ctx().await?;
    let now = chrono::Utc::now().timestamp();
    crate::server::services::newsletter::desk(&db, &acting, now).await
}

#[server(endpoint = "staff/newsletter/issue")]
pub async fn get_newsletter_issue(id: i32) -> Result<NewsletterIssueDetail, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::newsletter::detail(&db, &acting, id).await
}

/// Composes an issue of the checked items (`items[i]`: their ids) and sends it at once when
/// `send` is "on". Returns its id.
#[server(endpoint = "staff/newsletter/compose")]
pub async fn newsletter_compose(
    subject: String,
    #[server(default)] intro: String,
    #[server(default)] items: Vec<i32>,
) -> Result<i32, AppError> {
    let (db, acting) = super::ctx().await?;
    let now = chrono::Utc::now().timestamp();
    crate::server::services::newsletter::compose(&db, &acting, &subject, &intro, &items, now).await
}

/// Sends a composed issue to the subscribers of its topics. Returns how many.
#[server(endpoint = "staff/newsletter/send")]
pub async fn newsletter_send(id: i32) -> Result<i64, AppError> {
    let (db, acting) = super::ctx().await?;
    let now = chrono::Utc::now().timestamp();
    let queued = crate::server::services::newsletter::send(&db, &acting, id, now).await?;
    leptos_axum::redirect(&format!("/staff/newsletter?queued={queued}"));
    Ok(queued)
}
