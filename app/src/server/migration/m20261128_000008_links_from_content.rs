//! The footer's related sites come from the publishing engine's `link` items (kept by the
//! links section's custodian, with workflow and revisions), so the first migration's
//! `related_sites` table, which no screen could edit, goes.

use super::columns::{id, instant, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RelatedSites {
    Table,
    Id,
    Title,
    Url,
    SortOrder,
    IsSample,
    CreatedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RelatedSites::Table).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RelatedSites::Table)
                    .col(id(RelatedSites::Id))
                    .col(text(RelatedSites::Title))
                    .col(text(RelatedSites::Url))
                    .col(
                        ColumnDef::new(RelatedSites::SortOrder)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(RelatedSites::IsSample)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(instant(RelatedSites::CreatedAt))
                    .to_owned(),
            )
            .await
    }
}
