use sea_orm::entity::prelude::*;

/// A saved version of an item: every save makes one; numbered from 1 per item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_revisions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub item_id: i32,
    pub number: i32,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub fields: String,
    pub topic_id: Option<i32>,
    pub subkind: Option<String>,
    pub ref_number: Option<String>,
    pub ref_date: Option<DateTimeUtc>,
    pub sort_order: i32,
    pub image_key: Option<String>,
    /// The attachment keys this version carries (a JSON array).
    pub files: String,
    /// When this edit was turned down by a reviewer; its own files go after the retention.
    pub rejected_at: Option<DateTimeUtc>,
    pub author_id: Option<i32>,
    /// What the save was: «ویرایش», «بازگردانی نسخه‌ی ۳», ...
    pub note: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
