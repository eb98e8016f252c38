//! The publishing engine: one table of items for every content type (laws, service cards,
//! news, tenders, events, FAQ, links), their revisions, and the topics / categories that
//! classify them (data, kept per kind). Type-specific fields that lists filter or sort by
//! have columns (`subkind`, `ref_number`, `ref_date`, `topic_id`, `sort_order`); the rest
//! are a JSON object in `fields`.

use super::columns::{fk, id, instant, instant_null, int, int_null, text, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TOPICS: &[(&str, &[&str])] = &[
    (
        "law",
        &[
            "منابع آب",
            "رودخانه‌ها و حریم",
            "آب‌های زیرزمینی و چاه‌ها",
            "مالی و حسابداری",
            "اداری و استخدامی",
            "قراردادها و معاملات",
        ],
    ),
    (
        "news",
        &["اخبار شرکت", "اطلاعیه‌ها", "مدیریت مصرف", "گزارش‌ها"],
    ),
    (
        "faq",
        &[
            "پروانه چاه",
            "حقابه و تخصیص",
            "رودخانه‌ها",
            "خدمات الکترونیکی",
        ],
    ),
];

#[derive(DeriveIden)]
enum ContentTopics {
    Table,
    Id,
    Kind,
    Title,
    SortOrder,
}

#[derive(DeriveIden)]
enum ContentItems {
    Table,
    Id,
    Kind,
    SectionKey,
    Slug,
    State,
    Title,
    Summary,
    Body,
    Fields,
    TopicId,
    Subkind,
    RefNumber,
    RefDate,
    SortOrder,
    ImageKey,
    PublishAt,
    UnpublishAt,
    PublishedAt,
    PendingRevisionId,
    ReviewNote,
    ViewCount,
    IsSample,
    CreatedBy,
    UpdatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ContentRevisions {
    Table,
    Id,
    ItemId,
    Number,
    Title,
    Summary,
    Body,
    Fields,
    TopicId,
    Subkind,
    RefNumber,
    RefDate,
    SortOrder,
    ImageKey,
    AuthorId,
    Note,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sections {
    Table,
    Key,
    ReviewRequired,
}

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ContentTopics::Table)
                    .col(id(ContentTopics::Id))
                    .col(text(ContentTopics::Kind))
                    .col(text(ContentTopics::Title))
                    .col(int(ContentTopics::SortOrder))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ContentItems::Table)
                    .col(id(ContentItems::Id))
                    .col(text(ContentItems::Kind))
                    .col(text(ContentItems::SectionKey))
                    .col(text(ContentItems::Slug))
                    .col(text(ContentItems::State))
                    .col(text(ContentItems::Title))
                    .col(ColumnDef::new(ContentItems::Summary).text().not_null())
                    .col(ColumnDef::new(ContentItems::Body).text().not_null())
                    .col(ColumnDef::new(ContentItems::Fields).text().not_null())
                    .col(int_null(ContentItems::TopicId))
                    .col(text_null(ContentItems::Subkind))
                    .col(text_null(ContentItems::RefNumber))
                    .col(instant_null(ContentItems::RefDate))
                    .col(int(ContentItems::SortOrder))
                    .col(text_null(ContentItems::ImageKey))
                    .col(instant_null(ContentItems::PublishAt))
                    .col(instant_null(ContentItems::UnpublishAt))
                    .col(instant_null(ContentItems::PublishedAt))
                    .col(int_null(ContentItems::PendingRevisionId))
                    .col(ColumnDef::new(ContentItems::ReviewNote).text().null())
                    .col(
                        ColumnDef::new(ContentItems::ViewCount)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(ContentItems::IsSample)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(int_null(ContentItems::CreatedBy))
                    .col(int_null(ContentItems::UpdatedBy))
                    .col(instant(ContentItems::CreatedAt))
                    .col(instant(ContentItems::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_content_items_section",
                        (ContentItems::Table, ContentItems::SectionKey),
                        (Sections::Table, Sections::Key),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_content_items_topic",
                        (ContentItems::Table, ContentItems::TopicId),
                        (ContentTopics::Table, ContentTopics::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "idx_content_items_kind_state",
                vec![ContentItems::Kind, ContentItems::State],
            ),
            ("idx_content_items_section", vec![ContentItems::SectionKey]),
        ] {
            let mut idx = Index::create();
            idx.name(name).table(ContentItems::Table);
            for c in cols {
                idx.col(c);
            }
            manager.create_index(idx.to_owned()).await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(ContentRevisions::Table)
                    .col(id(ContentRevisions::Id))
                    .col(int(ContentRevisions::ItemId))
                    .col(int(ContentRevisions::Number))
                    .col(text(ContentRevisions::Title))
                    .col(ColumnDef::new(ContentRevisions::Summary).text().not_null())
                    .col(ColumnDef::new(ContentRevisions::Body).text().not_null())
                    .col(ColumnDef::new(ContentRevisions::Fields).text().not_null())
                    .col(int_null(ContentRevisions::TopicId))
                    .col(text_null(ContentRevisions::Subkind))
                    .col(text_null(ContentRevisions::RefNumber))
                    .col(instant_null(ContentRevisions::RefDate))
                    .col(int(ContentRevisions::SortOrder))
                    .col(text_null(ContentRevisions::ImageKey))
                    .col(int_null(ContentRevisions::AuthorId))
                    .col(text(ContentRevisions::Note))
                    .col(instant(ContentRevisions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_content_revisions_item",
                        (ContentRevisions::Table, ContentRevisions::ItemId),
                        (ContentItems::Table, ContentItems::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        // News, tenders and laws speak for the company: their custodians' items wait for the
        // administrator's review by default (each section's setting is the administrator's).
        manager
            .exec_stmt(
                Query::update()
                    .table(Sections::Table)
                    .value(Sections::ReviewRequired, true)
                    .and_where(Expr::col(Sections::Key).is_in(["news", "tenders", "laws"]))
                    .to_owned(),
            )
            .await?;
        // The starting topics of each kind (data: the custodians' to change).
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
        manager
            .create_index(
                Index::create()
                    .name("idx_content_revisions_item")
                    .table(ContentRevisions::Table)
                    .col(ContentRevisions::ItemId)
                    .col(ContentRevisions::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ContentRevisions::Table.into_iden(),
            ContentItems::Table.into_iden(),
            ContentTopics::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        Ok(())
    }
}
