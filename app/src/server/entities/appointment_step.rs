use sea_orm::entity::prelude::*;

/// One recorded step of an appointment: nominated, an item checked or unchecked,
/// appointed, revoked, withdrawn.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment_steps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub appointment_id: i32,
    pub step: String,
    pub item_id: Option<i32>,
    pub note: Option<String>,
    pub actor_id: i32,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
