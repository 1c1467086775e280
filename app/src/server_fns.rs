//! Server functions for the page. Their bodies run on the server only and use
//! the same store as the REST API; the client gets a typed stub.

use crate::model::{FieldError, Scenario};
use crate::server_codec::Json;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct RevisionSummary {
    pub revision: u32,
    pub created_at: String,
}

/// A saved scenario as the page shows it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SavedScenario {
    pub id: String,
    pub revision: u32,
    pub latest_revision: u32,
    pub created_at: String,
    pub updated_at: String,
    pub forked_from: Option<String>,
    pub scenario: Scenario,
    pub revisions: Vec<RevisionSummary>,
}

/// A scenario just created: the edit key is shown only now.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct NewScenario {
    pub id: String,
    pub edit_key: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum SaveOutcome {
    Saved {
        revision: u32,
    },
    /// Someone saved in between; nothing was overwritten.
    Conflict {
        current: u32,
    },
    Invalid(Vec<FieldError>),
    Forbidden,
    Gone,
}

#[cfg(feature = "ssr")]
fn state() -> Result<crate::ssr::AppState, ServerFnError> {
    use_context::<crate::ssr::AppState>().ok_or_else(|| ServerFnError::new("server state missing"))
}

#[cfg(feature = "ssr")]
fn internal(error: impl std::fmt::Display) -> ServerFnError {
    tracing::error!(%error, "server function failed");
    ServerFnError::new("internal error")
}

#[server(input = Json, output = Json)]
pub async fn load_scenario(
    id: String,
    revision: Option<u32>,
) -> Result<Option<SavedScenario>, ServerFnError> {
    use crate::model::read_stored_scenario;
    use crate::ssr::StoreError;
    let state = state()?;
    let db = state.db.clone();
    let stored = match db.scenario_revision(&id, revision).await {
        Ok(stored) => stored,
        Err(StoreError::NotFound | StoreError::Gone) => return Ok(None),
        Err(other) => return Err(internal(other)),
    };
    let revisions = db.scenario_revisions(&id).await.map_err(internal)?;
    let scenario = read_stored_scenario(&stored.scenario_json).map_err(internal)?;
    prepare_analysis(&state, &stored.id, stored.revision, &scenario).await?;
    Ok(Some(SavedScenario {
        id: stored.id,
        revision: stored.revision,
        latest_revision: stored.latest_revision,
        created_at: stored.created_at,
        updated_at: stored.updated_at,
        forked_from: stored.forked_from,
        scenario,
        revisions: revisions
            .into_iter()
            .map(|r| RevisionSummary {
                revision: r.revision,
                created_at: r.created_at,
            })
            .collect(),
    }))
}

/// Computes a saved revision's analysis on the saved revisions' pool before
/// the page renders it (the page then finds it cached). A full pool answers
/// 503 with Retry-After, as the REST API does; a revision that breaks rules
/// tightened since it was saved renders with its field errors.
#[cfg(feature = "ssr")]
async fn prepare_analysis(
    state: &crate::ssr::AppState,
    id: &str,
    revision: u32,
    scenario: &Scenario,
) -> Result<(), ServerFnError> {
    use crate::ssr::analyses::AnalysisError;
    let prepared = state
        .analyses
        .analysis_on(&state.saved_work, id, revision, scenario.clone())
        .await;
    match prepared {
        Ok(_) | Err(AnalysisError::Invalid(_)) => Ok(()),
        Err(AnalysisError::Busy(busy)) => {
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                response.set_status(axum::http::StatusCode::SERVICE_UNAVAILABLE);
                response.insert_header(
                    axum::http::header::RETRY_AFTER,
                    axum::http::HeaderValue::from_static("1"),
                );
            }
            Err(ServerFnError::new(format!("{busy}: try again in a moment")))
        }
        Err(stopped) => Err(internal(stopped)),
    }
}

// Fixed endpoints: the rate limiter recognises creations by path.
#[server(endpoint = "create_scenario", input = Json, output = Json)]
pub async fn create_scenario(
    scenario: Scenario,
) -> Result<Result<NewScenario, Vec<FieldError>>, ServerFnError> {
    let errors = crate::model::validate(&scenario);
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    let json = serde_json::to_string_pretty(&scenario).map_err(internal)?;
    let created = state()?
        .db
        .create_scenario(&json, None)
        .await
        .map_err(internal)?;
    Ok(Ok(NewScenario {
        id: created.id,
        edit_key: created.edit_key,
    }))
}

#[server(input = Json, output = Json)]
pub async fn save_scenario(
    id: String,
    edit_key: String,
    base_revision: u32,
    scenario: Scenario,
) -> Result<SaveOutcome, ServerFnError> {
    use crate::ssr::StoreError;
    let errors = crate::model::validate(&scenario);
    if !errors.is_empty() {
        return Ok(SaveOutcome::Invalid(errors));
    }
    let json = serde_json::to_string_pretty(&scenario).map_err(internal)?;
    Ok(
        match state()?
            .db
            .save_revision(&id, &edit_key, base_revision, &json)
            .await
        {
            Ok(revision) => SaveOutcome::Saved { revision },
            Err(StoreError::Conflict { current }) => SaveOutcome::Conflict { current },
            Err(StoreError::Forbidden) => SaveOutcome::Forbidden,
            Err(StoreError::NotFound | StoreError::Gone) => SaveOutcome::Gone,
            Err(other) => return Err(internal(other)),
        },
    )
}

#[server(endpoint = "fork_scenario", input = Json, output = Json)]
pub async fn fork_scenario(id: String) -> Result<Option<NewScenario>, ServerFnError> {
    use crate::ssr::StoreError;
    match state()?.db.fork_scenario(&id).await {
        Ok(created) => Ok(Some(NewScenario {
            id: created.id,
            edit_key: created.edit_key,
        })),
        Err(StoreError::NotFound | StoreError::Gone) => Ok(None),
        Err(other) => Err(internal(other)),
    }
}

/// Whether `edit_key` opens scenario `id` for editing.
#[server(input = Json, output = Json)]
pub async fn check_edit_key(id: String, edit_key: String) -> Result<bool, ServerFnError> {
    Ok(state()?.db.check_edit_key(&id, &edit_key).await.is_ok())
}

/// A write through a server function, as an `Action`: what leptos's
/// `ServerAction` is, less its reading of a no-JavaScript form's error from
/// the URL. The pages dispatch writes from buttons, never from such a form,
/// and that reader brought a base64 decoder of about 1 KB into the first
/// page's compressed wasm (docs/performance.md, section "Bundle, 2026-12-02").
pub fn server_action<S>() -> Action<S, Result<S::Output, S::Error>>
where
    S: leptos::server_fn::ServerFn + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
    S::Error: Send + Sync + 'static,
{
    Action::new(|input: &S| input.clone().run_on_client())
}
