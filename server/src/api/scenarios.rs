//! /api/v1/scenarios: create, read, revise, fork, delete, export and import
//! saved scenarios. Anyone with the id can read; only the edit key can change.

use super::body::{read_body, scenario_from_text};
use super::charts::{parse_revision, RevisionQuery};
use super::extract::{BaseRevision, EditKey, Path, Query};
use crate::error::AppError;
use app::model::{read_stored_scenario, Analysis, Scenario};
use app::ssr::{AppState, Created, StoredRevision};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde_json::value::RawValue;
use utoipa::ToSchema;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/scenarios", post(create))
        .route("/api/v1/scenarios/import", post(import))
        .route(
            "/api/v1/scenarios/{id}",
            get(latest).put(save).delete(delete),
        )
        .route("/api/v1/scenarios/{id}/revisions", get(revisions))
        .route("/api/v1/scenarios/{id}/revisions/{n}", get(revision))
        .route("/api/v1/scenarios/{id}/fork", post(fork))
        .route("/api/v1/scenarios/{id}/export.json", get(export))
        .route("/api/v1/scenarios/{id}/memo.md", get(memo))
}

/// A scenario just created: keep the edit key, it is shown only once.
#[derive(Serialize, ToSchema)]
pub struct CreatedResponse {
    pub id: String,
    pub edit_key: String,
    pub revision: u32,
    /// The read-only page of the scenario.
    pub url: String,
}

/// One revision of a saved scenario with its analysis.
#[derive(Serialize, ToSchema)]
pub struct ScenarioResponse {
    pub id: String,
    pub revision: u32,
    pub latest_revision: u32,
    pub created_at: String,
    pub updated_at: String,
    pub revision_created_at: String,
    pub forked_from: Option<String>,
    /// The scenario exactly as saved.
    #[schema(value_type = Scenario)]
    pub scenario: Box<RawValue>,
    pub analysis: Analysis,
}

#[derive(Serialize, ToSchema)]
pub struct RevisionEntry {
    pub revision: u32,
    pub created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct RevisionList {
    pub id: String,
    pub revisions: Vec<RevisionEntry>,
}

#[derive(Serialize, ToSchema)]
pub struct SavedResponse {
    pub revision: u32,
}

fn created(created: Created) -> Response {
    let url = format!("/s/{}", created.id);
    let location = format!("/api/v1/scenarios/{}", created.id);
    let mut response = (
        StatusCode::CREATED,
        Json(CreatedResponse {
            id: created.id,
            edit_key: created.edit_key,
            revision: created.revision,
            url,
        }),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

async fn scenario_response(state: &AppState, stored: StoredRevision) -> Result<Response, AppError> {
    // Stored JSON was valid when saved and the schema only ever grows; rules
    // that tightened since are reported by the analysis below, naming the field.
    let scenario = read_stored_scenario(&stored.scenario_json).map_err(AppError::Stored)?;
    let analysis = state
        .analyses
        .analysis_on(&state.saved_work, &stored.id, stored.revision, scenario)
        .await?;
    let raw = RawValue::from_string(stored.scenario_json)?;
    let etag = format!("\"{}\"", stored.revision);
    let mut response = Json(ScenarioResponse {
        id: stored.id,
        revision: stored.revision,
        latest_revision: stored.latest_revision,
        created_at: stored.created_at,
        updated_at: stored.updated_at,
        revision_created_at: stored.revision_created_at,
        forked_from: stored.forked_from,
        scenario: raw,
        analysis: analysis.as_ref().clone(),
    })
    .into_response();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response.headers_mut().insert(header::ETAG, value);
    }
    Ok(response)
}

/// Reads and validates a scenario body, keeping its text as given.
fn scenario_text(body: Result<Bytes, BytesRejection>) -> Result<String, AppError> {
    let text = read_body(body)?;
    scenario_from_text(&text)?;
    Ok(text)
}

#[utoipa::path(post, path = "/api/v1/scenarios", tag = "scenarios",
    request_body(content = Scenario, description = "The scenario to save as revision 1"),
    responses(
        (status = 201, description = "Saved", body = CreatedResponse,
            // lets API fuzzers and clients follow a created scenario
            links(("latest" = (operation_id = "latest", parameters(("id" = "$response.body#/id")))), ("revisions" = (operation_id = "revisions", parameters(("id" = "$response.body#/id")))), ("export" = (operation_id = "export", parameters(("id" = "$response.body#/id")))), ("fork" = (operation_id = "fork", parameters(("id" = "$response.body#/id")))), ("curves_csv" = (operation_id = "curves_csv", parameters(("id" = "$response.body#/id")))))),
        (status = 429, description = "Too many requests from this client (see Retry-After)", body = crate::error::ErrorBody),
        (status = 403, description = "Cross-site request refused", body = crate::error::ErrorBody),
        (status = 400, description = "Malformed JSON", body = crate::error::ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = crate::error::ErrorBody),
        (status = 422, description = "Invalid scenario", body = crate::error::ValidationErrors),
    ))]
