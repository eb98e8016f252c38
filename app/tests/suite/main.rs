//! The service tests over real databases, as one test binary: one link instead of one per
//! file keeps the debug target small (each binary carries the whole portal). A test that
//! needs the process to itself (the in-memory view counter) stays its own binary beside
//! this one. `cargo test -p app --test suite tickets::` runs one module.

#[path = "../common/mod.rs"]
mod common;

mod accountability;
mod accounts;
mod content;
mod forms;
mod injection;
mod jalali_reference;
mod mail;
mod messages;
mod newsletter;
mod offices;
mod research;
mod search;
mod services;
mod tickets;
mod visitors;
mod water;
