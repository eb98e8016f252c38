//! Who is asking: the session cookie, signed with the configured key, resolved to an
//! [`Actor`] through the database on every call that needs it (so a revoked role or a
//! suspended account takes effect on the very next request). Server functions call
//! [`acting`] first.

use crate::error::{AppError, AppResult};
use crate::server::request::ClientIp;
use crate::server::services::permission::{Acting, Actor};
use crate::server::services::session;
use base64::Engine;
use hmac::{Hmac, Mac};
use leptos::prelude::*;
use sea_orm::DatabaseConnection;
use sha2::Sha256;
use std::sync::Arc;

pub const COOKIE_NAME: &str = "portal_session";

/// The cookie-signing key and whether cookies are marked `Secure`; provided to every
/// request by the server.
#[derive(Clone)]
pub struct SessionConfig {
    key: Arc<Vec<u8>>,
    pub secure: bool,
}

impl SessionConfig {
    /// From the configured key (at least 32 bytes).
    pub fn new(key: &[u8], secure: bool) -> Self {
        SessionConfig {
            key: Arc::new(key.to_vec()),
            secure,
        }
    }

    /// A random key for this process only (development without `PORTAL_SESSION_KEY`):
    /// sessions end when the process restarts and are not shared between instances.
    pub fn ephemeral(secure: bool) -> Self {
        use rand::RngCore;
        let mut key = vec![0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut key);
        SessionConfig {
            key: Arc::new(key),
            secure,
        }
    }

    fn mac(&self, token: &str) -> Hmac<Sha256> {
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.key).expect("HMAC takes keys of any size");
        mac.update(token.as_bytes());
        mac
    }

    /// `token.signature`, the cookie's value.
    pub fn sign(&self, token: &str) -> String {
        let sig = self.mac(token).finalize().into_bytes();
        format!(
            "{token}.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sig)
        )
    }

    /// The token inside a cookie value whose signature is right (checked in constant time).
    pub fn verify(&self, value: &str) -> Option<String> {
        let (token, sig) = value.rsplit_once('.')?;
        let sig = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(sig)
            .ok()?;
        self.mac(token).verify_slice(&sig).ok()?;
        Some(token.to_string())
    }

    /// The `Set-Cookie` value that stores a session in the browser.
    pub fn set_cookie(&self, token: &str) -> String {
        format!(
            "{COOKIE_NAME}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
            self.sign(token),
            session::ABSOLUTE_LIFETIME_HOURS * 3600,
            if self.secure { "; Secure" } else { "" }
        )
    }

    /// The `Set-Cookie` value that removes it.
    pub fn clear_cookie(&self) -> String {
        format!(
            "{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
            if self.secure { "; Secure" } else { "" }
        )
    }
}

/// The value of the session cookie in a `Cookie:` header.
pub fn cookie_from_header(header: &str) -> Option<&str> {
    cookie_named(header, COOKIE_NAME)
}

/// Whether a request's headers carry a session cookie (valid or not).
pub fn has_session_cookie(headers: &http::HeaderMap) -> bool {
    cookies_named(headers, COOKIE_NAME).next().is_some()
}

/// The non-empty values of the cookie `name` in every `Cookie:` header of a request.
pub fn cookies_named<'a>(
    headers: &'a http::HeaderMap,
    name: &'a str,
) -> impl Iterator<Item = &'a str> + 'a {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .filter_map(move |h| cookie_named(h, name))
}

/// The value of the cookie `name` in a `Cookie:` header, if it is not empty.
pub fn cookie_named<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (n, value) = pair.trim().split_once('=')?;
        (n == name && !value.is_empty()).then_some(value)
    })
}

fn parts() -> AppResult<http::request::Parts> {
    use_context::<http::request::Parts>().ok_or(AppError::Internal)
}

fn config() -> AppResult<SessionConfig> {
    use_context::<SessionConfig>().ok_or_else(|| {
        tracing::error!("SessionConfig missing from the request context");
        AppError::Internal
    })
}

/// The client address the server's middleware resolved, as text.
pub fn client_ip() -> Option<String> {
    use_context::<http::request::Parts>()
        .and_then(|p| p.extensions.get::<ClientIp>().map(|ip| ip.0.to_string()))
}

