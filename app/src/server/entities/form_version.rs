use sea_orm::entity::prelude::*;

/// A published version of a form: never changed once written.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub form_id: i32,
    pub number: i32,
    pub title: String,
    pub description: String,
    pub fields_json: String,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
