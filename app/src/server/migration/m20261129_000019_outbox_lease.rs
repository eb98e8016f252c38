//! The outbox's lease: `claimed_until` (seconds since the Unix epoch) is set when a worker
//! takes a mail to send, and after a failure to the time of the next attempt; no other
//! worker takes the mail before then, so several instances deliver it once.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE outbox ADD COLUMN claimed_until BIGINT NULL")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE outbox DROP COLUMN claimed_until")
            .await?;
        Ok(())
    }
}
