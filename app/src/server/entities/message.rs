use sea_orm::entity::prelude::*;

/// A suggestion, criticism or appreciation sent to the company.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub tracking_code: String,
    /// The section whose inbox holds it (`messages` until forwarded).
    pub section_key: String,
    /// `suggestion`, `criticism` or `appreciation`.
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// How to reach the sender, if they gave a way (free text: phone or e-mail).
    pub contact: Option<String>,
    pub user_id: Option<i32>,
    /// `unread`, `read` or `handled`.
    pub status: String,
    pub reply: Option<String>,
    pub replied_by: Option<i32>,
    pub replied_at: Option<DateTimeUtc>,
    pub forwarded_from: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
