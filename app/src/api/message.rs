//! Suggestions and criticism: sending, reading the reply by code, and the staff inbox.

use crate::error::AppError;
use crate::model::{MessageInbox, PublicMessage, StaffMessage};
use leptos::prelude::*;

/// Sends a message and goes to its receipt. `website` is the honeypot.
#[server(endpoint = "messages/send")]
pub async fn send_message(
    kind: String,
    subject: String,
    body: String,
    #[server(default)] contact: String,
    #[server(default)] website: String,
) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    if !website.is_empty() {
        return Err(AppError::validation(
            "فرم",
            "فرم به شکل درست فرستاده نشد؛ لطفاً دوباره تلاش کنید.",
        ));
    }
    let kind = crate::model::MessageKind::parse(&kind)
        .ok_or_else(|| AppError::validation("نوع", "نوع پیام را برگزینید."))?;
    let code =
        crate::server::services::message::send(&db, &acting, kind, &subject, &body, &contact)
            .await?;
    leptos_axum::redirect(&format!("/messages/track?code={code}&new=1"));
    Ok(())
}

#[server(endpoint = "messages/lookup")]
pub async fn lookup_message(code: String) -> Result<PublicMessage, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::message::lookup(&db, acting.ip.as_deref(), &code).await
}

#[server(endpoint = "staff/messages")]
pub async fn staff_message_inbox(
    #[server(default)] section: String,
    #[server(default)] status: String,
) -> Result<MessageInbox, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::message::inbox(
        &db,
        &acting,
        Some(section.as_str()),
        crate::model::MessageStatus::parse(&status),
    )
    .await
}

#[server(endpoint = "staff/message")]
pub async fn staff_open_message(id: i32) -> Result<StaffMessage, AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::message::open(&db, &acting, id).await
}

#[server(endpoint = "staff/message/reply")]
pub async fn staff_reply_message(id: i32, body: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::message::reply(&db, &acting, id, &body).await
}

#[server(endpoint = "staff/message/handled")]
pub async fn staff_message_handled(id: i32) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::message::mark_handled(&db, &acting, id).await
}

#[server(endpoint = "staff/message/forward")]
pub async fn staff_forward_message(id: i32, section: String) -> Result<(), AppError> {
    let (db, acting) = super::ctx().await?;
    crate::server::services::message::forward(&db, &acting, id, &section).await?;
    leptos_axum::redirect("/staff/messages");
    Ok(())
}
