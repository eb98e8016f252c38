//! Attachments (پیوست‌ها): files citizens and staff add to tickets (and, later, to content
//! and forms). The bytes live on disk outside the web root under a random key; this table
//! holds what the file is (checked by content, not by its name), its size and digest, and
//! what it belongs to (`owner_kind`, `owner_id`).

use super::columns::{id, instant, int, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    StorageKey,
    OwnerKind,
    OwnerId,
    FileName,
    MediaType,
    SizeBytes,
    Sha256,
    CreatedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(id(Attachments::Id))
                    .col(
                        ColumnDef::new(Attachments::StorageKey)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(text(Attachments::OwnerKind))
                    .col(int(Attachments::OwnerId))
                    .col(text(Attachments::FileName))
                    .col(text(Attachments::MediaType))
                    .col(
                        ColumnDef::new(Attachments::SizeBytes)
                            .big_integer()
                            .not_null(),
                    )
                    .col(text(Attachments::Sha256))
                    .col(instant(Attachments::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_owner")
                    .table(Attachments::Table)
                    .col(Attachments::OwnerKind)
                    .col(Attachments::OwnerId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachments::Table).to_owned())
            .await
    }
}
