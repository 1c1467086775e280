//! The Breakeven server: router assembly and serving. `main.rs` only parses
//! the configuration and calls `run`; tests call `build_router` and `serve`.

pub mod api;
pub mod backups;
pub mod cli;
pub mod config;
pub mod data;
pub mod error;
pub mod limits;
pub mod page_cache;
pub mod security;

use app::app::{shell, App};
use app::ssr::{AppState, Backend, Database, DbError};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use config::Config;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use limits::Limits;
use security::OwnOrigin;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(config.output_name.as_str())
        .site_root(config.site_root.as_str())
        .site_pkg_dir(config.site_pkg_dir.as_str())
        .site_addr(config.addr)
        .build()
}

/// Opens the database (migrating it) and assembles every route with every layer.
pub async fn build_router(config: &Config) -> Result<Router, DbError> {
    Ok(with_layers(routes(config).await?, config))
}

/// The app's routes, walked once per process. While Leptos walks them it
/// sets a process-wide flag under which any resource polled for the first
/// time, in any server of the process, waits forever
/// (leptos-rs/leptos#4773). Walking once, before any router exists, keeps a
/// second router (as every integration test builds) from stalling pages the
/// first is rendering: they answered 408 after 30 s, now and then.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Default workers of the unsaved analyses' pool, at most: with the saved
/// revisions' pool (half as many) at most 9 analyses of 85 MB run at once,
/// so a server at full load stays under 1 GB (docs/performance.md, "Memory").
const MAX_DEFAULT_ANALYSIS_WORKERS: usize = 6;

/// Workers of the unsaved analyses' pool and of the saved revisions' pool:
/// as configured, or one per core (at most 6) and half that.
fn analysis_workers(config: &Config) -> (usize, usize) {
    let unsaved = match config.analysis_workers {
        0 => std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(MAX_DEFAULT_ANALYSIS_WORKERS),
        workers => workers,
    };
    let saved = match config.saved_analysis_workers {
        0 => unsaved.div_ceil(2).max(1),
        workers => workers,
    };
    (unsaved, saved)
}

/// Every route, without the layers (see `with_layers`).
pub async fn routes(config: &Config) -> Result<Router, DbError> {
    if config.backup_dir.is_some() && Backend::of_url(&config.database_url)? != Backend::Sqlite {
        return Err(DbError::BackupNeedsSqlite);
    }
    let db = Database::connect_server(&config.database_url).await?;
    tracing::info!(backend = db.backend().name(), "database ready");
    if let Some(dir) = &config.backup_dir {
        backups::spawn(
            db.clone(),
            backups::Schedule {
                dir: dir.clone(),
                every: config.backup_every,
                keep: config.backup_keep as usize,
            },
        );
    }
    let leptos_options = leptos_options(config);
    let (unsaved_workers, saved_workers) = analysis_workers(config);
    let pool = |workers| {
        std::sync::Arc::new(app::ssr::pool::WorkPool::new(
            workers,
            config.analysis_queue,
        ))
    };
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
        charts: app::ssr::charts::ChartCache::new(app::ssr::charts::CHART_CACHE_ENTRIES),
        analyses: Default::default(),
        public_url: config.public_url.trim_end_matches('/').to_string(),
        renders: std::sync::Arc::new(tokio::sync::Semaphore::new(2)),
        work: pool(unsaved_workers),
        saved_work: pool(saved_workers),
    };
    let routes = route_list();
    let router = Router::new()
        .route("/healthz", get(healthz))
        .merge(api::router())
        .leptos_routes_with_context(
            &state,
            routes,
            {
                let state = state.clone();
                move || provide_context(state.clone())
            },
            move || shell(leptos_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state.clone());
    // Around the whole router rather than each route (as `Router::layer`
    // would): a page served from the cache then costs no clone of the
    // Leptos handler and its state.
    let router = Router::new()
        .fallback_service(router)
        .layer(middleware::from_fn_with_state(
            page_cache::PageCache::new(state.db),
            page_cache::serve,
        ));
    Ok(router)
}

/// The layers every request passes, outermost last: a request id, tracing,
/// panics answered 500, a timeout, security headers, the cross-site check,
/// rate limits, compression and body limits.
pub fn with_layers(router: Router, config: &Config) -> Router {
    let limits = Limits::new(
        config.create_limit_per_minute,
        config.analyze_limit_per_minute,
        config.render_limit_per_minute,
        config.trusted_proxies.clone(),
    );
    let own = OwnOrigin {
        public_url: config.public_url.clone(),
    };
    router
        // JSON 413 from the REST extractors; the hard backstop below also
        // covers server functions and anything else that reads a body.
        .layer(DefaultBodyLimit::max(api::MAX_BODY_BYTES))
        .layer(RequestBodyLimitLayer::new(2 * api::MAX_BODY_BYTES))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(limits, limits::rate_limit))
        .layer(middleware::from_fn_with_state(own, security::same_origin))
        .layer(middleware::from_fn(security::headers))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(config.request_timeout_secs),
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id = %id)
        }).on_failure(log_failure))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

/// A failed response, logged as an error, except the 503s of a full
/// analysis pool: under a flood of analyses they come by the thousand, and
/// each is the server working as configured (logged at debug).
fn log_failure(failure: ServerErrorsFailureClass, latency: Duration, _span: &tracing::Span) {
    let latency_ms = latency.as_millis();
    match failure {
        ServerErrorsFailureClass::StatusCode(StatusCode::SERVICE_UNAVAILABLE) => {
            tracing::debug!(latency_ms, "busy: answered 503")
        }
        failure => tracing::error!(classification = %failure, latency_ms, "response failed"),
    }
}

/// A panic in a handler: logged with its message, answered 500 without it,
/// and the server keeps serving.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = %detail, "handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        Json(json!({ "error": "internal server error" })),
    )
        .into_response()
}

async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Err(error) => {
            tracing::error!(%error, "health check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable" })),
            )
        }
    }
}

/// Serves until `shutdown` completes, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // Peer addresses feed the per-client rate limits.
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
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
    tracing::info!("shutting down");
}
