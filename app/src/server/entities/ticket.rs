use sea_orm::entity::prelude::*;

/// A citizen's ticket. `tracking_code` is the 16-digit code in Latin digits.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub tracking_code: String,
    pub category_id: i32,
    pub section_key: String,
    pub subject: String,
    pub body: String,
    pub name: String,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub user_id: Option<i32>,
    /// See `model::TicketStatus`.
    pub status: String,
    pub assignee_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When the category's response target (in working days) runs out.
    pub due_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    /// Normalized subject, body, name and code, for search.
    pub search_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
