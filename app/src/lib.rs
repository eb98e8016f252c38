#![recursion_limit = "256"]
//! The Qom Regional Water portal: pages, components, server functions and shared types.
//!
//! Compiled twice: for the browser with `hydrate`, for the server with `ssr`. Everything that
//! only the server may run lives in [`server`], behind the `ssr` feature.
//!
//! Leptos islands: the server renders every page; only the `#[island]` components (the
//! interactive parts: date picker, editor, chart reading, live figures, form checks) are
//! compiled for the browser and hydrated there, and `nav` shows the next page in place.

pub mod api;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;
pub mod persian;
pub mod sections;
#[cfg(feature = "ssr")]
pub mod server;
pub mod tracking_code;

#[cfg(feature = "hydrate")]
mod nav;
mod shell;

#[cfg(feature = "hydrate")]
pub use shell::hydrate;
pub use shell::{shell, App};

/// The portal's name, as shown in the header and in every page title.
pub const PORTAL_NAME: &str = "شرکت آب منطقه‌ای قم";
