use sea_orm::entity::prelude::*;

/// A stored file: what it is and what it belongs to. The bytes are on disk under
/// `storage_key` (see `services::attachment::Store`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// 32 random hex digits: the file's name on disk and in its download address.
    pub storage_key: String,
    /// What it is attached to: `ticket_post`, ...
    pub owner_kind: String,
    pub owner_id: i32,
    /// The name the uploader's file had, cleaned; shown and offered on download only.
    pub file_name: String,
    /// Decided from the content (`services::attachment::sniff`), never from the upload.
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
