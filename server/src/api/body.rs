//! Reading a scenario from a request body: size limit, JSON syntax (400) and
//! the cost model's validation (422), each with a JSON error.

use super::MAX_BODY_BYTES;
use crate::error::AppError;
use app::model::{parse_scenario, Scenario, ScenarioError};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;

pub fn scenario_from_body(body: Result<Bytes, BytesRejection>) -> Result<Scenario, AppError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge(MAX_BODY_BYTES)
        } else {
            AppError::BadRequest(rejection.body_text())
        }
    })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| AppError::BadRequest("request body is not UTF-8".into()))?;
    parse_scenario(text).map_err(|error| match error {
        ScenarioError::Malformed(message) => AppError::BadRequest(format!("malformed JSON: {message}")),
        ScenarioError::Invalid(errors) => AppError::Invalid(errors),
    })
}
