//! The service tests over real databases, as one test binary: one link instead of one per
//! file keeps the debug target small (each binary carries the whole portal).
//! `cargo test -p app --test suite tickets::` runs one module.

#[path = "../common/mod.rs"]
mod common;

mod accountability;
mod accounts;
mod content;
mod content_files;
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
mod views;
mod visitors;
mod water;
