//! The subcommands of the `server` binary.

use crate::client_ip::TrustedProxies;
use crate::config::Config;
use crate::router::{self, AppState};
use app::server::auth::SessionConfig;
use app::server::{db, migration, services};
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub const USAGE: &str = "\
usage: server [COMMAND]

commands:
  serve                 run the portal (the default): migrate, create the first
                        administrator if there is none, load demo content when
                        PORTAL_DEMO=1, then serve on LEPTOS_SITE_ADDR
  migrate               apply pending database migrations and exit
  create-admin NAME     create an administrator account NAME; the password is
                        PORTAL_ADMIN_PASSWORD, or a generated one printed once
  seed-demo             load the demo content (marked as sample; idempotent)
  backup FILE           write a consistent copy of the database to FILE
  bench-search [N]      time the site search over N generated items (default
                        10000) in a new temporary SQLite database (and, with
                        PORTAL_BENCH_POSTGRES_URL, a new PostgreSQL database on that
                        server); prints the 50th/99th percentile and slowest answer
                        of each query
  bench-baseline BYTES  serve one fixed HTML page of BYTES bytes from a bare axum
                        handler on LEPTOS_SITE_ADDR: the bound the benchmark
                        compares the portal's pages with
  help                  show this text

Configuration comes from the environment and .env; see the README.";

#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Serve,
    Migrate,
    CreateAdmin(String),
    SeedDemo,
    Backup(PathBuf),
    BenchSearch(usize),
    BenchBaseline(usize),
    Help,
}

impl Command {
    pub fn parse(args: &[String]) -> Result<Command, String> {
        match args {
            [] => Ok(Command::Serve),
            [c] if c == "serve" => Ok(Command::Serve),
            [c] if c == "migrate" => Ok(Command::Migrate),
            [c, name] if c == "create-admin" => Ok(Command::CreateAdmin(name.clone())),
            [c] if c == "seed-demo" => Ok(Command::SeedDemo),
            [c, file] if c == "backup" => Ok(Command::Backup(file.into())),
            [c] if c == "bench-search" => Ok(Command::BenchSearch(10_000)),
            [c, n] if c == "bench-search" => n
                .parse()
                .map(Command::BenchSearch)
                .map_err(|_| format!("bench-search takes a number of items, not {n:?}")),
            [c, n] if c == "bench-baseline" => n
                .parse()
                .map(Command::BenchBaseline)
                .map_err(|_| format!("bench-baseline takes a size in bytes, not {n:?}")),
            [c] if c == "help" || c == "--help" || c == "-h" => Ok(Command::Help),
            _ => Err(format!("unknown command: {}\n\n{USAGE}", args.join(" "))),
        }
    }
}

/// Connects and brings the schema up to date.
pub async fn open_database(config: &Config) -> Result<DatabaseConnection, String> {
    open_database_for(config, db::PoolUse::Command).await
}

async fn open_database_for(
    config: &Config,
    pool_use: db::PoolUse,
) -> Result<DatabaseConnection, String> {
    config
        .prepare_sqlite_dir()
        .map_err(|e| format!("cannot create the database folder: {e}"))?;
    let conn = db::open(&config.database_url, pool_use)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    migration::run(&conn)
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    Ok(conn)
}

pub async fn run(command: Command, config: Config) -> Result<(), String> {
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(())
        }
        Command::Migrate => {
            open_database(&config).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::CreateAdmin(name) => {
            let conn = open_database(&config).await?;
            let (password, generated) = match &config.admin_password {
                Some(p) => (p.clone(), false),
                None => (services::account::generate_password(), true),
            };
            services::account::create_admin(&conn, &name, "راهبر پرتال", &password)
                .await
                .map_err(|e| e.to_string())?;
            if generated {
                println!("administrator {name} created with password: {password}");
            } else {
                println!("administrator {name} created with PORTAL_ADMIN_PASSWORD");
            }
            Ok(())
        }
        Command::SeedDemo => {
            let conn = open_database(&config).await?;
            let seeded = services::demo::seed(&conn)
                .await
                .map_err(|e| e.to_string())?;
            println!("demo content loaded: {seeded:?}");
            Ok(())
        }
        Command::Backup(file) => {
            let conn = open_database(&config).await?;
            services::backup::backup(&conn, &config.database_url, &file).await?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::BenchSearch(items) => bench_search(items).await,
        Command::BenchBaseline(bytes) => bench_baseline(&config, bytes).await,
        Command::Serve => serve(config).await,
    }
}

