//! Water-resources statistics, kept by the `water` section's custodian: rain-gauge stations
//! and their daily rainfall, dams and their daily readings, aquifers (plains) and their
//! water-year figures, and the imports that loaded them (each one undoable). Days are Jalali
//! dates written `1403/07/01` (Latin digits): they sort as text, the water year starts on
//! 1 Mehr, and both databases compare them the same way.

use super::columns::{fk, id, instant, instant_null, int, int_null, text};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RainGauges {
    Table,
    Id,
    Name,
    County,
    Latitude,
    Longitude,
    Elevation,
    Active,
    LongTermMm,
    IsSample,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Rainfall {
    Table,
    Id,
    StationId,
    Day,
    Mm,
    ImportId,
}

#[derive(DeriveIden)]
enum Dams {
    Table,
    Id,
    Name,
    River,
    County,
    Capacity,
    DeadStorage,
    YearInService,
    LongTermInflow,
    IsSample,
    CreatedAt,
}

#[derive(DeriveIden)]
enum DamReadings {
    Table,
    Id,
    DamId,
    Day,
    Storage,
    Inflow,
    Outflow,
    Level,
    ImportId,
}

#[derive(DeriveIden)]
enum Aquifers {
    Table,
    Id,
    Name,
    AreaKm2,
    Wells,
    IsSample,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AquiferYears {
    Table,
    Id,
    AquiferId,
    WaterYear,
    TableChange,
    StorageChange,
    Extraction,
    ImportId,
}

#[derive(DeriveIden)]
enum WaterImports {
    Table,
    Id,
    Kind,
    FileName,
    State,
    Rows,
    Payload,
    Report,
    Previous,
    UserId,
    CreatedAt,
    CommittedAt,
    UndoneAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn number<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).double().not_null().to_owned()
}

fn number_null<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).double().null().to_owned()
}

fn flag<T: IntoIden>(col: T, default: bool) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(default)
        .to_owned()
}

fn long_text<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).text().not_null().to_owned()
}

async fn unique(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: [DynIden; 2],
) -> Result<(), DbErr> {
    let mut idx = Index::create();
    idx.name(name).table(table).unique();
    for c in cols {
        idx.col(c);
    }
    manager.create_index(idx.to_owned()).await
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(WaterImports::Table)
                    .col(id(WaterImports::Id))
                    .col(text(WaterImports::Kind))
                    .col(text(WaterImports::FileName))
                    .col(text(WaterImports::State))
                    .col(int(WaterImports::Rows))
                    .col(long_text(WaterImports::Payload))
                    .col(long_text(WaterImports::Report))
                    .col(long_text(WaterImports::Previous))
                    .col(int_null(WaterImports::UserId))
                    .col(instant(WaterImports::CreatedAt))
                    .col(instant_null(WaterImports::CommittedAt))
                    .col(instant_null(WaterImports::UndoneAt))
                    .foreign_key(&mut fk(
                        "fk_water_imports_user",
                        (WaterImports::Table, WaterImports::UserId),
                        (Users::Table, Users::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RainGauges::Table)
                    .col(id(RainGauges::Id))
                    .col(text(RainGauges::Name))
                    .col(text(RainGauges::County))
                    .col(number(RainGauges::Latitude))
                    .col(number(RainGauges::Longitude))
                    .col(int_null(RainGauges::Elevation))
                    .col(flag(RainGauges::Active, true))
                    .col(number_null(RainGauges::LongTermMm))
                    .col(flag(RainGauges::IsSample, false))
                    .col(instant(RainGauges::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rainfall::Table)
                    .col(id(Rainfall::Id))
                    .col(int(Rainfall::StationId))
                    .col(text(Rainfall::Day))
                    .col(number(Rainfall::Mm))
                    .col(int_null(Rainfall::ImportId))
                    .foreign_key(&mut fk(
                        "fk_rainfall_station",
                        (Rainfall::Table, Rainfall::StationId),
                        (RainGauges::Table, RainGauges::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_rainfall_station_day",
            Rainfall::Table,
            [Rainfall::StationId.into_iden(), Rainfall::Day.into_iden()],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Dams::Table)
                    .col(id(Dams::Id))
                    .col(text(Dams::Name))
                    .col(text(Dams::River))
                    .col(text(Dams::County))
                    .col(number(Dams::Capacity))
                    .col(number(Dams::DeadStorage))
                    .col(int_null(Dams::YearInService))
                    .col(number_null(Dams::LongTermInflow))
                    .col(flag(Dams::IsSample, false))
                    .col(instant(Dams::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DamReadings::Table)
                    .col(id(DamReadings::Id))
                    .col(int(DamReadings::DamId))
                    .col(text(DamReadings::Day))
                    .col(number(DamReadings::Storage))
                    .col(number(DamReadings::Inflow))
                    .col(number(DamReadings::Outflow))
                    .col(number_null(DamReadings::Level))
                    .col(int_null(DamReadings::ImportId))
                    .foreign_key(&mut fk(
                        "fk_dam_readings_dam",
                        (DamReadings::Table, DamReadings::DamId),
                        (Dams::Table, Dams::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_dam_readings_dam_day",
            DamReadings::Table,
            [DamReadings::DamId.into_iden(), DamReadings::Day.into_iden()],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Aquifers::Table)
                    .col(id(Aquifers::Id))
                    .col(text(Aquifers::Name))
                    .col(number(Aquifers::AreaKm2))
                    .col(int(Aquifers::Wells))
                    .col(flag(Aquifers::IsSample, false))
                    .col(instant(Aquifers::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AquiferYears::Table)
                    .col(id(AquiferYears::Id))
                    .col(int(AquiferYears::AquiferId))
                    .col(int(AquiferYears::WaterYear))
                    .col(number(AquiferYears::TableChange))
                    .col(number(AquiferYears::StorageChange))
                    .col(number(AquiferYears::Extraction))
                    .col(int_null(AquiferYears::ImportId))
                    .foreign_key(&mut fk(
                        "fk_aquifer_years_aquifer",
                        (AquiferYears::Table, AquiferYears::AquiferId),
                        (Aquifers::Table, Aquifers::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "idx_aquifer_years_aquifer_year",
            AquiferYears::Table,
            [
                AquiferYears::AquiferId.into_iden(),
                AquiferYears::WaterYear.into_iden(),
            ],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AquiferYears::Table.into_iden(),
            Aquifers::Table.into_iden(),
            DamReadings::Table.into_iden(),
            Dams::Table.into_iden(),
            Rainfall::Table.into_iden(),
            RainGauges::Table.into_iden(),
            WaterImports::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
