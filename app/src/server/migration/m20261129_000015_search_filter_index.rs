//! On SQLite, a covering index of the columns the site search filters on (state,
//! visibility, kind, the schedule and publication time), led by the id: the ranking query
//! checks each FTS5 match against it instead of reading the item's row, whose long body
//! sits before these columns. PostgreSQL keeps long text out of line and needs none.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The index's name, which the search query names (`INDEXED BY`).
pub const SEARCH_FILTER_INDEX: &str = "idx_content_items_search_filter";

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "CREATE INDEX {SEARCH_FILTER_INDEX} ON content_items \
                     (id, state, visibility, kind, publish_at, unpublish_at, published_at)"
                ))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == sea_orm::DbBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared(&format!("DROP INDEX IF EXISTS {SEARCH_FILTER_INDEX}"))
                .await?;
        }
        Ok(())
    }
}
