//! "Something changed in section X": the signal behind the live dashboard. On SQLite (one
//! server) it goes straight to this process's subscribers; on PostgreSQL it goes through
//! `NOTIFY portal_changes`, and every instance's listener (`listen_postgres`) hands it to its
//! own subscribers, so a ticket filed on one instance shows on a dashboard served by another.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use std::sync::OnceLock;
use tokio::sync::broadcast;

pub const CHANNEL: &str = "portal_changes";

fn hub() -> &'static broadcast::Sender<String> {
    static HUB: OnceLock<broadcast::Sender<String>> = OnceLock::new();
    HUB.get_or_init(|| broadcast::channel(256).0)
}

/// A new receiver of section keys that changed.
pub fn subscribe() -> broadcast::Receiver<String> {
    hub().subscribe()
}

/// Hands a change to this process's subscribers.
pub fn publish_local(section: &str) {
    let _ = hub().send(section.to_string());
}

/// Reports a committed change in a section. Never fails the caller: a lost signal only
/// delays a dashboard until its next periodic refresh.
pub async fn changed(db: &DatabaseConnection, section: &str) {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let stmt = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), section.into()],
            );
            if let Err(e) = db.execute_raw(stmt).await {
                tracing::warn!(error = %e, "pg_notify failed; publishing locally");
                publish_local(section);
            }
        }
        _ => publish_local(section),
    }
}

/// Listens to `portal_changes` on PostgreSQL and republishes every notification locally;
/// reconnects after a failure. Runs for the life of the server.
pub async fn listen_postgres(url: String) {
    use sea_orm::sqlx::postgres::PgListener;
    loop {
        match PgListener::connect(&url).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    tracing::info!("listening for changes from other instances");
                    loop {
                        match listener.recv().await {
                            Ok(n) => publish_local(n.payload()),
                            Err(e) => {
                                tracing::warn!(error = %e, "change listener lost its connection");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot connect the change listener"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    }
}
