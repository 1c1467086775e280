//! The one error type of the HTTP layer. It logs the detail and hides
//! internals from clients: every error body is JSON.

use app::chart::ChartError;
use app::model::{FieldError, ScenarioError};
use app::ssr::{DbError, StoreError};
use axum::extract::rejection::{PathRejection, QueryRejection};
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
    #[error("the server is busy: try again in {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    #[error("internal error: {0}")]
    Internal(String),
    // The server's own failures: logged in full, answered as a plain 500.
    #[error("database: {0}")]
    Database(#[from] DbError),
    /// A stored revision that no longer reads (its JSON, not its rules).
    #[error("stored scenario: {0}")]
    Stored(ScenarioError),
    #[error("background task: {0}")]
    Task(#[from] tokio::task::JoinError),
    #[error("{0}")]
    Chart(#[from] ChartError),
    #[error("JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("render queue: {0}")]
    Queue(#[from] tokio::sync::AcquireError),
}

impl AppError {
    /// A failure of the server itself (500), not of the request.
    fn is_internal(&self) -> bool {
        matches!(
            self,
            AppError::Internal(_)
                | AppError::Database(_)
                | AppError::Stored(_)
                | AppError::Task(_)
                | AppError::Chart(_)
                | AppError::Json(_)
                | AppError::Csv(_)
                | AppError::Queue(_)
        )
    }
}

impl From<app::ssr::pool::Busy> for AppError {
    /// A refusal costs the server nothing, so a client may ask again soon:
    /// a second later a worker or a place in the queue has often come free.
    fn from(_: app::ssr::pool::Busy) -> Self {
        AppError::Busy {
            retry_after_secs: 1,
        }
    }
}

impl From<app::ssr::analyses::AnalysisError> for AppError {
    fn from(error: app::ssr::analyses::AnalysisError) -> Self {
        use app::ssr::analyses::AnalysisError;
        match error {
            AnalysisError::Invalid(errors) => AppError::Invalid(errors),
            AnalysisError::Busy(busy) => busy.into(),
            AnalysisError::Stopped(stopped) => AppError::Task(stopped),
        }
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> Self {
        AppError::Invalid(errors)
    }
}

impl From<ScenarioError> for AppError {
    fn from(error: ScenarioError) -> Self {
        match error {
            ScenarioError::Malformed(message) => {
                AppError::BadRequest(format!("malformed JSON: {message}"))
            }
            ScenarioError::Invalid(errors) => AppError::Invalid(errors),
        }
    }
}

/// A query string that does not fit its parameters: 400, in JSON.
impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}

/// A path segment that does not fit (a revision that is not a number): 400, in JSON.
impl From<PathRejection> for AppError {
    fn from(rejection: PathRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
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
            AppError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            internal => {
                debug_assert!(internal.is_internal());
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after_secs }
            | AppError::Busy { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let body = match self {
            AppError::Invalid(errors) => json!({ "errors": errors }),
            AppError::Conflict { current } => json!({
                "error": AppError::Conflict { current }.to_string(),
                "current_revision": current,
            }),
            internal if internal.is_internal() => {
                tracing::error!(detail = %internal, "internal error");
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
