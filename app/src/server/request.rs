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

/// A request path as read: percent-escapes decoded (Persian slugs), kept escaped where
/// they do not make UTF-8.
pub fn decode_path(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .unwrap_or_else(|_| path.to_string())
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}
