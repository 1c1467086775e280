//! POST /api/v1/analyze: a scenario in, its analysis out.

use super::body::scenario_from_body;
use crate::error::AppError;
use app::model::{analyze, Analysis};
use app::ssr::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::routing::post;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/analyze", post(analyze_scenario))
}

async fn analyze_scenario(body: Result<Bytes, BytesRejection>) -> Result<Json<Analysis>, AppError> {
    let scenario = scenario_from_body(body)?;
    // Monte Carlo can take milliseconds: keep it off the async workers.
    let analysis = tokio::task::spawn_blocking(move || analyze(&scenario))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Invalid)?;
    Ok(Json(analysis))
}
