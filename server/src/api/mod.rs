//! The REST API under /api/v1: one module per resource, merged here, and the
//! OpenAPI document generated from the handlers' annotations.

mod analyze;
mod body;
mod catalog;
pub mod charts;
mod extract;
mod field_rules;
pub mod openapi;
pub mod scenarios;

use app::ssr::AppState;
use axum::Router;

/// Request bodies above this get 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(analyze::router())
        .merge(scenarios::router())
        .merge(charts::router())
        .merge(catalog::router())
        .merge(openapi::router())
}
