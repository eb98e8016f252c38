//! The foundation: the first accounts table (the administrator), the contact directory, the
//! counter offices and the footer's related sites; and the company's real contact block.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    FullName,
    PasswordHash,
    IsAdmin,
    Status,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum OfficeContacts {
    Table,
    Id,
    Kind,
    Name,
    County,
    Address,
    PostalCode,
    Phone,
    Fax,
    Email,
    Sms,
    VoiceLine,
    SortOrder,
    IsSample,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CounterOffices {
    Table,
    Id,
    County,
    Code,
    Manager,
    Address,
    Phone,
    IsSample,
    CreatedAt,
    UpdatedAt,
}

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

fn id<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn text<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).string().not_null().to_owned()
}

fn text_null<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col).string().null().to_owned()
}

fn flag<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(false)
        .to_owned()
}

fn instant<T: IntoIden>(col: T) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(id(Users::Id))
                    .col(text(Users::Username).unique_key().to_owned())
                    .col(text(Users::FullName))
                    .col(text(Users::PasswordHash))
                    .col(flag(Users::IsAdmin))
                    .col(text(Users::Status))
                    .col(instant(Users::CreatedAt))
                    .col(instant(Users::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OfficeContacts::Table)
                    .col(id(OfficeContacts::Id))
                    .col(text(OfficeContacts::Kind))
                    .col(text(OfficeContacts::Name))
                    .col(text_null(OfficeContacts::County))
                    .col(text(OfficeContacts::Address))
                    .col(text_null(OfficeContacts::PostalCode))
                    .col(text_null(OfficeContacts::Phone))
                    .col(text_null(OfficeContacts::Fax))
                    .col(text_null(OfficeContacts::Email))
                    .col(text_null(OfficeContacts::Sms))
                    .col(text_null(OfficeContacts::VoiceLine))
                    .col(
                        ColumnDef::new(OfficeContacts::SortOrder)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(flag(OfficeContacts::IsSample))
                    .col(instant(OfficeContacts::CreatedAt))
                    .col(instant(OfficeContacts::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CounterOffices::Table)
                    .col(id(CounterOffices::Id))
                    .col(text(CounterOffices::County))
                    .col(text(CounterOffices::Code))
                    .col(text(CounterOffices::Manager))
                    .col(text(CounterOffices::Address))
                    .col(text(CounterOffices::Phone))
                    .col(flag(CounterOffices::IsSample))
                    .col(instant(CounterOffices::CreatedAt))
                    .col(instant(CounterOffices::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_counter_offices_county")
                    .table(CounterOffices::Table)
                    .col(CounterOffices::County)
                    .to_owned(),
            )
            .await?;

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
                    .col(flag(RelatedSites::IsSample))
                    .col(instant(RelatedSites::CreatedAt))
                    .to_owned(),
            )
            .await?;

        // The company's contact block, as published on its portal: real data, not a sample.
        let now = chrono::Utc::now();
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(OfficeContacts::Table)
                    .columns([
                        OfficeContacts::Kind,
                        OfficeContacts::Name,
                        OfficeContacts::Address,
                        OfficeContacts::PostalCode,
                        OfficeContacts::Phone,
                        OfficeContacts::Fax,
                        OfficeContacts::Email,
                        OfficeContacts::SortOrder,
                        OfficeContacts::IsSample,
                        OfficeContacts::CreatedAt,
                        OfficeContacts::UpdatedAt,
                    ])
                    .values_panic([
                        "company".into(),
                        "شرکت سهامی آب منطقه‌ای قم".into(),
                        "قم، خیابان شهیدان فاطمی (دور شهر)، نبش کوی شماره یک، شرکت سهامی آب منطقه‌ای قم".into(),
                        "3715653184".into(),
                        "025-37839093-4".into(),
                        "025-37839092".into(),
                        "info@qmrw.ir".into(),
                        0.into(),
                        false.into(),
                        now.into(),
                        now.into(),
                    ])
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RelatedSites::Table.into_iden(),
            CounterOffices::Table.into_iden(),
            OfficeContacts::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
