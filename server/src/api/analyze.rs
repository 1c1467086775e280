//! POST /api/v1/analyze: a scenario in, its analysis out.

use super::body::scenario_from_body;
use crate::error::AppError;
use app::model::{analyze, Analysis, Scenario};
use app::ssr::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::routing::post;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/analyze", post(analyze_scenario))
}

#[utoipa::path(post, path = "/api/v1/analyze", tag = "model",
    request_body(content = Scenario, description = "The scenario to analyse"),
    responses(
        (status = 200, description = "Costs, break-evens and, with ranges, uncertainty", body = Analysis),
        (status = 400, description = "Malformed JSON", body = crate::error::ErrorBody),
        (status = 403, description = "Cross-site request refused", body = crate::error::ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = crate::error::ErrorBody),
        (status = 422, description = "Invalid scenario", body = crate::error::ValidationErrors),
        (status = 429, description = "Too many analyses from this client (see Retry-After)", body = crate::error::ErrorBody),
        (status = 503, description = "Every analysis worker busy and the queue full (see Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn analyze_scenario(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Analysis>, AppError> {
    let scenario = scenario_from_body(body)?;
    // Monte Carlo can take milliseconds: off the async workers, a bounded
    // number at a time.
    let analysis = state.work.run(move || analyze(&scenario)).await???;
    Ok(Json(analysis))
}
