//! Ranked word search over published content: on SQLite an FTS5 index of
//! `content_items.search_text` (external content, kept in step by triggers), on PostgreSQL a
//! GIN index of its `simple` text-search vector. The text is already normalized
//! (`persian::text::normalize`), so neither engine needs a Persian dictionary.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The PostgreSQL text-search vector of an item: `search_text` with punctuation turned into
/// spaces first (so `qrw-1403` is two words, as the query's words are, and not a signed
/// number), in the `simple` configuration. The generated column `search_vector` stores
/// exactly this expression (migration 18), so it never changes: a new one needs a new
/// migration.
pub(super) const PG_SEARCH_VECTOR: &str = "to_tsvector('simple', translate(search_text, '!\"#$%&''()*+,-./:;<=>?@[\\]^_`{|}~«»،؛؟٪٫٬', '                                        '))";

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE INDEX idx_content_items_fts ON content_items USING GIN (({PG_SEARCH_VECTOR}))"
                ))
                .await?;
            }
            _ => {
                for sql in [
                    "CREATE VIRTUAL TABLE content_fts USING fts5(search_text, \
                     content='content_items', content_rowid='id', \
                     tokenize='unicode61 remove_diacritics 0')",
                    "CREATE TRIGGER content_fts_insert AFTER INSERT ON content_items BEGIN \
                     INSERT INTO content_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
                    "CREATE TRIGGER content_fts_delete AFTER DELETE ON content_items BEGIN \
                     INSERT INTO content_fts(content_fts, rowid, search_text) \
                     VALUES ('delete', old.id, old.search_text); END",
                    "CREATE TRIGGER content_fts_update AFTER UPDATE OF search_text ON content_items BEGIN \
                     INSERT INTO content_fts(content_fts, rowid, search_text) \
                     VALUES ('delete', old.id, old.search_text); \
                     INSERT INTO content_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
                    "INSERT INTO content_fts(content_fts) VALUES ('rebuild')",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared("DROP INDEX idx_content_items_fts")
                    .await?;
            }
            _ => {
                for sql in [
                    "DROP TRIGGER content_fts_insert",
                    "DROP TRIGGER content_fts_delete",
                    "DROP TRIGGER content_fts_update",
                    "DROP TABLE content_fts",
                ] {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }
}
