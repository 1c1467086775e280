//! Extractors for what requests carry besides their body, each refusing with
//! the API's JSON error (`AppError`) instead of axum's plain-text rejection.

use super::body::read_body;
use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, IF_MATCH};
use axum::http::request::Parts;
use serde::Deserialize;

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

/// A scenario document as text: the request body (JSON), or the `scenario`
/// field of a plain HTML form (the page's download button without
/// JavaScript). 413 past the size limit, 400 when not UTF-8 or a form
/// without that field.
pub struct ScenarioDocument(pub String);

/// The form a plain HTML download button posts.
#[derive(Deserialize)]
struct ScenarioForm {
    scenario: String,
}

impl<S: Send + Sync> FromRequest<S> for ScenarioDocument {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let is_form = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let text = read_body(Bytes::from_request(request, state).await)?;
        if !is_form {
            return Ok(ScenarioDocument(text));
        }
        let form: ScenarioForm = serde_urlencoded::from_str(&text)
            .map_err(|e| AppError::BadRequest(format!("form: {e}")))?;
        Ok(ScenarioDocument(form.scenario))
    }
}
