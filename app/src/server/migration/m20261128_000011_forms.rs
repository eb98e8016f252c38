//! Advanced forms: each form's settings and working copy of its definition, the published
//! versions (a submission always points at the version it was filled in), submissions with
//! their tracking codes and answers, the thread of each submission, and the public Q&A.

use super::columns::{fk, id, instant, instant_null, int, int_null, text, text_null};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Forms {
    Table,
    Id,
    Title,
    Description,
    DraftJson,
    CategoryId,
    AssigneeId,
    SignedInOnly,
    OpensOn,
    ClosesOn,
    Active,
    CurrentVersionId,
    IsSample,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum FormVersions {
    Table,
    Id,
    FormId,
    Number,
    Title,
    Description,
    FieldsJson,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FormSubmissions {
    Table,
    Id,
    TrackingCode,
    FormId,
    VersionId,
    CategoryId,
    UserId,
    AnswersJson,
    ContactEmail,
    Status,
    AssigneeId,
    ConsentPublish,
    CreatedAt,
    UpdatedAt,
    AnsweredAt,
    ClosedAt,
    SearchText,
}

#[derive(DeriveIden)]
enum FormPosts {
    Table,
    Id,
    SubmissionId,
    Kind,
    AuthorId,
    AuthorLabel,
    Body,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FormQa {
    Table,
    Id,
    SubmissionId,
    FormId,
    Question,
    Answer,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
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

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Forms::Table)
                    .col(id(Forms::Id))
                    .col(text(Forms::Title))
                    .col(long_text(Forms::Description))
                    .col(long_text(Forms::DraftJson))
                    .col(int(Forms::CategoryId))
                    .col(int_null(Forms::AssigneeId))
                    .col(flag(Forms::SignedInOnly, false))
                    .col(text_null(Forms::OpensOn))
                    .col(text_null(Forms::ClosesOn))
                    .col(flag(Forms::Active, true))
                    .col(int_null(Forms::CurrentVersionId))
                    .col(flag(Forms::IsSample, false))
                    .col(int_null(Forms::CreatedBy))
                    .col(instant(Forms::CreatedAt))
                    .col(instant(Forms::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_forms_category",
                        (Forms::Table, Forms::CategoryId),
                        (Categories::Table, Categories::Id),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_forms_assignee",
                        (Forms::Table, Forms::AssigneeId),
                        (Users::Table, Users::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FormVersions::Table)
                    .col(id(FormVersions::Id))
                    .col(int(FormVersions::FormId))
                    .col(int(FormVersions::Number))
                    .col(text(FormVersions::Title))
                    .col(long_text(FormVersions::Description))
                    .col(long_text(FormVersions::FieldsJson))
                    .col(int_null(FormVersions::CreatedBy))
                    .col(instant(FormVersions::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_form_versions_form",
                        (FormVersions::Table, FormVersions::FormId),
                        (Forms::Table, Forms::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_versions_number")
                    .table(FormVersions::Table)
                    .col(FormVersions::FormId)
                    .col(FormVersions::Number)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FormSubmissions::Table)
                    .col(id(FormSubmissions::Id))
                    .col(
                        ColumnDef::new(FormSubmissions::TrackingCode)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(int(FormSubmissions::FormId))
                    .col(int(FormSubmissions::VersionId))
                    .col(int(FormSubmissions::CategoryId))
                    .col(int_null(FormSubmissions::UserId))
                    .col(long_text(FormSubmissions::AnswersJson))
                    .col(text_null(FormSubmissions::ContactEmail))
                    .col(text(FormSubmissions::Status))
                    .col(int_null(FormSubmissions::AssigneeId))
                    .col(flag(FormSubmissions::ConsentPublish, false))
                    .col(instant(FormSubmissions::CreatedAt))
                    .col(instant(FormSubmissions::UpdatedAt))
                    .col(instant_null(FormSubmissions::AnsweredAt))
                    .col(instant_null(FormSubmissions::ClosedAt))
                    .col(long_text(FormSubmissions::SearchText))
                    .foreign_key(&mut fk(
                        "fk_form_submissions_form",
                        (FormSubmissions::Table, FormSubmissions::FormId),
                        (Forms::Table, Forms::Id),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_form_submissions_version",
                        (FormSubmissions::Table, FormSubmissions::VersionId),
                        (FormVersions::Table, FormVersions::Id),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_form_submissions_category",
                        (FormSubmissions::Table, FormSubmissions::CategoryId),
                        (Categories::Table, Categories::Id),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_form_submissions_user",
                        (FormSubmissions::Table, FormSubmissions::UserId),
                        (Users::Table, Users::Id),
                        false,
                    ))
                    .foreign_key(&mut fk(
                        "fk_form_submissions_assignee",
                        (FormSubmissions::Table, FormSubmissions::AssigneeId),
                        (Users::Table, Users::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("idx_form_submissions_form", FormSubmissions::FormId),
            ("idx_form_submissions_category", FormSubmissions::CategoryId),
            ("idx_form_submissions_user", FormSubmissions::UserId),
            ("idx_form_submissions_status", FormSubmissions::Status),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(FormSubmissions::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(FormPosts::Table)
                    .col(id(FormPosts::Id))
                    .col(int(FormPosts::SubmissionId))
                    .col(text(FormPosts::Kind))
                    .col(int_null(FormPosts::AuthorId))
                    .col(text(FormPosts::AuthorLabel))
                    .col(long_text(FormPosts::Body))
                    .col(instant(FormPosts::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_form_posts_submission",
                        (FormPosts::Table, FormPosts::SubmissionId),
                        (FormSubmissions::Table, FormSubmissions::Id),
                        true,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_form_posts_submission")
                    .table(FormPosts::Table)
                    .col(FormPosts::SubmissionId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(FormQa::Table)
                    .col(id(FormQa::Id))
                    .col(
                        ColumnDef::new(FormQa::SubmissionId)
                            .integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(int(FormQa::FormId))
                    .col(long_text(FormQa::Question))
                    .col(long_text(FormQa::Answer))
                    .col(int_null(FormQa::PublishedBy))
                    .col(instant(FormQa::PublishedAt))
                    .foreign_key(&mut fk(
                        "fk_form_qa_submission",
                        (FormQa::Table, FormQa::SubmissionId),
                        (FormSubmissions::Table, FormSubmissions::Id),
                        true,
                    ))
                    .foreign_key(&mut fk(
                        "fk_form_qa_form",
                        (FormQa::Table, FormQa::FormId),
                        (Forms::Table, Forms::Id),
                        false,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FormQa::Table.into_iden(),
            FormPosts::Table.into_iden(),
            FormSubmissions::Table.into_iden(),
            FormVersions::Table.into_iden(),
            Forms::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
