use sea_orm::entity::prelude::*;

/// One published (or being written) item of any content type; see `services::content`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_items")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `ContentKind::as_str`: `law`, `service`, `news`, ..., `research`, `knowledge`.
    pub kind: String,
    pub section_key: String,
    pub slug: String,
    /// `draft`, `review`, `published`, `archived`.
    pub state: String,
    pub title: String,
    pub summary: String,
    /// Sanitized HTML.
    pub body: String,
    /// The kind's other fields, a JSON object of strings.
    pub fields: String,
    pub topic_id: Option<i32>,
    pub subkind: Option<String>,
    pub ref_number: Option<String>,
    pub ref_date: Option<DateTimeUtc>,
    pub sort_order: i32,
    pub image_key: Option<String>,
    /// The attachment keys the public is given (a JSON array): those of the version applied.
    pub files: String,
    pub publish_at: Option<DateTimeUtc>,
    pub unpublish_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    /// Changes to a published item waiting for review (a revision id).
    pub pending_revision_id: Option<i32>,
    pub review_note: Option<String>,
    pub view_count: i64,
    pub is_sample: bool,
    /// `public`, `registered` or `staff` (from a knowledge item's field; public otherwise).
    pub visibility: String,
    /// A research project's executor (from its field), for the list filter.
    pub executor: Option<String>,
    /// Title, summary, text and field values, normalized (`persian::text::normalize`):
    /// what word search reads.
    pub search_text: String,
    pub created_by: Option<i32>,
    pub updated_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
