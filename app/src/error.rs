//! The one error type of the portal. Every variant carries a Persian message meant for the
//! person on the page; internal details (SQL, I/O) are logged on the server and never sent.

use http::StatusCode;
use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("صفحه یا موردی که خواستید پیدا نشد.")]
    NotFound,
    /// A field was filled in wrongly: names the field and says how to fix it.
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    #[error("برای این کار باید وارد حساب کاربری خود شوید.")]
    Unauthenticated,
    #[error("اجازه‌ی انجام این کار را ندارید.")]
    Forbidden,
    #[error("درخواست‌های شما بیش از حد مجاز بود؛ لطفاً چند دقیقه بعد دوباره تلاش کنید.")]
    RateLimited,
    #[error("سامانه موقتاً در دسترس نیست؛ لطفاً کمی بعد دوباره تلاش کنید.")]
    Unavailable,
    #[error(
        "خطایی در سامانه رخ داد؛ لطفاً دوباره تلاش کنید. اگر مشکل ادامه داشت با ما تماس بگیرید."
    )]
    Internal,
    /// The request itself did not reach the server or could not be read.
    #[error("ارتباط با سامانه برقرار نشد؛ اتصال اینترنت خود را بررسی کنید و دوباره تلاش کنید.")]
    Transport,
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            AppError::Transport => StatusCode::BAD_REQUEST,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => AppError::Transport,
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::validation("درخواست", "اطلاعات فرستاده‌شده کامل یا درست نیست.")
            }
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match err {
            DbErr::RecordNotFound(_) => AppError::NotFound,
            _ if lost_database(&err) => {
                tracing::error!(error = %err, "database unavailable");
                AppError::Unavailable
            }
            _ => {
                tracing::error!(error = %err, "database error");
                AppError::Internal
            }
        }
    }
}

/// Whether the database could not be reached, as opposed to a statement that failed: no
/// connection to be had, or one that broke under the query (the server went away, closed it,
/// or is shutting down: SQLSTATE classes 08 and 57P). The person is told to try again
/// shortly (503), not that the portal has a fault.
#[cfg(feature = "ssr")]
fn lost_database(err: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as Sqlx;
    use sea_orm::{DbErr, RuntimeErr};
    match err {
        DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => true,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                Sqlx::Io(_)
                | Sqlx::Tls(_)
                | Sqlx::Protocol(_)
                | Sqlx::PoolTimedOut
                | Sqlx::PoolClosed
                | Sqlx::WorkerCrashed => true,
                Sqlx::Database(d) => d
                    .code()
                    .is_some_and(|c| c.starts_with("08") || c.starts_with("57P")),
                _ => false,
            }
        }
        _ => false,
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn a_lost_database_is_unavailable_and_a_failed_statement_internal() {
        use sea_orm::sqlx::Error as Sqlx;
        use sea_orm::{DbErr, RuntimeErr};
        use std::sync::Arc;
        let sqlx = |e: Sqlx| RuntimeErr::SqlxError(Arc::new(e));
        let reset = || std::io::Error::new(std::io::ErrorKind::ConnectionReset, "reset");
        for err in [
            DbErr::ConnectionAcquire(sea_orm::ConnAcquireErr::Timeout),
            DbErr::Query(sqlx(Sqlx::Io(reset()))),
            DbErr::Exec(sqlx(Sqlx::Io(reset()))),
            DbErr::Query(sqlx(Sqlx::PoolClosed)),
            DbErr::Exec(sqlx(Sqlx::Protocol("unexpected end".into()))),
        ] {
            assert_eq!(AppError::from(err), AppError::Unavailable);
        }
        for err in [
            DbErr::Query(sqlx(Sqlx::RowNotFound)),
            DbErr::Exec(RuntimeErr::Internal("syntax".into())),
            DbErr::Custom("x".into()),
        ] {
            assert_eq!(AppError::from(err), AppError::Internal);
        }
    }

    #[test]
    fn messages_are_persian_and_name_the_field() {
        let e = AppError::validation("کد ملی", "کد ملی باید ده رقم باشد.");
        assert_eq!(e.to_string(), "کد ملی: کد ملی باید ده رقم باشد.");
        assert_eq!(e.status(), StatusCode::UNPROCESSABLE_ENTITY);
        for e in [
            AppError::NotFound,
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::RateLimited,
            AppError::Unavailable,
            AppError::Internal,
            AppError::Transport,
        ] {
            let text = e.to_string();
            assert!(
                text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{e:?} must speak Persian"
            );
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{e:?}: {text}"
            );
        }
    }

    #[test]
    fn server_fn_failures_map_to_persian_errors() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Request("boom".into()));
        assert_eq!(e, AppError::Transport);
        let e = AppError::from_server_fn_error(ServerFnErrorErr::ServerError("sql".into()));
        assert_eq!(e, AppError::Internal);
        assert!(!e.to_string().contains("sql"));
    }
}
