//! The client's address: from the socket, or from `X-Forwarded-For` only when the socket is
//! a trusted proxy (`PORTAL_TRUSTED_PROXIES`). A middleware puts it into every request's
//! extensions as [`app::server::request::ClientIp`] for rate limits, the visitor counter and
//! the footer's "your IP".

use crate::config::IpNet;
use app::server::request::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct TrustedProxies(pub Vec<IpNet>);

impl TrustedProxies {
    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|n| n.contains(ip))
    }

    /// The right-most address of `X-Forwarded-For` that is not itself a trusted proxy, when
    /// the socket is one; the socket's address otherwise. Entries a client wrote itself
    /// (left of the first untrusted hop) are never believed.
    pub fn client_ip(&self, socket: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        if !self.trusts(socket) {
            return socket;
        }
        let Some(header) = forwarded_for else {
            return socket;
        };
        let mut client = socket;
        for hop in header.rsplit(',') {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) => {
                    client = ip;
                    if !self.trusts(ip) {
                        break;
                    }
                }
                Err(_) => break,
            }
        }
        client
    }
}

/// Resolves the client's address and records it in the request's extensions.
pub async fn resolve(proxies: Arc<TrustedProxies>, mut req: Request<Body>, next: Next) -> Response {
    let socket = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    if let Some(socket) = socket {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok());
        let ip = proxies.client_ip(socket, forwarded);
        req.extensions_mut().insert(ClientIp(ip));
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::get;
    use axum::{Extension, Router};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    fn proxies(list: &str) -> TrustedProxies {
        TrustedProxies(list.split(',').map(|p| IpNet::parse(p).unwrap()).collect())
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let p = proxies("10.0.0.0/8");
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        let stranger: IpAddr = "203.0.113.9".parse().unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        // Through the proxy: the right-most address the proxies did not add.
        assert_eq!(
            p.client_ip(proxy, Some("198.51.100.7, 10.0.0.9")),
            ip("198.51.100.7")
        );
        // A client that forges the header without a proxy gets its socket address.
        assert_eq!(p.client_ip(stranger, Some("1.2.3.4")), stranger);
        // A forged left-most entry behind the proxy is not believed.
        assert_eq!(
            p.client_ip(proxy, Some("1.2.3.4, 198.51.100.7")),
            ip("198.51.100.7")
        );
        // No header: the proxy itself.
        assert_eq!(p.client_ip(proxy, None), proxy);
        // Nothing trusted: the header is ignored.
        assert_eq!(
            TrustedProxies::default().client_ip(proxy, Some("1.2.3.4")),
            proxy
        );
    }

    #[tokio::test]
    async fn the_middleware_records_the_address_for_handlers() {
        let trusted = Arc::new(proxies("127.0.0.1"));
        let app = Router::new()
            .route(
                "/",
                get(|Extension(ClientIp(ip)): Extension<ClientIp>| async move { ip.to_string() }),
            )
            .layer(axum::middleware::from_fn(move |req, next| {
                resolve(trusted.clone(), req, next)
            }));
        let ask = |socket: &str, xff: Option<&str>| {
            let mut req = Request::get("/");
            if let Some(v) = xff {
                req = req.header("x-forwarded-for", v);
            }
            let mut req = req.body(Body::empty()).unwrap();
            req.extensions_mut()
                .insert(ConnectInfo(socket.parse::<SocketAddr>().unwrap()));
            let app = app.clone();
            async move {
                let res = app.oneshot(req).await.unwrap();
                String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec())
                    .unwrap()
            }
        };
        assert_eq!(
            ask("127.0.0.1:5000", Some("198.51.100.7")).await,
            "198.51.100.7"
        );
        assert_eq!(
            ask("203.0.113.9:5000", Some("198.51.100.7")).await,
            "203.0.113.9"
        );
    }
}
