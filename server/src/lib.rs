#![recursion_limit = "256"]
//! The portal's server: configuration, the HTTP router and its middleware, and the
//! command-line subcommands. The binary in `main.rs` only parses the command and calls in.

pub mod cli;
pub mod client_ip;
pub mod config;
pub mod csrf;
pub mod files;
pub mod fn_errors;
pub mod forms_api;
pub mod live;
pub mod open_data;
pub mod page_cache;
pub mod rest;
pub mod router;
pub mod seo;
pub mod static_files;
pub mod visits;
