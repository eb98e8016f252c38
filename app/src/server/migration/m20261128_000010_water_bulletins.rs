//! Published weekly bulletins: one row a Jalali week (its Saturday), with who published it.

use super::columns::{fk, instant, int_null, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WaterBulletins {
    Table,
    WeekStart,
    WeekEnd,
    UserId,
    PublishedAt,
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
                    .table(WaterBulletins::Table)
                    .col(text(WaterBulletins::WeekStart).primary_key())
                    .col(text(WaterBulletins::WeekEnd))
                    .col(int_null(WaterBulletins::UserId))
                    .col(instant(WaterBulletins::PublishedAt))
                    .foreign_key(&mut fk(
                        "fk_water_bulletins_user",
                        (WaterBulletins::Table, WaterBulletins::UserId),
                        (Users::Table, Users::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WaterBulletins::Table).to_owned())
            .await
    }
}
