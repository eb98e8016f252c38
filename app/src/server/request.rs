//! What the server learned about the request before the app saw it.

use std::net::IpAddr;

/// The client's address, as the server's middleware resolved it: the socket's, or the one
/// a configured trusted proxy forwarded. Server functions read it from the request's
/// extensions (`leptos_axum::extract` or `http::request::Parts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// Set on a request whose page the server keeps to show other visitors (see the server's
/// page cache): the page is rendered with [`ClientIp::PLACEHOLDER`] in place of the
/// visitor's address, which the cache fills in for each visitor it is shown to.
#[derive(Clone, Copy, Debug)]
pub struct RenderedForCache;

impl ClientIp {
    /// The text a page kept for many visitors carries where the visitor's address goes:
    /// letters only, so no digit conversion or escaping changes it, and no text a custodian
    /// writes is likely to hold it.
    pub const PLACEHOLDER: &'static str = "qrwportalvisitoraddressplaceholderzq";
}
