use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "counter_offices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub county: String,
    /// The office's number in the national counter-office network.
    pub code: String,
    pub manager: String,
    pub address: String,
    pub phone: String,
    pub is_sample: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
