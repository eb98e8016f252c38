use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
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
    /// The office's name, when it has one besides its code.
    pub name: Option<String>,
    pub working_hours: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_sample: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
