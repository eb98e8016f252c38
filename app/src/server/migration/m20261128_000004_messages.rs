//! Suggestions, criticism and appreciation (پیشنهادها و انتقادها): each with a tracking
//! code, kept in a section's inbox (forwardable to another section) and answered there.

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
                    .col(
                        ColumnDef::new(Messages::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Messages::TrackingCode)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Messages::SectionKey).string().not_null())
                    .col(ColumnDef::new(Messages::Kind).string().not_null())
                    .col(ColumnDef::new(Messages::Subject).string().not_null())
                    .col(ColumnDef::new(Messages::Body).text().not_null())
                    .col(ColumnDef::new(Messages::Contact).string().null())
                    .col(ColumnDef::new(Messages::UserId).integer().null())
                    .col(ColumnDef::new(Messages::Status).string().not_null())
                    .col(ColumnDef::new(Messages::Reply).text().null())
                    .col(ColumnDef::new(Messages::RepliedBy).integer().null())
                    .col(
                        ColumnDef::new(Messages::RepliedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Messages::ForwardedFrom).string().null())
                    .col(
                        ColumnDef::new(Messages::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Messages::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
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
