//! Research and knowledge management: the `research` section, the starting research
//! priorities and knowledge topics (data the custodian changes), and three columns on
//! content items — who may read it (`visibility`), a research project's executor (a list
//! filter), and the normalized text that word search reads (`search_text`, filled here for
//! the items that already exist).

use super::columns::text_null;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContentItems {
    Table,
    Kind,
    Visibility,
    Executor,
    SearchText,
}

#[derive(DeriveIden)]
enum ContentTopics {
    Table,
    Kind,
    Title,
    SortOrder,
}

#[derive(DeriveIden)]
enum Sections {
    Table,
    Key,
    Title,
    SortOrder,
    ReviewRequired,
}

const TOPICS: &[(&str, &[&str])] = &[
    (
        "research",
        &[
            "مدیریت منابع آب زیرزمینی",
            "سازگاری با کم‌آبی و تغییر اقلیم",
            "کیفیت آب و محیط زیست",
            "سدها و سازه‌های آبی",
            "اقتصاد و حکمرانی آب",
        ],
    ),
    (
        "knowledge",
        &[
            "بهره‌برداری و نگهداری",
            "پروانه و کنترل چاه‌ها",
            "پایش و اندازه‌گیری",
            "مدیریت پروژه",
        ],
    ),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            ColumnDef::new(ContentItems::Visibility)
                .string()
                .not_null()
                .default("public")
                .to_owned(),
            text_null(ContentItems::Executor),
            ColumnDef::new(ContentItems::SearchText)
                .string()
                .not_null()
                .default("")
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ContentItems::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_content_items_kind_visibility")
                    .table(ContentItems::Table)
                    .col(ContentItems::Kind)
                    .col(ContentItems::Visibility)
                    .to_owned(),
            )
            .await?;

        let mut insert = Query::insert();
        insert.into_table(Sections::Table).columns([
            Sections::Key,
            Sections::Title,
            Sections::SortOrder,
            Sections::ReviewRequired,
        ]);
        insert.values_panic([
            "research".into(),
            "تحقیق و پژوهش و مدیریت دانش".into(),
            14.into(),
            false.into(),
        ]);
        manager.exec_stmt(insert).await?;

        let mut insert = Query::insert();
        insert.into_table(ContentTopics::Table).columns([
            ContentTopics::Kind,
            ContentTopics::Title,
            ContentTopics::SortOrder,
        ]);
        for (kind, titles) in TOPICS {
            for (i, title) in titles.iter().enumerate() {
                insert.values_panic([(*kind).into(), (*title).into(), (i as i32 + 1).into()]);
            }
        }
        manager.exec_stmt(insert).await?;

        // The searchable text of what is already there.
        crate::server::services::content::fill_search_text(manager.get_connection())
            .await
            .map_err(|e| DbErr::Migration(e.to_string()))?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_content_items_kind_visibility")
                    .table(ContentItems::Table)
                    .to_owned(),
            )
            .await?;
        for col in [
            ContentItems::Visibility,
            ContentItems::Executor,
            ContentItems::SearchText,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(ContentItems::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(ContentTopics::Table)
                    .and_where(Expr::col(ContentTopics::Kind).is_in(["research", "knowledge"]))
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::delete()
                    .from_table(Sections::Table)
                    .and_where(Expr::col(Sections::Key).eq("research"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
