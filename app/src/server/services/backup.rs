//! `server backup`: a consistent copy of the live database, safe to take under load.
//! SQLite: `VACUUM INTO` (a transactionally consistent snapshot in a new file).
//! PostgreSQL: `pg_dump` in its custom format (one snapshot transaction).

use crate::server::db::{backend_of, Backend};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement};
use std::path::Path;

pub async fn backup(
    db: &DatabaseConnection,
    database_url: &str,
    target: &Path,
) -> Result<(), String> {
    if target.exists() {
        return Err(format!(
            "{} already exists; choose a new file name",
            target.display()
        ));
    }
    match backend_of(db) {
        Backend::Sqlite => {
            let path = target
                .to_str()
                .ok_or_else(|| "the backup path must be valid UTF-8".to_string())?;
            db.execute_raw(Statement::from_string(
                db.get_database_backend(),
                format!("VACUUM INTO '{}'", path.replace('\'', "''")),
            ))
            .await
            .map(|_| ())
            .map_err(|e: DbErr| format!("VACUUM INTO failed: {e}"))
        }
        Backend::Postgres => {
            let status = tokio::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--file")
                .arg(target)
                .arg(database_url)
                .status()
                .await
                .map_err(|e| {
                    format!("could not run pg_dump (is postgresql-client installed?): {e}")
                })?;
            if status.success() {
                Ok(())
            } else {
                Err(format!("pg_dump failed with {status}"))
            }
        }
    }
}
