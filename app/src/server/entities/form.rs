use sea_orm::entity::prelude::*;

/// A form: its settings (routing, audience, open dates) and the working copy of its definition.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The working copy: title, description and fields (JSON), published as versions.
    pub title: String,
    pub description: String,
    pub draft_json: String,
    /// The category (of the `forms` section) whose experts receive its submissions.
    pub category_id: i32,
    /// The expert each new submission is assigned to, if any.
    pub assignee_id: Option<i32>,
    pub signed_in_only: bool,
    /// Jalali days (Latin digits), both inclusive.
    pub opens_on: Option<String>,
    pub closes_on: Option<String>,
    pub active: bool,
    pub current_version_id: Option<i32>,
    pub is_sample: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
