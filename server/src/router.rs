//! The HTTP router: health check, server-rendered pages and server functions, static files,
//! and the Persian 404 page for everything else.

use crate::client_ip::{self, TrustedProxies};
use crate::static_files;
use app::server::auth::SessionConfig;
use app::{shell, App};
use axum::extract::{FromRef, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub trusted_proxies: Arc<TrustedProxies>,
    /// The session cookie's signing key and flags.
    pub session: SessionConfig,
    /// Where attachments are kept.
    pub uploads: app::server::services::attachment::Store,
    /// This instance's visitor statistics, flushed to the database every few seconds.
    pub visitors: Arc<app::server::services::visitors::Recorder>,
    /// Public pages rendered once and shown from memory (see `page_cache`).
    pub pages: Arc<crate::page_cache::PageCache>,
    /// This instance's content view counts, flushed to the database every few seconds.
    pub views: Arc<app::server::services::content::views::Views>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if app::server::db::is_healthy(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// The largest request body the server reads.
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;

pub fn build(state: AppState) -> Router {
    let routes = generate_route_list(App);
    crate::visits::know_pages(routes.iter().map(|r| r.path()));
    let db = state.db.clone();
    let session = state.session.clone();
    let uploads = state.uploads.clone();
    let visitors = state.visitors.clone();
    let views = state.views.clone();
    let context = move || {
        provide_context(visitors.clone());
        provide_context(views.clone());
        provide_context(db.clone());
        provide_context(session.clone());
        provide_context(uploads.clone());
        provide_context(app::server::auth::RequestActor::default());
        leptos::nonce::provide_nonce();
    };
    let options = state.leptos_options.clone();
    let hashed = options.hash_files;
    let pages = state.pages.clone();
    let proxies = state.trusted_proxies.clone();
    let counter = crate::visits::Counter {
        recorder: state.visitors.clone(),
        secure: state.session.secure,
    };

    // Anything that is neither a route nor a file: the Persian 404 page, rendered by the app.
    let not_found =
        leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell)
            .with_state(state.clone());
    let files = static_files::serve_dir(std::path::Path::new(options.site_root.as_ref()))
        .fallback(not_found);

    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/live/dashboard", get(crate::live::dashboard))
        .route("/api/visit", axum::routing::post(crate::visits::beacon))
        .route(
            "/admin/statistics/flush",
            axum::routing::post(crate::visits::flush_now),
        )
        .route("/files/{key}", get(crate::files::download))
        .route("/robots.txt", get(crate::seo::robots))
        .route("/sitemap.xml", get(crate::seo::sitemap))
        .route("/feeds/{name}", get(crate::seo::feed))
        .merge(crate::rest::routes())
        .merge(crate::open_data::routes())
        .merge(crate::forms_api::routes())
        .leptos_routes_with_context(&state, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback_service(files)
        .layer(axum::middleware::from_fn(crate::files::multipart_only))
        .layer(axum::middleware::from_fn(crate::fn_errors::map_errors))
        .layer(axum::middleware::from_fn(move |req, next| {
            static_files::headers(hashed, req, next)
        }))
        .layer(axum::middleware::from_fn(crate::csrf::same_origin))
        .layer(axum::middleware::from_fn(move |req, next| {
            crate::page_cache::layer(pages.clone(), req, next)
        }))
        .layer(axum::middleware::from_fn(move |req, next| {
            crate::visits::count(counter.clone(), req, next)
        }))
        // No request body is larger: three 5 MB attachments and the form's text fit.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        .layer(axum::middleware::from_fn(move |req, next| {
            client_ip::resolve(proxies.clone(), req, next)
        }))
        // Outermost, so that the body limit's own 413 is the API's JSON error too.
        .layer(axum::middleware::from_fn(crate::rest::json_errors))
        .with_state(state)
}
