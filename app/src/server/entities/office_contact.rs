use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "office_contacts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `company` or `county` (see `model::OfficeKind`).
    pub kind: String,
    pub name: String,
    pub county: Option<String>,
    pub address: String,
    pub postal_code: Option<String>,
    pub phone: Option<String>,
    pub fax: Option<String>,
    pub email: Option<String>,
    pub sms: Option<String>,
    pub voice_line: Option<String>,
    pub sort_order: i32,
    pub working_hours: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub is_sample: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
