//! Custodian accountability: how often each section is expected to change
//! (`sections.update_days`, days; empty for sections that are not updated on a schedule)
//! and how soon its messages should be answered (`sections.response_days`, working days;
//! tickets keep their category's target), both data the administrator changes; and the
//! daily reminders already sent, one row a person a day, so several server instances send
//! each reminder once.

use super::columns::{instant, int, int_null, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Sections {
    Table,
    Key,
    UpdateDays,
    ResponseDays,
}

#[derive(DeriveIden)]
enum AccountabilityReminders {
    Table,
    UserId,
    Day,
    SentAt,
}

/// The starting expectations: news daily, the weekly water bulletin weekly, …
const INTERVALS: &[(&str, i32)] = &[
    ("news", 1),
    ("water", 7),
    ("tenders", 14),
    ("events", 30),
    ("laws", 90),
    ("services", 90),
    ("faq", 90),
    ("research", 90),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            int_null(Sections::UpdateDays),
            ColumnDef::new(Sections::ResponseDays)
                .integer()
                .not_null()
                .default(5)
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Sections::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for (key, days) in INTERVALS {
            manager
                .exec_stmt(
                    Query::update()
                        .table(Sections::Table)
                        .value(Sections::UpdateDays, *days)
                        .and_where(Expr::col(Sections::Key).eq(*key))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(AccountabilityReminders::Table)
                    .col(int(AccountabilityReminders::UserId))
                    .col(text(AccountabilityReminders::Day))
                    .col(instant(AccountabilityReminders::SentAt))
                    .primary_key(
                        Index::create()
                            .col(AccountabilityReminders::UserId)
                            .col(AccountabilityReminders::Day),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(AccountabilityReminders::Table)
                    .to_owned(),
            )
            .await?;
        for col in [Sections::UpdateDays, Sections::ResponseDays] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Sections::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
