//! Extractors for what requests carry besides their body, each refusing with
//! the API's JSON error (`AppError`) instead of axum's plain-text rejection.

use crate::error::AppError;
use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::header::{AUTHORIZATION, IF_MATCH};
use axum::http::request::Parts;

/// A query string read into `T` (400 in JSON when it does not fit).
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct Query<T>(pub T);

/// A path read into `T` (400 in JSON when a segment does not fit).
#[derive(axum::extract::FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct Path<T>(pub T);

/// The edit key, sent as `Authorization: Bearer <key>` (401 without it).
pub struct EditKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for EditKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        let value = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                AppError::Unauthorized("send the edit key as Authorization: Bearer <key>".into())
            })?;
        let key = value
            .strip_prefix("Bearer ")
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .ok_or_else(|| {
                AppError::Unauthorized("the Authorization header must be Bearer <edit key>".into())
            })?;
        Ok(EditKey(key.to_string()))
    }
}

/// The revision a save is based on, sent as `If-Match: "<n>"` (428 without
/// it, 400 when it is not a quoted revision number).
pub struct BaseRevision(pub u32);

impl<S: Send + Sync> FromRequestParts<S> for BaseRevision {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let found = <BaseRevision as OptionalFromRequestParts<S>>::from_request_parts(parts, state);
        found.await?.ok_or_else(|| {
            AppError::PreconditionRequired(
                "send If-Match: \"<revision>\" naming the revision this save is based on".into(),
            )
        })
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for BaseRevision {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, AppError> {
        let Some(value) = parts.headers.get(IF_MATCH) else {
            return Ok(None);
        };
        let text = value.to_str().unwrap_or_default();
        let revision = text.trim().trim_start_matches("W/").trim_matches('"');
        revision
            .parse()
            .map(|n| Some(BaseRevision(n)))
            .map_err(|_| {
                AppError::BadRequest(format!(
                    "If-Match must be a quoted revision number, got {text}"
                ))
            })
    }
}
