use sea_orm::entity::prelude::*;

/// One day's rainfall at a station (mm). `day` is Jalali, `1403/07/01`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rainfall")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub station_id: i32,
    pub day: String,
    pub mm: f64,
    /// The import that last wrote it (none when entered by hand).
    pub import_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
