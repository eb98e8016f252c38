use sea_orm::entity::prelude::*;

/// A published weekly bulletin: the week's Saturday and Friday (`1403/08/12`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "water_bulletins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub week_start: String,
    pub week_end: String,
    pub user_id: Option<i32>,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
