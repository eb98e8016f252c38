//! E-mail goes through an outbox table: a service queues a message in the same transaction
//! as the change it reports, and a delivery worker sends it over SMTP when one is
//! configured. With no SMTP, messages wait in the outbox (the administrator sees them);
//! none is lost.

use crate::error::AppResult;
use crate::server::entities::outbox_mail;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use std::sync::OnceLock;

static PUBLIC_URL: OnceLock<String> = OnceLock::new();

/// The portal's public address, used in links inside e-mails (`PORTAL_PUBLIC_URL`).
pub fn set_public_url(url: &str) {
    let _ = PUBLIC_URL.set(url.trim_end_matches('/').to_string());
}

pub fn public_url() -> &'static str {
    PUBLIC_URL
        .get()
        .map(String::as_str)
        .unwrap_or("http://127.0.0.1:3000")
}

/// Queues one message.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    to: &str,
    subject: &str,
    body: &str,
) -> AppResult<()> {
    outbox_mail::ActiveModel {
        to_addr: Set(to.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        created_at: Set(chrono::Utc::now()),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
