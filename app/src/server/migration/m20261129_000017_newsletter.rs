//! The e-mail newsletter. Times are whole seconds since the Unix epoch.
//!
//! - `newsletter_subscribers`: an address, its topics (`news,tenders,laws`), the permanent
//!   token of its unsubscribe link, and while a (re)subscription waits for its confirmation
//!   link, that link's token and the topics asked for.
//! - `newsletter_issues`: what was composed (subject, introduction, the chosen items' ids),
//!   by whom, and when it was sent; a weekly issue carries its week (Jalali date of the
//!   week's Saturday), unique, so several instances assemble it once.
//! - `newsletter_deliveries`: one row a recipient of an issue, `waiting` until the throttled
//!   sender hands it to the outbox (`queued`, with the outbox row, whose state is the mail's).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let id = if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
            "id SERIAL PRIMARY KEY"
        } else {
            "id INTEGER PRIMARY KEY AUTOINCREMENT"
        };
        for sql in [
            format!(
                "CREATE TABLE newsletter_subscribers ({id}, email VARCHAR(254) NOT NULL UNIQUE, \
                 topics VARCHAR(64) NOT NULL, token VARCHAR(64) NOT NULL UNIQUE, \
                 confirm_token VARCHAR(64) NULL UNIQUE, pending_topics VARCHAR(64) NULL, \
                 confirm_sent_at BIGINT NULL, created_at BIGINT NOT NULL, \
                 confirmed_at BIGINT NULL, unsubscribed_at BIGINT NULL)"
            ),
            format!(
                "CREATE TABLE newsletter_issues ({id}, subject VARCHAR(200) NOT NULL, \
                 intro TEXT NOT NULL, topics VARCHAR(64) NOT NULL, items TEXT NOT NULL, \
                 week VARCHAR(10) NULL UNIQUE, created_by INTEGER NULL, \
                 created_at BIGINT NOT NULL, sent_at BIGINT NULL)"
            ),
            "CREATE TABLE newsletter_deliveries (issue_id INTEGER NOT NULL, \
             subscriber_id INTEGER NOT NULL, state VARCHAR(10) NOT NULL, outbox_id INTEGER NULL, \
             PRIMARY KEY (issue_id, subscriber_id))"
                .to_string(),
            "CREATE INDEX idx_newsletter_deliveries_state ON newsletter_deliveries (state)"
                .to_string(),
        ] {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in [
            "newsletter_deliveries",
            "newsletter_issues",
            "newsletter_subscribers",
        ] {
            db.execute_unprepared(&format!("DROP TABLE {table}"))
                .await?;
        }
        Ok(())
    }
}
