//! On PostgreSQL, the search index takes each published item at once instead of through
//! GIN's pending list: with `fastupdate` on, new entries wait in a list every search scans
//! in full until (auto)vacuum merges them, and over 10,000 freshly written items that list
//! alone cost the broad queries of `server bench-search` tens of milliseconds. Content is
//! written a few times an hour and read all day, so the slower insert is the right trade.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEX: &str = "idx_content_items_search_vector";

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(&format!("ALTER INDEX {INDEX} SET (fastupdate = off)"))
            .await?;
        // What already waits in the list moves into the index now.
        db.execute_unprepared(&format!("SELECT gin_clean_pending_list('{INDEX}')"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&format!("ALTER INDEX {INDEX} RESET (fastupdate)"))
            .await?;
        Ok(())
    }
}
