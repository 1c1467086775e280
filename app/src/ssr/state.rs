//! What every request handler and server function can reach. Provided to
//! server functions through `leptos_routes_with_context`, to REST handlers as
//! axum state: no globals.

use super::analyses::AnalysisCache;
use super::charts::ChartCache;
use super::db::Database;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Database,
    pub charts: ChartCache,
    /// Analyses of saved revisions (see `analyses`).
    pub analyses: AnalysisCache,
    /// Public base URL for absolute links (link previews); may be empty.
    pub public_url: String,
    /// Bounds concurrent PNG renders (CPU-bound, run on blocking threads).
    pub renders: std::sync::Arc<tokio::sync::Semaphore>,
    /// Runs the analyses and charts of unsaved scenarios, which anyone can
    /// ask for, a bounded number at a time (see `pool`).
    pub work: std::sync::Arc<super::pool::WorkPool>,
    /// Runs saved revisions' first analyses, in a lane of their own (see
    /// `analyses`).
    pub saved_work: std::sync::Arc<super::pool::WorkPool>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
