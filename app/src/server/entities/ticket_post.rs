use sea_orm::entity::prelude::*;

/// One post of a ticket's thread: the citizen's, a staff reply, or an internal note.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_posts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub ticket_id: i32,
    /// `citizen`, `staff` or `internal`.
    pub kind: String,
    pub author_id: Option<i32>,
    /// What the citizen sees as the author: their own name, or the staff member's role.
    pub author_label: String,
    pub body: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
