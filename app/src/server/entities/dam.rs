use sea_orm::entity::prelude::*;

/// A dam of the province. Volumes in million m³.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "dams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub river: String,
    pub county: String,
    pub capacity: f64,
    pub dead_storage: f64,
    /// Jalali year it went into service.
    pub year_in_service: Option<i32>,
    /// The long-term yearly inflow (million m³) as entered, if known.
    pub long_term_inflow: Option<f64>,
    pub is_sample: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
