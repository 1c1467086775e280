//! GET /api/v1/openapi.json: generated from the handlers and the model types.

use super::{analyze, charts, scenarios};
use crate::error::{ConflictBody, ErrorBody, ValidationErrors};
use app::ssr::AppState;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Breakeven API",
        description = "Cost model, saved scenarios and exports of Breakeven."
    ),
    paths(
        analyze::analyze_scenario,
        scenarios::create,
        scenarios::import,
        scenarios::latest,
        scenarios::revisions,
        scenarios::revision,
        scenarios::save,
        scenarios::fork,
        scenarios::delete,
        scenarios::export,
        charts::saved_chart,
        charts::unsaved_chart,
        charts::curves_csv,
    ),
    components(schemas(ErrorBody, ValidationErrors, ConflictBody))
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/api/v1/openapi.json",
        get(|| async { Json(ApiDoc::openapi()) }),
    )
}
