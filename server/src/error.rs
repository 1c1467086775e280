//! The one error type of the HTTP layer. It logs the detail and hides
//! internals from clients: every error body is JSON.

use app::model::FieldError;
use app::ssr::{DbError, StoreError};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("the edit key does not match")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("this scenario was deleted")]
    Gone,
    #[error(
        "the scenario has changed since the revision you edited: the latest revision is {current}"
    )]
    Conflict { current: u32 },
    #[error("request body is larger than {0} bytes")]
    PayloadTooLarge(usize),
    #[error("invalid scenario")]
    Invalid(Vec<FieldError>),
    #[error("{0}")]
    PreconditionRequired(String),
    #[error("cross-site request refused: writes are accepted only from this site's own pages")]
    CrossSite,
    #[error("too many requests from this client: try again in {retry_after_secs} s")]
    TooManyRequests { retry_after_secs: u64 },
    #[error("the request took too long")]
    Timeout,
    #[error("internal error: {0}")]
    Internal(String),
}

/// `{ "error": "..." }`: the body of every error but 422 and 409.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
}

/// 422: every broken rule, each naming its field.
#[derive(Serialize, ToSchema)]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

/// 409: the save was based on a stale revision.
#[derive(Serialize, ToSchema)]
pub struct ConflictBody {
    pub error: String,
    pub current_revision: u32,
}

impl From<DbError> for AppError {
    fn from(error: DbError) -> Self {
        AppError::Internal(error.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Gone => AppError::Gone,
            StoreError::Forbidden => AppError::Forbidden,
            StoreError::Conflict { current } => AppError::Conflict { current },
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = match &self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Gone => StatusCode::GONE,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::PreconditionRequired(_) => StatusCode::PRECONDITION_REQUIRED,
            AppError::CrossSite => StatusCode::FORBIDDEN,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Timeout => StatusCode::REQUEST_TIMEOUT,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let body = match self {
            AppError::Invalid(errors) => json!({ "errors": errors }),
            AppError::Conflict { current } => json!({
                "error": AppError::Conflict { current }.to_string(),
                "current_revision": current,
            }),
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                json!({ "error": "internal server error" })
            }
            other => json!({ "error": other.to_string() }),
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}
