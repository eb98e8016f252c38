//! Hand-written SQL for both databases: `?` marks, numbered for PostgreSQL. For the few
//! statements SeaORM's builders do not express (upserts that add to counters and return
//! what they decided, claims of rows).

use crate::error::AppResult;
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement, Value};

/// `sql` with its `?` marks numbered for PostgreSQL (`$1`, `$2`, …).
pub fn statement(backend: DbBackend, sql: &str, values: Vec<Value>) -> Statement {
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_string()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

pub async fn exec<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> AppResult<()> {
    db.execute_raw(statement(db.get_database_backend(), sql, values))
        .await?;
    Ok(())
}

pub async fn query<C: ConnectionTrait>(
    db: &C,
    sql: &str,
    values: Vec<Value>,
) -> AppResult<Vec<QueryResult>> {
    Ok(db
        .query_all_raw(statement(db.get_database_backend(), sql, values))
        .await?)
}

/// The first column of the first row as a whole number (0 when there is none).
pub async fn one_i64<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> AppResult<i64> {
    Ok(query(db, sql, values)
        .await?
        .first()
        .and_then(|r| r.try_get_by_index::<i64>(0).ok())
        .unwrap_or(0))
}
