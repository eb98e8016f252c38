//! Offices as their custodians keep them: working hours and a location (latitude and
//! longitude) for the company's and the counties' offices and for the service counter
//! offices, and a name for a counter office (search finds it by name).

use super::columns::text_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OfficeContacts {
    Table,
    WorkingHours,
    Latitude,
    Longitude,
}

#[derive(DeriveIden)]
enum CounterOffices {
    Table,
    Name,
    WorkingHours,
    Latitude,
    Longitude,
}

fn coordinate<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).double().null().to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            text_null(OfficeContacts::WorkingHours),
            coordinate(OfficeContacts::Latitude),
            coordinate(OfficeContacts::Longitude),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OfficeContacts::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for col in [
            text_null(CounterOffices::Name),
            text_null(CounterOffices::WorkingHours),
            coordinate(CounterOffices::Latitude),
            coordinate(CounterOffices::Longitude),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(CounterOffices::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            OfficeContacts::WorkingHours,
            OfficeContacts::Latitude,
            OfficeContacts::Longitude,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OfficeContacts::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        for col in [
            CounterOffices::Name,
            CounterOffices::WorkingHours,
            CounterOffices::Latitude,
            CounterOffices::Longitude,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(CounterOffices::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
