use sea_orm::entity::prelude::*;

/// A section of the portal; permissions are asked per section.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub title: String,
    pub sort_order: i32,
    /// When set, the section's custodians cannot publish without the administrator's review.
    pub review_required: bool,
    /// How many days may pass between updates before the section counts as stale; `None`
    /// for sections not updated on a schedule.
    pub update_days: Option<i32>,
    /// Working days within which the section's messages should be answered.
    pub response_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
