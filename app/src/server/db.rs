//! Connecting to the database: SQLite (the embedded default) or PostgreSQL, chosen by the URL.

use crate::error::AppError;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend, DbErr};
use std::collections::HashMap;
use std::sync::Arc;
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

/// The connections a pool keeps to PostgreSQL at most (all of them, for a server).
pub const POSTGRES_CONNECTIONS: u32 = 16;

/// What a pool is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolUse {
    /// A command or a test: connections are opened as they are needed.
    Command,
    /// A server: on PostgreSQL every connection is opened at start and kept, so a burst of
    /// visitors does not wait while the pool grows.
    Serve,
}

/// Opens a pool for a command or a test (see [`open`]).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    open(url, PoolUse::Command).await
}

/// Opens a pool. SQLite files are created when missing and run in WAL mode with full
/// synchronous commits, foreign keys on and a busy timeout, so an acknowledged write
/// survives a crash of the process.
pub async fn open(url: &str, pool_use: PoolUse) -> Result<DatabaseConnection, DbErr> {
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
            // A file on this host cannot drop a connection, so a connection is not pinged
            // before each use.
            opts.max_connections(8)
                .min_connections(1)
                .test_before_acquire(false);
            opts.map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5))
            });
        }
        Backend::Postgres => {
            // A connection idle for 30 s or more is pinged before use (a restart, a proxy
            // or a firewall may have dropped it); one in steady use is not. Pinging on
            // every use cost a round trip each time and, under 64 concurrent lookups,
            // stalled some of them 1–2 s (README, «Running on PostgreSQL»).
            opts.max_connections(POSTGRES_CONNECTIONS)
                .min_connections(match pool_use {
                    PoolUse::Serve => POSTGRES_CONNECTIONS,
                    PoolUse::Command => 1,
                })
                .test_before_acquire_if_idle_for(Duration::from_secs(30));
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
pub async fn stats_txn(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    begin_immediate(db).await
}

/// Starts a transaction that will write. On SQLite it begins IMMEDIATE, taking the write
/// lock at once: a deferred transaction that reads first and writes later fails outright
/// with "database is locked" when another writer got there in between, because SQLite
/// cannot wait on that upgrade without risking deadlock.
///
/// On SQLite the writers of this process also queue for their turn here, first come first
/// served, before they ask SQLite for the lock. SQLite's own busy wait sleeps in growing
/// steps (up to 100 ms) and wakes no one when the lock frees, so under many concurrent
/// writers most of the time went to sleeping; the queue hands the turn on the moment the
/// writer before commits. The busy timeout still covers other processes (the CLI).
pub async fn write_txn(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    note_write();
    begin_immediate(db).await
}

/// How long a writer waits for its turn before giving up, as SQLite's busy timeout does.
const TURN_TIMEOUT: Duration = Duration::from_secs(5);

/// The turns to write to SQLite, one for each database this process opened (a server opens
/// one; the tests open one each, and a long writer of one must not hold up another's).
static SQLITE_TURNS: std::sync::Mutex<Option<HashMap<usize, Arc<tokio::sync::Mutex<()>>>>> =
    std::sync::Mutex::new(None);

/// The turn to write to the SQLite database of `db`, known by its pool's options (shared by
/// every clone of the connection).
fn sqlite_turn(db: &DatabaseConnection) -> Arc<tokio::sync::Mutex<()>> {
    let key = Arc::as_ptr(&db.get_sqlite_connection_pool().connect_options()) as *const () as usize;
    let mut turns = SQLITE_TURNS.lock().unwrap_or_else(|e| e.into_inner());
    turns
        .get_or_insert_with(HashMap::new)
        .entry(key)
        .or_default()
        .clone()
}

async fn begin_immediate(db: &DatabaseConnection) -> Result<WriteTxn, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    let turn = match db.get_database_backend() {
        DbBackend::Sqlite => Some(
            tokio::time::timeout(TURN_TIMEOUT, sqlite_turn(db).lock_owned())
                .await
                .map_err(|_| {
                    DbErr::Custom("database is locked: no turn to write within 5 s".into())
                })?,
        ),
        _ => None,
    };
    let txn = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok(WriteTxn { txn, _turn: turn })
}

/// Inserts `rows` with one statement; nothing when there are none.
pub async fn insert_all<C, A>(db: &C, rows: Vec<A>) -> Result<(), DbErr>
where
    C: sea_orm::ConnectionTrait,
    A: sea_orm::ActiveModelTrait + Send,
{
    use sea_orm::EntityTrait;
    if !rows.is_empty() {
        A::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// A write transaction, holding this process's turn to write (SQLite) until it is
/// committed or dropped. Dropped uncommitted, it rolls back.
pub struct WriteTxn {
    txn: sea_orm::DatabaseTransaction,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl WriteTxn {
    /// Commits, then gives the turn to the next writer.
    pub async fn commit(self) -> Result<(), DbErr> {
        self.txn.commit().await
    }
}

#[async_trait::async_trait]
impl sea_orm::ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        self.txn.get_database_backend()
    }

    async fn execute_raw(&self, stmt: sea_orm::Statement) -> Result<sea_orm::ExecResult, DbErr> {
        self.txn.execute_raw(stmt).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<sea_orm::ExecResult, DbErr> {
        self.txn.execute_unprepared(sql).await
    }

    async fn query_one_raw(
        &self,
        stmt: sea_orm::Statement,
    ) -> Result<Option<sea_orm::QueryResult>, DbErr> {
        self.txn.query_one_raw(stmt).await
    }

    async fn query_all_raw(
        &self,
        stmt: sea_orm::Statement,
    ) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
        self.txn.query_all_raw(stmt).await
    }

    fn support_returning(&self) -> bool {
        self.txn.support_returning()
    }
}
