use sea_orm::entity::prelude::*;

/// A rain-gauge station of the province.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rain_gauges")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub county: String,
    pub latitude: f64,
    pub longitude: f64,
    /// Metres above sea level.
    pub elevation: Option<i32>,
    pub active: bool,
    /// The long-term annual average (mm) as entered by the custodian, if known.
    pub long_term_mm: Option<f64>,
    pub is_sample: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
