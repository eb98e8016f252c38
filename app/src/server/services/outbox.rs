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
    let row = outbox_mail::ActiveModel {
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
    Ok(row.id)
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

/// Sends what waits in the outbox (oldest first, up to 50 a round). A failure is recorded
/// on the message and retried next round.
pub async fn deliver_pending(db: &DatabaseConnection, mailer: &Mailer) -> AppResult<Delivery> {
    use lettre::AsyncTransport;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let pending = outbox_mail::Entity::find()
        .filter(outbox_mail::Column::SentAt.is_null())
        .filter(outbox_mail::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(outbox_mail::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let mut result = Delivery::default();
    for mail in pending {
        // Claim the attempt first: another instance that read the same row finds its
        // attempts changed and leaves it, so a mail goes out once.
        let claimed = outbox_mail::Entity::update_many()
            .col_expr(
                outbox_mail::Column::Attempts,
                sea_orm::sea_query::Expr::value(mail.attempts + 1),
            )
            .filter(outbox_mail::Column::Id.eq(mail.id))
            .filter(outbox_mail::Column::SentAt.is_null())
            .filter(outbox_mail::Column::Attempts.eq(mail.attempts))
            .exec(db)
            .await?
            .rows_affected;
        if claimed != 1 {
            continue;
        }
        let outcome = match mail.to_addr.parse::<lettre::message::Mailbox>() {
            Ok(to) => match lettre::Message::builder()
                .from(mailer.from.clone())
                .to(to)
                .subject(mail.subject.clone())
                .header(lettre::message::header::ContentType::TEXT_PLAIN)
                .body(mail.body.clone())
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
        let mut am: outbox_mail::ActiveModel = mail.into();
        match outcome {
            Ok(()) => {
                am.sent_at = Set(Some(chrono::Utc::now()));
                result.sent += 1;
            }
            Err(e) => {
                tracing::warn!(error = %e, "e-mail delivery failed");
                am.last_error = Set(Some(e.chars().take(500).collect()));
                result.failed += 1;
            }
        }
        am.update(db).await?;
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
