//! Reading a scenario from a request body: size limit (413), UTF-8 and JSON
//! syntax (400) and the cost model's validation (422), each with a JSON error.

use super::MAX_BODY_BYTES;
use crate::error::AppError;
use app::model::{parse_scenario, Scenario};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::http::StatusCode;

/// The body as text, or the error that explains why it is not.
pub fn read_body(body: Result<Bytes, BytesRejection>) -> Result<String, AppError> {
    let bytes = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::PayloadTooLarge(MAX_BODY_BYTES)
        } else {
            AppError::BadRequest(rejection.body_text())
        }
    })?;
    String::from_utf8(bytes.to_vec())
        .map_err(|_| AppError::BadRequest("request body is not UTF-8".into()))
}

pub fn scenario_from_text(text: &str) -> Result<Scenario, AppError> {
    Ok(parse_scenario(text)?)
}

pub fn scenario_from_body(body: Result<Bytes, BytesRejection>) -> Result<Scenario, AppError> {
    scenario_from_text(&read_body(body)?)
}
