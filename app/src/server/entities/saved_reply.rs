use sea_orm::entity::prelude::*;

/// A reply a section's staff use often, kept by its custodian.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "saved_replies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub section_key: String,
    pub title: String,
    pub body: String,
    pub created_by: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
