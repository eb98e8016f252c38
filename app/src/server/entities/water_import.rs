use sea_orm::entity::prelude::*;

/// A bulk import of water data: staged (checked, waiting for the custodian's go), then
/// committed all at once, and possibly undone.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "water_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `rainfall`, `dam`, `aquifer`.
    pub kind: String,
    pub file_name: String,
    /// `staged`, `committed`, `undone`, `discarded`.
    pub state: String,
    pub rows: i32,
    /// The parsed rows, JSON.
    pub payload: String,
    /// The validation problems, JSON.
    pub report: String,
    /// What the commit overwrote, JSON, so that undo can put it back.
    pub previous: String,
    pub user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub committed_at: Option<DateTimeUtc>,
    pub undone_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
