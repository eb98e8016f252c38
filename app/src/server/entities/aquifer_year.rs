use sea_orm::entity::prelude::*;

/// An aquifer's figures for one water year (`water_year` 1402 is 1 Mehr 1402 – 31 Shahrivar
/// 1403): water-table change (m), storage change (million m³, negative is a deficit) and
/// extraction (million m³).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "aquifer_years")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub aquifer_id: i32,
    pub water_year: i32,
    pub table_change: f64,
    pub storage_change: f64,
    pub extraction: f64,
    pub import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