pub async fn create(
    State(state): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    let text = scenario_text(body)?;
    Ok(created(state.db.create_scenario(&text, None).await?))
}

#[utoipa::path(post, path = "/api/v1/scenarios/import", tag = "scenarios",
    request_body(content = Scenario, description = "An exported scenario file"),
    responses(
        (status = 201, description = "Imported as a new scenario", body = CreatedResponse),
        (status = 429, description = "Too many requests from this client (see Retry-After)", body = crate::error::ErrorBody),
        (status = 403, description = "Cross-site request refused", body = crate::error::ErrorBody),
        (status = 400, description = "Malformed JSON", body = crate::error::ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = crate::error::ErrorBody),
        (status = 422, description = "Invalid scenario", body = crate::error::ValidationErrors),
    ))]
pub async fn import(
    state: State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, AppError> {
    create(state, body).await
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}", tag = "scenarios",
    params(("id" = String, Path, description = "Scenario id")),
    responses(
        (status = 503, description = "A new revision's first analysis: every worker of the saved revisions' pool busy and its queue full (see Retry-After)", body = crate::error::ErrorBody),
        (status = 200, description = "The latest revision and its analysis", body = ScenarioResponse),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn latest(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    scenario_response(&state, state.db.scenario_revision(&id, None).await?).await
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/revisions", tag = "scenarios",
    params(("id" = String, Path, description = "Scenario id")),
    responses(
        (status = 200, description = "Every revision, oldest first", body = RevisionList),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn revisions(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<RevisionList>, AppError> {
    let revisions = state.db.scenario_revisions(&id).await?;
    Ok(Json(RevisionList {
        id,
        revisions: revisions
            .into_iter()
            .map(|r| RevisionEntry {
                revision: r.revision,
                created_at: r.created_at,
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/revisions/{n}", tag = "scenarios",
    params(("id" = String, Path, description = "Scenario id"), ("n" = u32, Path, description = "Revision number")),
    responses(
        (status = 503, description = "A new revision's first analysis: every worker of the saved revisions' pool busy and its queue full (see Retry-After)", body = crate::error::ErrorBody),
        (status = 200, description = "That revision and its analysis", body = ScenarioResponse),
        (status = 400, description = "Revision is not a number", body = crate::error::ErrorBody),
        (status = 404, description = "No such scenario or revision", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn revision(
    State(state): State<AppState>,
    Path((id, n)): Path<(String, u32)>,
) -> Result<Response, AppError> {
    scenario_response(&state, state.db.scenario_revision(&id, Some(n)).await?).await
}

#[utoipa::path(put, path = "/api/v1/scenarios/{id}", tag = "scenarios",
    params(
        ("id" = String, Path, description = "Scenario id"),
        ("Authorization" = String, Header, description = "Bearer <edit key>"),
        ("If-Match" = String, Header, description = "\"<revision>\" this save is based on", pattern = "^(W/)?\"?[0-9]{1,9}\"?$"),
    ),
    request_body(content = Scenario, description = "The new revision"),
    responses(
        (status = 200, description = "Saved as a new revision", body = SavedResponse),
        (status = 400, description = "Malformed JSON or If-Match", body = crate::error::ErrorBody),
        (status = 401, description = "No edit key", body = crate::error::ErrorBody),
        (status = 403, description = "Wrong edit key, or a cross-site request", body = crate::error::ErrorBody),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 409, description = "Based on a stale revision", body = crate::error::ConflictBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
        (status = 413, description = "Body over 256 KiB", body = crate::error::ErrorBody),
        (status = 422, description = "Invalid scenario", body = crate::error::ValidationErrors),
        (status = 428, description = "No If-Match", body = crate::error::ErrorBody),
    ))]
pub async fn save(
    State(state): State<AppState>,
    Path(id): Path<String>,
    EditKey(key): EditKey,
    base: Result<BaseRevision, AppError>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SavedResponse>, AppError> {
    // the key first: a stranger learns nothing from the other headers
    state.db.check_edit_key(&id, &key).await?;
    let BaseRevision(base) = base?;
    let text = scenario_text(body)?;
    let revision = state.db.save_revision(&id, &key, base, &text).await?;
    Ok(Json(SavedResponse { revision }))
}

#[utoipa::path(post, path = "/api/v1/scenarios/{id}/fork", tag = "scenarios",
    params(("id" = String, Path, description = "Scenario id")),
    responses(
        (status = 201, description = "A new scenario with its own edit key", body = CreatedResponse),
        (status = 429, description = "Too many requests from this client (see Retry-After)", body = crate::error::ErrorBody),
        (status = 403, description = "Cross-site request refused", body = crate::error::ErrorBody),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn fork(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    Ok(created(state.db.fork_scenario(&id).await?))
}

#[utoipa::path(delete, path = "/api/v1/scenarios/{id}", tag = "scenarios",
    params(
        ("id" = String, Path, description = "Scenario id"),
        ("Authorization" = String, Header, description = "Bearer <edit key>"),
    ),
    responses(
        (status = 204, description = "Deleted with every revision"),
        (status = 401, description = "No edit key", body = crate::error::ErrorBody),
        (status = 403, description = "Wrong edit key, or a cross-site request", body = crate::error::ErrorBody),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Already deleted", body = crate::error::ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Path(id): Path<String>,
    EditKey(key): EditKey,
) -> Result<StatusCode, AppError> {
    state.db.delete_scenario(&id, &key).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/export.json", tag = "scenarios",
    params(("id" = String, Path, description = "Scenario id")),
    responses(
        (status = 200, description = "The scenario file, as saved", body = Scenario),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn export(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = state.db.scenario_revision(&id, None).await?;
    let name = serde_json::from_str::<Scenario>(&stored.scenario_json)
        .map(|s| s.name)
        .unwrap_or_default();
    let disposition = format!("attachment; filename=\"{}.json\"", file_stem(&name, &id));
    let mut response = stored.scenario_json.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/memo.md", tag = "scenarios",
    params(("id" = String, Path, description = "Scenario id"), RevisionQuery),
    responses(
        (status = 200, description = "The decision memo of the revision: the question, the answer, payback and break-even with their P10 to P90, where the money goes, readiness blockers, what to measure next, the assumptions and the charts as absolute image links", content_type = "text/markdown"),
        (status = 400, description = "Malformed query string (a parameter given twice)", body = crate::error::ErrorBody),
        (status = 404, description = "No such scenario or revision", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
        (status = 422, description = "Revision out of bounds, or a stored scenario that breaks a rule tightened since", body = crate::error::ValidationErrors),
        (status = 503, description = "A new revision's first analysis: every worker of the saved revisions' pool busy and its queue full (see Retry-After)", body = crate::error::ErrorBody),
    ))]
pub async fn memo(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(revision): Query<RevisionQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Response, AppError> {
    let stored = state
        .db
        .scenario_revision(&id, parse_revision(&revision)?)
        .await?;
    let scenario = read_stored_scenario(&stored.scenario_json).map_err(AppError::Stored)?;
    let analysis = state
        .analyses
        .analysis_on(
            &state.saved_work,
            &stored.id,
            stored.revision,
            scenario.clone(),
        )
        .await?;
    // images must be absolute to render where the memo is pasted: the
    // configured public URL, else the host this request came to
    let base_url = if state.public_url.is_empty() {
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        format!("http://{host}")
    } else {
        state.public_url.clone()
    };
    let links = app::ssr::memo::ChartLinks {
        base_url: &base_url,
        scenario_id: &stored.id,
        revision: stored.revision,
    };
    let text = app::ssr::memo::memo(&scenario, &analysis, Some(&links));
    let disposition = format!(
        "inline; filename=\"{}-r{}.md\"",
        file_stem(&scenario.name, &stored.id),
        stored.revision
    );
    let mut response = text.into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/markdown; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response_headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// A safe file name from a scenario name: lowercase ASCII words and dashes.
pub fn file_stem(name: &str, fallback: &str) -> String {
    let mut stem = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        fallback.to_string()
    } else {
        stem.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            file_stem("Support ticket triage", "x"),
            "support-ticket-triage"
        );
        assert_eq!(file_stem("\"; rm -rf / <script>", "x"), "rm-rf-script");
        assert_eq!(file_stem("日本語", "abc"), "abc");
    }
}
