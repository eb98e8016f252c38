//! Suggestions, criticism and appreciation (پیشنهادها و انتقادها): each with a tracking
//! code, kept in a section's inbox (forwardable to another section) and answered there.

use super::columns::{id, instant, instant_null, int_null, text, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Messages {
    Table,
    Id,
    TrackingCode,
    SectionKey,
    Kind,
    Subject,
    Body,
    Contact,
    UserId,
    Status,
    Reply,
    RepliedBy,
    RepliedAt,
    ForwardedFrom,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Sections {
    Table,
    Key,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Messages::Table)
                    .col(id(Messages::Id))
                    .col(
                        ColumnDef::new(Messages::TrackingCode)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(text(Messages::SectionKey))
                    .col(text(Messages::Kind))
                    .col(text(Messages::Subject))
                    .col(ColumnDef::new(Messages::Body).text().not_null())
                    .col(text_null(Messages::Contact))
                    .col(int_null(Messages::UserId))
                    .col(text(Messages::Status))
                    .col(ColumnDef::new(Messages::Reply).text().null())
                    .col(int_null(Messages::RepliedBy))
                    .col(instant_null(Messages::RepliedAt))
                    .col(text_null(Messages::ForwardedFrom))
                    .col(instant(Messages::CreatedAt))
                    .col(instant(Messages::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_messages_section")
                            .from(Messages::Table, Messages::SectionKey)
                            .to(Sections::Table, Sections::Key),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_messages_user")
                            .from(Messages::Table, Messages::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_messages_section_status")
                    .table(Messages::Table)
                    .col(Messages::SectionKey)
                    .col(Messages::Status)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Messages::Table).to_owned())
            .await
    }
}
