//! The one error type of the HTTP layer. It logs the detail and hides
//! internals from clients: every error body is JSON.

use app::model::FieldError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("invalid scenario")]
    Invalid(Vec<FieldError>),
    #[error("not found")]
    NotFound,
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<app::ssr::DbError> for AppError {
    fn from(error: app::ssr::DbError) -> Self {
        AppError::Internal(error.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::Invalid(errors) => {
                (StatusCode::UNPROCESSABLE_ENTITY, Json(json!({ "errors": errors }))).into_response()
            }
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({ "error": "internal server error" })),
                )
                    .into_response()
            }
            other => {
                let status = match other {
                    AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
                    AppError::NotFound => StatusCode::NOT_FOUND,
                    AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
                    _ => StatusCode::INTERNAL_SERVER_ERROR,
                };
                (status, Json(json!({ "error": other.to_string() }))).into_response()
            }
        }
    }
}
