//! `GET /api/live/dashboard`: a server-sent event stream of the signed-in staff member's
//! dashboard figures. A figure set is sent at once, then again whenever a change in any
//! section is signalled (`app::server::events`, across instances on PostgreSQL) and the
//! figures differ — and every 20 seconds regardless, so deadlines passing show too.

use crate::router::AppState;
use app::model::LiveCounts;
use app::server::services::{live, permission};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::time::Duration;

const REFRESH: Duration = Duration::from_secs(20);

struct Watch {
    db: sea_orm::DatabaseConnection,
    user_id: i32,
    changes: tokio::sync::broadcast::Receiver<String>,
    last: Option<LiveCounts>,
}

pub async fn dashboard(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let actor =
        match app::server::auth::actor_from_headers(&state.db, &state.session, &headers).await {
            Ok(Some(a)) => a,
            Ok(None) => {
                return (
                    StatusCode::UNAUTHORIZED,
                    "برای این کار باید وارد حساب کاربری خود شوید.",
                )
                    .into_response()
            }
            Err(e) => return (e.status(), e.to_string()).into_response(),
        };
    if !actor.is_staff() {
        return (StatusCode::FORBIDDEN, "اجازه‌ی انجام این کار را ندارید.").into_response();
    }
    let watch = Watch {
        db: state.db.clone(),
        user_id: actor.user_id,
        changes: app::server::events::subscribe(),
        last: None,
    };
    let stream = futures_util::stream::unfold(watch, |mut w| async move {
        loop {
            if w.last.is_some() {
                // Wait for a change (or the periodic refresh), then gather any burst.
                let _ = tokio::time::timeout(REFRESH, w.changes.recv()).await;
                tokio::time::sleep(Duration::from_millis(100)).await;
                while w.changes.try_recv().is_ok() {}
            }
            // Roles are read again each time: a revoked custodian's stream ends.
            let actor = match permission::load_actor(&w.db, w.user_id).await {
                Ok(Some(a)) if a.is_staff() => a,
                _ => return None,
            };
            let counts = match live::counts(&w.db, &actor).await {
                Ok(c) => c,
                Err(_) => continue,
            };
            if w.last != Some(counts) {
                w.last = Some(counts);
                let data = serde_json::to_string(&counts).unwrap_or_default();
                return Some((Ok::<_, Infallible>(Event::default().data(data)), w));
            }
        }
    });
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}
