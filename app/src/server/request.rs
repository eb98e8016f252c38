//! What the server learned about the request before the app saw it.

use std::net::IpAddr;

/// The client's address, as the server's middleware resolved it: the socket's, or the one
/// a configured trusted proxy forwarded. Server functions read it from the request's
/// extensions (`leptos_axum::extract` or `http::request::Parts`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);
