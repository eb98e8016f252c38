use sea_orm::entity::prelude::*;

/// One line of the audit log. Append-only: the database refuses updates and deletes.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_id: Option<i32>,
    /// The actor's user name at the time (or `سامانه` / the citizen's description).
    pub actor_name: String,
    pub action: String,
    pub section_key: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<String>,
    pub summary: String,
    pub ip: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
