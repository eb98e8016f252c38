//! Tickets: each category's response target, the holiday list for working time, tickets
//! with their tracking codes, the thread of posts (citizen, staff, internal notes), and the
//! custodians' saved replies, and the e-mail outbox.

use super::columns::{id, instant, instant_null, int, int_null, text, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    ResponseDays,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sections {
    Table,
    Key,
}

#[derive(DeriveIden)]
enum Holidays {
    Table,
    Day,
    Title,
}

#[derive(DeriveIden)]
enum Tickets {
    Table,
    Id,
    TrackingCode,
    CategoryId,
    SectionKey,
    Subject,
    Body,
    Name,
    Mobile,
    Email,
    UserId,
    Status,
    AssigneeId,
    CreatedAt,
    UpdatedAt,
    DueAt,
    AnsweredAt,
    ClosedAt,
    Rating,
    RatingComment,
    SearchText,
}

#[derive(DeriveIden)]
enum TicketPosts {
    Table,
    Id,
    TicketId,
    Kind,
    AuthorId,
    AuthorLabel,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    ToAddr,
    Subject,
    Body,
    CreatedAt,
    SentAt,
    Attempts,
    LastError,
}

#[derive(DeriveIden)]
enum SavedReplies {
    Table,
    Id,
    SectionKey,
    Title,
    Body,
    CreatedBy,
    CreatedAt,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Categories::Table)
                    .add_column(
                        ColumnDef::new(Categories::ResponseDays)
                            .integer()
                            .not_null()
                            .default(3),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Holidays::Table)
                    .col(
                        ColumnDef::new(Holidays::Day)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(text(Holidays::Title))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Tickets::Table)
                    .col(id(Tickets::Id))
                    .col(
                        ColumnDef::new(Tickets::TrackingCode)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(int(Tickets::CategoryId))
                    .col(text(Tickets::SectionKey))
                    .col(text(Tickets::Subject))
                    .col(ColumnDef::new(Tickets::Body).text().not_null())
                    .col(text(Tickets::Name))
                    .col(text_null(Tickets::Mobile))
                    .col(text_null(Tickets::Email))
                    .col(int_null(Tickets::UserId))
                    .col(text(Tickets::Status))
                    .col(int_null(Tickets::AssigneeId))
                    .col(instant(Tickets::CreatedAt))
                    .col(instant(Tickets::UpdatedAt))
                    .col(instant(Tickets::DueAt))
                    .col(instant_null(Tickets::AnsweredAt))
                    .col(instant_null(Tickets::ClosedAt))
                    .col(int_null(Tickets::Rating))
                    .col(ColumnDef::new(Tickets::RatingComment).text().null())
                    .col(ColumnDef::new(Tickets::SearchText).text().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tickets_category")
                            .from(Tickets::Table, Tickets::CategoryId)
                            .to(Categories::Table, Categories::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tickets_section")
                            .from(Tickets::Table, Tickets::SectionKey)
                            .to(Sections::Table, Sections::Key),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tickets_user")
                            .from(Tickets::Table, Tickets::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_tickets_assignee")
                            .from(Tickets::Table, Tickets::AssigneeId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_tickets_status", Tickets::Status),
            ("idx_tickets_category", Tickets::CategoryId),
            ("idx_tickets_user", Tickets::UserId),
            ("idx_tickets_created", Tickets::CreatedAt),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Tickets::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(TicketPosts::Table)
                    .col(id(TicketPosts::Id))
                    .col(int(TicketPosts::TicketId))
                    .col(text(TicketPosts::Kind))
                    .col(int_null(TicketPosts::AuthorId))
                    .col(text(TicketPosts::AuthorLabel))
                    .col(ColumnDef::new(TicketPosts::Body).text().not_null())
                    .col(instant(TicketPosts::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_posts_ticket")
                            .from(TicketPosts::Table, TicketPosts::TicketId)
                            .to(Tickets::Table, Tickets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_posts_ticket")
                    .table(TicketPosts::Table)
                    .col(TicketPosts::TicketId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SavedReplies::Table)
                    .col(id(SavedReplies::Id))
                    .col(text(SavedReplies::SectionKey))
                    .col(text(SavedReplies::Title))
                    .col(ColumnDef::new(SavedReplies::Body).text().not_null())
                    .col(int(SavedReplies::CreatedBy))
                    .col(instant(SavedReplies::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_saved_replies_section")
                            .from(SavedReplies::Table, SavedReplies::SectionKey)
                            .to(Sections::Table, Sections::Key),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(id(Outbox::Id))
                    .col(text(Outbox::ToAddr))
                    .col(text(Outbox::Subject))
                    .col(ColumnDef::new(Outbox::Body).text().not_null())
                    .col(instant(Outbox::CreatedAt))
                    .col(instant_null(Outbox::SentAt))
                    .col(
                        ColumnDef::new(Outbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_sent")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Outbox::Table.into_iden(),
            SavedReplies::Table.into_iden(),
            TicketPosts::Table.into_iden(),
            Tickets::Table.into_iden(),
            Holidays::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Categories::Table)
                    .drop_column(Categories::ResponseDays)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
