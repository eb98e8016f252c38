use sea_orm::entity::prelude::*;

/// A filled-in form, with the version it was filled in and its tracking code.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_submissions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub tracking_code: String,
    pub form_id: i32,
    pub version_id: i32,
    /// Where it was routed when it came in.
    pub category_id: i32,
    pub user_id: Option<i32>,
    /// `[{"key": "f1", "values": ["…"]}]`
    pub answers_json: String,
    pub contact_email: Option<String>,
    pub status: String,
    pub assignee_id: Option<i32>,
    pub consent_publish: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
