use sea_orm::entity::prelude::*;

/// An account. The password hash never leaves the server: this type does not derive
/// `Serialize`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub username: String,
    pub full_name: String,
    pub password_hash: String,
    pub is_admin: bool,
    /// `pending`, `approved`, `rejected` or `suspended` (see `services::account::Status`).
    pub status: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub national_id: Option<String>,
    /// Canonical `09xxxxxxxxx`.
    pub mobile: Option<String>,
    /// Lower-cased.
    pub email: Option<String>,
    /// The administrator's reason for a rejection or a suspension, shown to the person.
    pub rejection_reason: Option<String>,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
