//! Services: plain async functions over a database connection. The rules live here, and
//! the tests exercise them directly on SQLite and PostgreSQL.

pub mod account;
pub mod accountability;
pub mod attachment;
pub mod audit;
pub mod backup;
pub mod contact;
pub mod content;
pub mod counter_office;
pub mod custodian;
pub mod dashboard;
pub mod demo;
pub mod forms;
pub mod live;
pub mod message;
pub mod newsletter;
pub mod offices;
pub mod outbox;
pub mod permission;
pub mod rate_limit;
pub mod search;
pub mod session;
pub mod spreadsheet;
pub mod ticket;
pub mod ticket_settings;
pub mod topics;
pub mod visitors;
pub mod water;
pub mod working_time;
