//! On PostgreSQL, the search vector of each item stored in a generated column with its GIN
//! index, instead of an index on the expression: the index's recheck of a prefix match and
//! the ranking then read the stored vector, where they recomputed `to_tsvector` of the whole
//! text for every matching row (the broad queries of the benchmark went from tens of
//! milliseconds over 300 items to seconds over 10,000). SQLite keeps its FTS5 table.

use super::m20261128_000013_content_search::PG_SEARCH_VECTOR;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "ALTER TABLE content_items ADD COLUMN search_vector tsvector \
             GENERATED ALWAYS AS ({PG_SEARCH_VECTOR}) STORED"
        ))
        .await?;
        db.execute_unprepared(
            "CREATE INDEX idx_content_items_search_vector ON content_items USING GIN (search_vector)",
        )
        .await?;
        db.execute_unprepared("DROP INDEX idx_content_items_fts")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != sea_orm::DbBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "CREATE INDEX idx_content_items_fts ON content_items USING GIN (({PG_SEARCH_VECTOR}))"
        ))
        .await?;
        db.execute_unprepared("DROP INDEX idx_content_items_search_vector")
            .await?;
        db.execute_unprepared("ALTER TABLE content_items DROP COLUMN search_vector")
            .await?;
        Ok(())
    }
}
