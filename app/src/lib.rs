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

/// Whether a same-site path may be one of the portal's pages: not a file, feed, export, the
/// API or the health check. The visitor counter counts only these, and `nav` shows only
/// these in place (the browser fetches anything else itself).
pub fn may_be_page(path: &str) -> bool {
    const NOT_PAGES: &[&str] = &["/api/", "/pkg/", "/files/", "/feeds/", "/fonts/"];
    let last = path.rsplit('/').next().unwrap_or("");
    !NOT_PAGES.iter().any(|p| path.starts_with(p))
        && !last.contains('.')
        && !path.ends_with("/export")
        && path != "/healthz"
}

/// The portal's name, as shown in the header and in every page title.
pub const PORTAL_NAME: &str = "شرکت آب منطقه‌ای قم";
