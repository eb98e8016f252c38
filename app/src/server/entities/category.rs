use sea_orm::entity::prelude::*;

/// A ticket or form category, routed to a section and to the experts assigned to it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "categories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub section_key: String,
    pub active: bool,
    pub sort_order: i32,
    /// The response target for tickets of this category, in working days.
    pub response_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