/// Whether the page being rendered is to be kept for many visitors (the server's page
/// cache), so that what differs between visits is left as a placeholder.
pub fn rendered_for_cache() -> bool {
    use_context::<http::request::Parts>().is_some_and(|p| {
        p.extensions
            .get::<crate::server::request::RenderedForCache>()
            .is_some()
    })
}

/// The client address as a page shows it to the visitor: [`ClientIp::PLACEHOLDER`] when
/// the page is rendered to be kept for every visitor (the server fills each one's in).
pub fn shown_client_ip() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let ip = parts.extensions.get::<ClientIp>()?;
    Some(if rendered_for_cache() {
        ClientIp::PLACEHOLDER.to_string()
    } else {
        ip.0.to_string()
    })
}

fn session_token(headers: &http::HeaderMap, config: &SessionConfig) -> Option<String> {
    cookies_named(headers, COOKIE_NAME)
        .next()
        .and_then(|v| config.verify(v))
}

/// The person behind the session cookie in `headers` (for handlers outside Leptos).
pub async fn actor_from_headers(
    db: &DatabaseConnection,
    config: &SessionConfig,
    headers: &http::HeaderMap,
) -> AppResult<Option<Actor>> {
    match session_token(headers, config) {
        Some(t) => session::resolve(db, &t).await,
        None => Ok(None),
    }
}

/// The person behind this request's session cookie, looked up once per request: a page's
/// header, its data and its server functions all ask, and each lookup costs several queries.
/// The server provides a fresh one to every request.
#[derive(Clone, Default)]
pub struct RequestActor(Arc<tokio::sync::OnceCell<Option<Actor>>>);

/// Who is acting on this request, and from which address.
pub async fn acting() -> AppResult<Acting> {
    let ip = client_ip();
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Ok(Acting::anonymous(ip));
    };
    let config = config()?;
    let resolve = || async {
        match session_token(&parts.headers, &config) {
            Some(token) => {
                let db = crate::server::db::from_context()?;
                session::resolve(&db, &token).await
            }
            None => Ok(None),
        }
    };
    let actor = match use_context::<RequestActor>() {
        Some(cache) => cache.0.get_or_try_init(resolve).await?.clone(),
        None => resolve().await?,
    };
    Ok(Acting { actor, ip })
}

/// This browser's session token, if its cookie is signed by this server.
pub fn current_token() -> AppResult<Option<String>> {
    Ok(session_token(&parts()?.headers, &config()?))
}

/// Starts a session for `actor` on this browser (ending the one it had): sets the cookie.
pub async fn start_session(db: &DatabaseConnection, actor: &Actor) -> AppResult<()> {
    let parts = parts()?;
    let config = config()?;
    if let Some(old) = session_token(&parts.headers, &config) {
        session::end(db, &old).await?;
    }
    let user_agent = parts
        .headers
        .get(http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let token = session::create(db, actor.user_id, client_ip(), user_agent).await?;
    set_cookie(config.set_cookie(&token));
    Ok(())
}

/// Ends this browser's session and removes the cookie.
pub async fn end_session(db: &DatabaseConnection) -> AppResult<()> {
    let parts = parts()?;
    let config = config()?;
    if let Some(token) = session_token(&parts.headers, &config) {
        session::end(db, &token).await?;
    }
    set_cookie(config.clear_cookie());
    Ok(())
}

fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

/// A safe place to go back to after login: a local path, never another site.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") => {
            n.to_string()
        }
        _ => "/dashboard".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_signed() {
        let c = SessionConfig::new(b"0123456789abcdef0123456789abcdef", false);
        let v = c.sign("token123");
        assert_eq!(c.verify(&v).as_deref(), Some("token123"));
        assert_eq!(c.verify("token123.AAAA"), None);
        let other = SessionConfig::new(b"another-key-another-key-another!!", false);
        assert_eq!(other.verify(&v), None);
        assert!(c.set_cookie("t").contains("HttpOnly; SameSite=Lax"));
        assert!(!c.set_cookie("t").contains("Secure"));
        assert!(SessionConfig::new(b"k", true)
            .set_cookie("t")
            .ends_with("; Secure"));
    }

    #[test]
    fn cookie_header_parsing_and_next() {
        assert_eq!(
            cookie_from_header("a=1; portal_session=abc.def; b=2"),
            Some("abc.def")
        );
        assert_eq!(cookie_from_header("a=1"), None);
        assert_eq!(safe_next(Some("/admin/users")), "/admin/users");
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
    }
}
