use sea_orm::entity::prelude::*;

/// A checklist item that is done for an appointment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appointment_checks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub appointment_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: i32,
    pub done_by: i32,
    pub done_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
