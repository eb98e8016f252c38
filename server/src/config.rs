//! Configuration, read once from the environment (and from a `.env` file when present).
//! Every variable is documented in the README.

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

/// The default database: an SQLite file under `data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portal.db?mode=rwc";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub site_addr: SocketAddr,
    /// Where the built site (`pkg/`, fonts, ...) is read from.
    pub site_root: PathBuf,
    /// Password for the `admin` account created on a first start with no administrator.
    pub admin_password: Option<String>,
    /// Load the demo content on start-up (idempotent).
    pub demo: bool,
    /// Key for signing session cookies (used from the accounts issue on).
    pub session_key: Option<String>,
    /// Proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpNet>,
    /// `PORTAL_ENV=production`: refuses to start without the settings production needs.
    pub production: bool,
    /// SMTP server for outgoing e-mail (`PORTAL_SMTP_URL`); without it mail waits in the outbox.
    pub smtp_url: Option<String>,
    /// Sender address of outgoing e-mail (`PORTAL_MAIL_FROM`).
    pub mail_from: String,
    /// The portal's public address, for links in e-mails (`PORTAL_PUBLIC_URL`).
    pub public_url: String,
    /// Client addresses exempt from the per-address limits of public forms and lookups.
    pub rate_limit_exempt: Vec<String>,
    /// Mark the session cookie `Secure` (HTTPS only): `PORTAL_COOKIE_SECURE`, on by default
    /// in production.
    pub cookie_secure: bool,
    /// Where attachments are stored (`PORTAL_UPLOAD_DIR`, default `data/uploads`): outside
    /// the site root, never served as static files.
    pub upload_dir: PathBuf,
    /// A visitor seen within this many minutes counts as online (`PORTAL_ONLINE_MINUTES`,
    /// default 5).
    pub online_minutes: i64,
    /// How often visitor statistics are added to the database (`PORTAL_STATS_FLUSH_SECONDS`,
    /// default 5): what a crash can lose.
    pub stats_flush_seconds: u64,
    /// How long a public page rendered for anonymous visitors is shown from memory
    /// (`PORTAL_PAGE_CACHE_SECONDS`, default 5, 0 for never); up to twice that while it is
    /// being rendered again, if nothing was written (`page_cache`).
    pub page_cache_seconds: u64,
    /// Newsletter mails handed to the outbox a minute at most (`PORTAL_NEWSLETTER_PER_MINUTE`,
    /// default 60).
    pub newsletter_per_minute: u64,
}

/// An address block such as `10.0.0.0/8` or a single address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IpNet {
    pub addr: IpAddr,
    pub prefix: u8,
}

impl IpNet {
    pub fn parse(s: &str) -> Result<IpNet, String> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("{s:?} is not an IP address or CIDR block"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{s:?} has an invalid prefix length"))?,
            None => max,
        };
        Ok(IpNet { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - self.prefix as u32).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - self.prefix as u32).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A whole number from 1 to `max`, or `default` when the variable is not set.
fn number(name: &str, default: u64, max: u64) -> Result<u64, String> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| format!("{name} must be a whole number from 1 to {max}")),
    }
}

fn flag(name: &str) -> bool {
    matches!(
        var(name).as_deref().map(str::to_ascii_lowercase).as_deref(),
        Some("1" | "true" | "yes" | "on")
    )
}

impl Config {
    /// Reads `.env` (if any) and the environment. Errors name the variable at fault.
    pub fn from_env() -> Result<Config, String> {
        let _ = dotenvy::dotenv();
        let site_addr = var("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|_| {
                "LEPTOS_SITE_ADDR must be an address such as 127.0.0.1:3000".to_string()
            })?;
        let trusted_proxies = var("PORTAL_TRUSTED_PROXIES")
            .map(|v| {
                v.split(',')
                    .filter(|s| !s.trim().is_empty())
                    .map(IpNet::parse)
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|e| format!("PORTAL_TRUSTED_PROXIES: {e}"))?
            .unwrap_or_default();
        let session_key = var("PORTAL_SESSION_KEY");
        if let Some(k) = &session_key {
            if k.len() < 32 {
                return Err("PORTAL_SESSION_KEY must be at least 32 characters".into());
            }
        }
        let production = var("PORTAL_ENV").as_deref() == Some("production");
        if production && session_key.is_none() {
            return Err("PORTAL_ENV=production requires PORTAL_SESSION_KEY".into());
        }
        let online_minutes = number("PORTAL_ONLINE_MINUTES", 5, 1440)? as i64;
        let stats_flush_seconds = number("PORTAL_STATS_FLUSH_SECONDS", 5, 3600)?;
        let page_cache_seconds = match var("PORTAL_PAGE_CACHE_SECONDS").as_deref().map(str::trim) {
            Some("0") => 0,
            _ => number("PORTAL_PAGE_CACHE_SECONDS", 5, 3600)?,
        };
        let newsletter_per_minute = number("PORTAL_NEWSLETTER_PER_MINUTE", 60, 100_000)?;
        Ok(Config {
            newsletter_per_minute,
            online_minutes,
            stats_flush_seconds,
            page_cache_seconds,
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            site_addr,
            site_root: var("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|| "target/site".into())
                .into(),
            admin_password: var("PORTAL_ADMIN_PASSWORD"),
            demo: flag("PORTAL_DEMO"),
            session_key,
            trusted_proxies,
            production,
            smtp_url: var("PORTAL_SMTP_URL"),
            rate_limit_exempt: var("PORTAL_RATE_LIMIT_EXEMPT")
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            mail_from: var("PORTAL_MAIL_FROM")
                .unwrap_or_else(|| "Qom Regional Water portal <no-reply@qmrw.ir>".into()),
            public_url: var("PORTAL_PUBLIC_URL").unwrap_or_else(|| format!("http://{site_addr}")),
            cookie_secure: var("PORTAL_COOKIE_SECURE")
                .map(|_| flag("PORTAL_COOKIE_SECURE"))
                .unwrap_or(production),
            upload_dir: var("PORTAL_UPLOAD_DIR")
                .unwrap_or_else(|| "data/uploads".into())
                .into(),
        })
    }

    /// Creates the folder of an SQLite file URL, so that a first start needs nothing by hand.
    pub fn prepare_sqlite_dir(&self) -> std::io::Result<()> {
        if let Some(rest) = self.database_url.strip_prefix("sqlite:") {
            let path = rest.trim_start_matches("//");
            let path = path.split('?').next().unwrap_or("");
            if !path.is_empty() && path != ":memory:" {
                if let Some(parent) = std::path::Path::new(path).parent() {
                    if !parent.as_os_str().is_empty() {
                        std::fs::create_dir_all(parent)?;
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_blocks() {
        let net = IpNet::parse("10.0.0.0/8").unwrap();
        assert!(net.contains("10.1.2.3".parse().unwrap()));
        assert!(!net.contains("11.0.0.1".parse().unwrap()));
        assert!(IpNet::parse("::1")
            .unwrap()
            .contains("::1".parse().unwrap()));
        assert!(IpNet::parse("10.0.0.0/33").is_err());
        assert!(IpNet::parse("qom").is_err());
    }
}
