//! Versioned schema migrations (SeaORM's migration framework). They run forward on start-up
//! and by `server migrate`, on SQLite and PostgreSQL alike. Never edit a migration that has
//! shipped: add a new one.

use sea_orm_migration::prelude::*;

mod columns;
mod m20261128_000001_foundation;
mod m20261128_000002_accounts;
mod m20261128_000003_tickets;
mod m20261128_000004_messages;
mod m20261128_000005_attachments;
mod m20261128_000006_content;
mod m20261128_000007_offices;
mod m20261128_000008_links_from_content;
mod m20261128_000009_water;
mod m20261128_000010_water_bulletins;
mod m20261128_000011_forms;
mod m20261128_000012_research;
mod m20261128_000013_content_search;
mod m20261129_000014_accountability;
mod m20261129_000015_search_filter_index;
mod m20261129_000016_visitor_stats;
mod m20261129_000017_newsletter;
mod m20261129_000018_pg_search_vector;
mod m20261129_000019_outbox_lease;
mod m20261129_000020_pg_search_fastupdate;
mod m20261207_000021_content_files;

pub use m20261129_000015_search_filter_index::SEARCH_FILTER_INDEX;

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_foundation::Migration),
            Box::new(m20261128_000002_accounts::Migration),
            Box::new(m20261128_000003_tickets::Migration),
            Box::new(m20261128_000004_messages::Migration),
            Box::new(m20261128_000005_attachments::Migration),
            Box::new(m20261128_000006_content::Migration),
            Box::new(m20261128_000007_offices::Migration),
            Box::new(m20261128_000008_links_from_content::Migration),
            Box::new(m20261128_000009_water::Migration),
            Box::new(m20261128_000010_water_bulletins::Migration),
            Box::new(m20261128_000011_forms::Migration),
            Box::new(m20261128_000012_research::Migration),
            Box::new(m20261128_000013_content_search::Migration),
            Box::new(m20261129_000014_accountability::Migration),
            Box::new(m20261129_000015_search_filter_index::Migration),
            Box::new(m20261129_000016_visitor_stats::Migration),
            Box::new(m20261129_000017_newsletter::Migration),
            Box::new(m20261129_000018_pg_search_vector::Migration),
            Box::new(m20261129_000019_outbox_lease::Migration),
            Box::new(m20261129_000020_pg_search_fastupdate::Migration),
            Box::new(m20261207_000021_content_files::Migration),
        ]
    }
}

/// Applies every pending migration.
pub async fn run(db: &sea_orm::DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}
