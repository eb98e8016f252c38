//! Visitor statistics. Times are whole seconds since the Unix epoch; days are Tehran
//! calendar days written as Jalali `YYYY/MM/DD` (they sort as they read).
//!
//! - `visitor_presence`: one row a visitor (a random cookie value): when their current
//!   visit started, which flush of which server instance began it, and when they were last
//!   seen. Online counts and the start of a new visit (after 30 minutes away) come from
//!   here, so several instances on one database agree.
//! - `visit_days`: the daily roll-up (visits, page views, the day's peak of visitors online
//!   and when it was reached), added to at every flush, so yesterday's row is complete the
//!   moment the day ends.
//! - `visit_hours`: visits and page views per Tehran clock hour.
//! - `visit_pages`, `visit_searches`, `visit_referrers`: per day, page views by path,
//!   searches by normalized query, and visits by the referring site.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: &[&str] = &[
    "CREATE TABLE visitor_presence (visitor VARCHAR(64) NOT NULL PRIMARY KEY, \
     visit_started BIGINT NOT NULL, started_by VARCHAR(64) NOT NULL, last_seen BIGINT NOT NULL)",
    "CREATE INDEX idx_visitor_presence_last_seen ON visitor_presence (last_seen)",
    "CREATE TABLE visit_days (day VARCHAR(10) NOT NULL PRIMARY KEY, visits BIGINT NOT NULL, \
     views BIGINT NOT NULL, peak_online BIGINT NOT NULL, peak_at BIGINT NULL)",
    "CREATE TABLE visit_hours (hour BIGINT NOT NULL PRIMARY KEY, day VARCHAR(10) NOT NULL, \
     visits BIGINT NOT NULL, views BIGINT NOT NULL)",
    "CREATE INDEX idx_visit_hours_day ON visit_hours (day)",
    "CREATE TABLE visit_pages (day VARCHAR(10) NOT NULL, path VARCHAR(300) NOT NULL, \
     views BIGINT NOT NULL, PRIMARY KEY (day, path))",
    "CREATE TABLE visit_searches (day VARCHAR(10) NOT NULL, term VARCHAR(100) NOT NULL, \
     searches BIGINT NOT NULL, PRIMARY KEY (day, term))",
    "CREATE TABLE visit_referrers (day VARCHAR(10) NOT NULL, host VARCHAR(255) NOT NULL, \
     visits BIGINT NOT NULL, PRIMARY KEY (day, host))",
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for sql in TABLES {
            db.execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in [
            "visit_referrers",
            "visit_searches",
            "visit_pages",
            "visit_hours",
            "visit_days",
            "visitor_presence",
        ] {
            db.execute_unprepared(&format!("DROP TABLE {table}"))
                .await?;
        }
        Ok(())
    }
}
