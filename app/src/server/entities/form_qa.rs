use sea_orm::entity::prelude::*;

/// An answered question published, with consent and without personal data, to the public Q&A.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "form_qa")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub submission_id: i32,
    pub form_id: i32,
    pub question: String,
    pub answer: String,
    pub published_by: Option<i32>,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
