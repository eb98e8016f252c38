use sea_orm::entity::prelude::*;

/// A dam's reading for one day: storage at the end of the day and that day's inflow and
/// outflow (million m³), and optionally the water level (m above sea level).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dam_readings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub dam_id: i32,
    pub day: String,
    pub storage: f64,
    pub inflow: f64,
    pub outflow: f64,
    pub level: Option<f64>,
    pub import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
