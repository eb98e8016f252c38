//! Which files each version of a content item carries (`content_revisions.files`), which the
//! public is given (`content_items.files`: those of the version applied), and when an edit
//! was turned down (`content_revisions.rejected_at`, from which its own files are kept for
//! the retention `content::files` states). Both lists are JSON arrays of attachment keys,
//! filled here for what is already stored.

use super::columns::instant_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContentItems {
    Table,
    Files,
}

#[derive(DeriveIden)]
enum ContentRevisions {
    Table,
    Files,
    RejectedAt,
}

fn file_list<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .string()
        .not_null()
        .default("[]")
        .to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(ContentItems::Table)
                    .add_column(file_list(ContentItems::Files))
                    .to_owned(),
            )
            .await?;
        for col in [
            file_list(ContentRevisions::Files),
            instant_null(ContentRevisions::RejectedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ContentRevisions::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        crate::server::services::content::files::fill(manager.get_connection())
            .await
            .map_err(|e| DbErr::Migration(e.to_string()))
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ContentItems::Table)
                    .drop_column(ContentItems::Files)
                    .to_owned(),
            )
            .await?;
        for col in [ContentRevisions::Files, ContentRevisions::RejectedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ContentRevisions::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
