use sea_orm::entity::prelude::*;

/// One person's appointment as custodian of one section, from nomination to revocation.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "custodian_appointments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    pub section_key: String,
    /// `nominated`, `appointed`, `revoked` or `withdrawn`.
    pub status: String,
    pub nominated_by: i32,
    pub nominated_at: DateTimeUtc,
    pub appointed_at: Option<DateTimeUtc>,
    pub ended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