/// Leptos's options, taken from what cargo-leptos compiled in and overridden by ours.
pub fn leptos_options(config: &Config) -> Result<LeptosOptions, String> {
    let mut options = leptos::config::get_configuration(None)
        .map_err(|e| format!("leptos configuration: {e}"))?
        .leptos_options;
    options.site_addr = config.site_addr;
    options.site_root = config.site_root.to_string_lossy().as_ref().into();
    // The release build writes hash.txt beside the binary when it names files by hash.
    options.hash_files = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())))
        .is_some_and(|p| p.exists());
    Ok(options)
}

async fn serve(config: Config) -> Result<(), String> {
    let started = std::time::Instant::now();
    let conn = open_database_for(&config, db::PoolUse::Serve).await?;
    if app::server::db::Backend::of_url(&config.database_url)
        == Some(app::server::db::Backend::Postgres)
    {
        // Changes made by other instances reach this one's live dashboards.
        tokio::spawn(app::server::events::listen_postgres(
            config.database_url.clone(),
        ));
    }
    services::outbox::set_public_url(&config.public_url);
    services::rate_limit::set_exempt(config.rate_limit_exempt.clone());
    // Page views are counted in memory and added to the database every 5 seconds.
    let views = Arc::new(services::content::views::Views::default());
    tokio::spawn(services::content::views::run_flusher(
        views.clone(),
        conn.clone(),
        std::time::Duration::from_secs(5),
    ));
    // Reminders of stale sections and overdue answers: checked every quarter hour, at most
    // one mail a person a day.
    tokio::spawn(services::accountability::run_reminders(
        conn.clone(),
        std::time::Duration::from_secs(15 * 60),
    ));
    // The newsletter's throttled hand-over to the outbox, and its weekly issue.
    tokio::spawn(services::newsletter::run_sender(
        conn.clone(),
        config.newsletter_per_minute,
    ));
    match &config.smtp_url {
        Some(url) => {
            let mailer = services::outbox::Mailer::new(url, &config.mail_from)?;
            tokio::spawn(services::outbox::run_worker(conn.clone(), mailer));
        }
        None => tracing::warn!(
            "PORTAL_SMTP_URL is not set: e-mails wait in the outbox (/admin/outbox) until it is"
        ),
    }
    match services::account::ensure_first_admin(&conn, config.admin_password.as_deref())
        .await
        .map_err(|e| e.to_string())?
    {
        services::account::FirstAdmin::Exists => {}
        services::account::FirstAdmin::Created => {
            println!("first start: administrator 'admin' created with PORTAL_ADMIN_PASSWORD");
        }
        services::account::FirstAdmin::CreatedWithGeneratedPassword(p) => {
            println!("first start: administrator 'admin' created with password: {p}");
            println!("(shown only this once; set PORTAL_ADMIN_PASSWORD to choose it)");
        }
    }
    if config.demo {
        let seeded = services::demo::seed(&conn)
            .await
            .map_err(|e| e.to_string())?;
        tracing::info!(?seeded, "demo content");
    }
    let session = match &config.session_key {
        Some(key) => SessionConfig::new(key.as_bytes(), config.cookie_secure),
        None => {
            tracing::warn!(
                "PORTAL_SESSION_KEY is not set: sign-ins last until this process stops and are \
                 not shared with other instances; set it (32+ characters) for real use"
            );
            SessionConfig::ephemeral(config.cookie_secure)
        }
    };

    // Visitor statistics are collected in memory and added to the database every few seconds.
    let visitors = Arc::new(services::visitors::Recorder::new(config.online_minutes));
    tokio::spawn(services::visitors::run_flusher(
        visitors.clone(),
        conn.clone(),
        std::time::Duration::from_secs(config.stats_flush_seconds),
    ));
    // Content edits turned down go, with the files only they carried, after their retention.
    tokio::spawn(services::content::files::run_purger(
        conn.clone(),
        services::attachment::Store::new(config.upload_dir.clone()),
    ));
    let options = leptos_options(&config)?;
    let addr: SocketAddr = options.site_addr;
    let app = router::build(AppState {
        visitors: visitors.clone(),
        leptos_options: options,
        db: conn.clone(),
        trusted_proxies: Arc::new(TrustedProxies(config.trusted_proxies.clone())),
        session,
        uploads: app::server::services::attachment::Store::new(config.upload_dir.clone()),
        pages: Arc::new(crate::page_cache::PageCache::new(
            std::time::Duration::from_secs(config.page_cache_seconds),
            views.clone(),
        )),
        views: views.clone(),
    });
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!(%addr, startup_ms = started.elapsed().as_millis() as u64, "serving");
    println!("portal listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(|e| format!("server error: {e}"))?;
    if let Err(e) = views.flush(&conn).await {
        tracing::warn!("the last view counts were not saved: {e}");
    }
    if let Err(e) = visitors.flush(&conn, chrono::Utc::now().timestamp()).await {
        tracing::warn!("the last visitor statistics were not saved: {e}");
    }
    conn.close()
        .await
        .map_err(|e| format!("closing the database: {e}"))?;
    tracing::info!("stopped cleanly");
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C; axum then stops accepting and drains in-flight requests.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown requested; draining in-flight requests");
}

/// `server bench-search`: a fresh SQLite database in a temporary folder, so it never
/// touches the configured one.
async fn bench_search(items: usize) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("portal-bench-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let url = format!("sqlite://{}?mode=rwc", dir.join("bench.db").display());
    let result = bench_search_on(&url, "SQLite, FTS5", items).await;
    let _ = std::fs::remove_dir_all(&dir);
    result?;
    // PostgreSQL too when a server is named: a database of its own, dropped afterwards.
    if let Some(admin_url) = std::env::var("PORTAL_BENCH_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
    {
        use sea_orm::ConnectionTrait;
        let name = format!("portal_bench_search_{}", std::process::id());
        let admin = db::connect(&admin_url).await.map_err(|e| e.to_string())?;
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .map_err(|e| e.to_string())?;
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&admin_url);
        let result = bench_search_on(
            &format!("{base}/{name}"),
            "PostgreSQL, GIN full text",
            items,
        )
        .await;
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
        result?;
    }
    Ok(())
}

async fn bench_search_on(url: &str, engine: &str, items: usize) -> Result<(), String> {
    let conn = db::connect(url).await.map_err(|e| e.to_string())?;
    migration::run(&conn).await.map_err(|e| e.to_string())?;
    let start = std::time::Instant::now();
    let rows = services::search::bench(&conn, items, 200)
        .await
        .map_err(|e| e.to_string())?;
    println!(
        "site search over {items} published items ({engine}; filled in {:.1} s), 200 runs a query:",
        start.elapsed().as_secs_f64()
    );
    for (q, found, p50, p99, max) in rows {
        println!(
            "  {q:<24} found {found:>4}   p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
            p50 as f64 / 1000.0,
            p99 as f64 / 1000.0,
            max as f64 / 1000.0
        );
    }
    conn.close().await.map_err(|e| e.to_string())?;
    Ok(())
}

/// `server bench-baseline`: the cheapest answer axum gives a page of this size, with no
/// database, rendering or middleware: what `.ci/bench` divides the portal's figures by.
async fn bench_baseline(config: &Config, bytes: usize) -> Result<(), String> {
    let page: &'static str = Box::leak(
        format!(
            "<!DOCTYPE html><html lang=\"fa\" dir=\"rtl\"><body>{}</body></html>",
            "آ".repeat(bytes.saturating_sub(60) / 2)
        )
        .into_boxed_str(),
    );
    let app = axum::Router::new().fallback(move || async move { axum::response::Html(page) });
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.site_addr))?;
    println!(
        "baseline page of {} bytes on http://{}",
        page.len(),
        config.site_addr
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::Command;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn commands_parse() {
        assert_eq!(Command::parse(&args(&[])), Ok(Command::Serve));
        assert_eq!(Command::parse(&args(&["migrate"])), Ok(Command::Migrate));
        assert_eq!(
            Command::parse(&args(&["create-admin", "sara"])),
            Ok(Command::CreateAdmin("sara".into()))
        );
        assert_eq!(
            Command::parse(&args(&["backup", "/tmp/x.db"])),
            Ok(Command::Backup("/tmp/x.db".into()))
        );
        assert_eq!(
            Command::parse(&args(&["bench-baseline", "64000"])),
            Ok(Command::BenchBaseline(64_000))
        );
        assert!(Command::parse(&args(&["bench-baseline", "big"])).is_err());
        assert!(Command::parse(&args(&["create-admin"])).is_err());
        assert!(Command::parse(&args(&["frobnicate"])).is_err());
    }
}
