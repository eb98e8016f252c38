//! Connecting to the database: SQLite (the embedded default) or PostgreSQL, chosen by the URL.

use crate::error::AppError;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use std::time::Duration;

/// Which database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// Opens a pool. SQLite files are created when missing and run in WAL mode with full
/// synchronous commits, foreign keys on and a busy timeout, so an acknowledged write
/// survives a crash of the process.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let backend = Backend::of_url(url).ok_or_else(|| {
        DbErr::Custom(format!(
            "DATABASE_URL must start with sqlite: or postgres://, got {url:?}"
        ))
    })?;
    let mut opts = ConnectOptions::new(url.to_string());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5));
    match backend {
        Backend::Sqlite => {
            opts.max_connections(8).min_connections(1);
            opts.map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
            });
        }
        Backend::Postgres => {
            opts.max_connections(16).min_connections(1);
        }
    }
    Database::connect(opts).await
}

/// `true` when the database answers a trivial query.
pub async fn is_healthy(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

pub fn backend_of(db: &DatabaseConnection) -> Backend {
    match db.get_database_backend() {
        DbBackend::Postgres => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// The database handle the server put into the request's context.
pub fn from_context() -> Result<DatabaseConnection, AppError> {
    leptos::prelude::use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database in the request context");
        AppError::Internal
    })
}

/// Write transactions this process has begun: a page kept from before the count moved may
/// show what changed (the server's page cache compares it).
static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Counts a write about to begin ([`write_txn`] does).
pub fn note_write() {
    WRITES.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
}

/// Write transactions begun so far in this process.
pub fn writes() -> u64 {
    WRITES.load(std::sync::atomic::Ordering::SeqCst)
}

/// A write transaction for the statistics flushers (visitor figures, view counts): like
/// [`write_txn`] but not counted by [`writes`], so it does not drop the kept public pages,
/// which may show those figures up to the page cache's lifetime old anyway.
pub async fn stats_txn(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    begin_immediate(db).await
}

/// Starts a transaction that will write. On SQLite it begins IMMEDIATE, taking the write
/// lock at once (waiting up to the busy timeout): a deferred transaction that reads first
/// and writes later fails outright with "database is locked" when another writer got there
/// in between, because SQLite cannot wait on that upgrade without risking deadlock.
pub async fn write_txn(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    note_write();
    begin_immediate(db).await
}

async fn begin_immediate(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
