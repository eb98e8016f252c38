//! E-mail goes through an outbox table: a service queues a message in the same transaction
//! as the change it reports, and a delivery worker sends it over SMTP when one is
//! configured. With no SMTP, messages wait in the outbox (the administrator sees them);
//! none is lost.

use crate::error::AppResult;
use crate::server::entities::outbox_mail;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};
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

/// Queues one message; returns its outbox row's id.
pub async fn enqueue<C: ConnectionTrait>(
    db: &C,
    to: &str,
    subject: &str,
    body: &str,
) -> AppResult<i32> {
    let row = mail(to, subject, body).insert(db).await?;
    Ok(row.id)
}

/// A message for the outbox, not yet written.
pub fn mail(to: &str, subject: &str, body: &str) -> outbox_mail::ActiveModel {
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
}

/// Where mail goes: an SMTP server (`PORTAL_SMTP_URL`, e.g. `smtp://user:pass@mail.example:587?tls=required`
/// or `smtps://...`), and the sender address (`PORTAL_MAIL_FROM`).
#[derive(Clone)]
pub struct Mailer {
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
}

impl Mailer {
    pub fn new(smtp_url: &str, from: &str) -> Result<Mailer, String> {
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("PORTAL_SMTP_URL: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from.parse().map_err(|e| format!("PORTAL_MAIL_FROM: {e}"))?;
        Ok(Mailer { transport, from })
    }
}

/// Give up on a message after this many attempts (it stays in the outbox).
pub const MAX_ATTEMPTS: i32 = 10;

/// What one delivery round did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: u32,
    pub failed: u32,
}

/// A claimed mail is another instance's for this long (longer than the SMTP timeout).
const LEASE_SECONDS: i64 = 120;
/// A failed mail waits this long before its next attempt.
const RETRY_SECONDS: i64 = 30;

/// Sends what waits in the outbox (oldest first, up to 50 a round). Each mail is claimed
/// first (`claimed_until`, a lease): another instance leaves it alone while it is being
/// sent, so several instances deliver a mail once. A failure is recorded on the message
/// and retried after a pause.
pub async fn deliver_pending(db: &DatabaseConnection, mailer: &Mailer) -> AppResult<Delivery> {
    use crate::server::sql::{exec, query};
    use lettre::AsyncTransport;
    let now = chrono::Utc::now().timestamp();
    let pending = query(
        db,
        "SELECT id, to_addr, subject, body, attempts FROM outbox WHERE sent_at IS NULL \
         AND attempts < ? AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT 50",
        vec![MAX_ATTEMPTS.into(), now.into()],
    )
    .await?;
    let mut result = Delivery::default();
    for row in pending {
        let (Ok(id), Ok(to_addr), Ok(subject), Ok(body), Ok(attempts)) = (
            row.try_get::<i32>("", "id"),
            row.try_get::<String>("", "to_addr"),
            row.try_get::<String>("", "subject"),
            row.try_get::<String>("", "body"),
            row.try_get::<i32>("", "attempts"),
        ) else {
            continue;
        };
        let claimed = db
            .execute_raw(crate::server::sql::statement(
                db.get_database_backend(),
                "UPDATE outbox SET attempts = ?, claimed_until = ? WHERE id = ? \
                 AND sent_at IS NULL AND attempts = ? \
                 AND (claimed_until IS NULL OR claimed_until < ?)",
                vec![
                    (attempts + 1).into(),
                    (now + LEASE_SECONDS).into(),
                    id.into(),
                    attempts.into(),
                    now.into(),
                ],
            ))
            .await?
            .rows_affected();
        if claimed != 1 {
            continue;
        }
        let outcome = match to_addr.parse::<lettre::message::Mailbox>() {
            Ok(to) => match lettre::Message::builder()
                .from(mailer.from.clone())
                .to(to)
                .subject(subject)
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(body)
            {
                Ok(message) => mailer
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            },
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(()) => {
                exec(
                    db,
                    "UPDATE outbox SET sent_at = ?, claimed_until = NULL WHERE id = ?",
                    vec![chrono::Utc::now().into(), id.into()],
                )
                .await?;
                result.sent += 1;
            }
            Err(e) => {
                tracing::warn!(error = %e, "e-mail delivery failed");
                let error: String = e.chars().take(500).collect();
                let retry = chrono::Utc::now().timestamp() + RETRY_SECONDS;
                exec(
                    db,
                    "UPDATE outbox SET last_error = ?, claimed_until = ? WHERE id = ?",
                    vec![error.into(), retry.into(), id.into()],
                )
                .await?;
                result.failed += 1;
            }
        }
    }
    Ok(result)
}

/// Delivers the outbox every few seconds for the life of the server.
pub async fn run_worker(db: DatabaseConnection, mailer: Mailer) {
    loop {
        if let Err(e) = deliver_pending(&db, &mailer).await {
            tracing::warn!(error = %e, "outbox round failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
    }
}

/// The administrator's view of the outbox: the newest messages, sent or waiting.
pub async fn list(
    db: &DatabaseConnection,
    acting: &crate::server::services::permission::Acting,
) -> AppResult<Vec<crate::model::OutboxMail>> {
    use sea_orm::{EntityTrait, QueryOrder, QuerySelect};
    acting.admin()?;
    Ok(outbox_mail::Entity::find()
        .order_by_desc(outbox_mail::Column::Id)
        .limit(200)
        .all(db)
        .await?
        .into_iter()
        .map(|m| crate::model::OutboxMail {
            id: m.id,
            to: m.to_addr,
            subject: m.subject,
            created_at: m.created_at.timestamp(),
            sent_at: m.sent_at.map(|t| t.timestamp()),
            attempts: m.attempts,
            last_error: m.last_error,
        })
        .collect())
}
