//! Chart exports: PNG and SVG of a saved scenario (cached by revision) or of
//! an unsaved one sent in the body, and the cumulative curves as CSV.

use super::body::scenario_from_text;
use super::extract::{Path, Query, ScenarioDocument};
use crate::error::AppError;
use app::chart::theme::Theme;
use app::chart::{render_svg, ChartInput, ChartKind};
use app::model::breakdown::CATEGORIES;
use app::model::{analyze, analyze_without_uncertainty, read_stored_scenario, Analysis, Scenario};
use app::ssr::charts::{render_png, ChartKey, MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH};
use app::ssr::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use std::sync::Arc;
use utoipa::IntoParams;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/scenarios/{id}/chart/{file}", get(saved_chart))
        .route("/api/v1/chart/{file}", post(unsaved_chart))
        .route("/api/v1/scenarios/{id}/curves.csv", get(curves_csv))
        .route("/api/v1/scenarios/{id}/breakdown.csv", get(breakdown_csv))
}

/// Chart size and colours.
#[derive(Deserialize, IntoParams)]
pub struct ChartQuery {
    /// 320..=4096, default 1200 (ssr::charts::MIN_WIDTH..=MAX_WIDTH)
    #[param(value_type = Option<u32>, minimum = 320, maximum = 4096)]
    width: Option<String>,
    /// 200..=4096, default 630 (ssr::charts::MIN_HEIGHT..=MAX_HEIGHT)
    #[param(value_type = Option<u32>, minimum = 200, maximum = 4096)]
    height: Option<String>,
    /// light (default) or dark
    #[param(pattern = "^(light|dark)$")]
    theme: Option<String>,
}

/// Which revision of a saved scenario.
#[derive(Deserialize, IntoParams)]
pub struct RevisionQuery {
    /// 1 or more, default the latest. A named revision's chart never
    /// changes, so browsers may keep it for good.
    #[param(value_type = Option<u32>, minimum = 1)]
    revision: Option<String>,
}

pub(crate) fn parse_revision(query: &RevisionQuery) -> Result<Option<u32>, AppError> {
    let Some(text) = &query.revision else {
        return Ok(None);
    };
    text.parse::<u32>()
        .ok()
        .filter(|r| *r >= 1)
        .map(Some)
        .ok_or_else(|| {
            AppError::Invalid(vec![app::model::FieldError::new(
                "revision",
                "must be a whole number from 1",
            )])
        })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Png,
    Svg,
}

struct ChartRequest {
    kind: ChartKind,
    format: Format,
    size: (u32, u32),
    theme: Theme,
}

fn parse_request(file: &str, query: &ChartQuery) -> Result<ChartRequest, AppError> {
    let (stem, format) = if let Some(stem) = file.strip_suffix(".png") {
        (stem, Format::Png)
    } else if let Some(stem) = file.strip_suffix(".svg") {
        (stem, Format::Svg)
    } else {
        return Err(AppError::NotFound);
    };
    let kind = ChartKind::from_slug(stem).ok_or(AppError::NotFound)?;
    let dimension = |value: &Option<String>, name: &str, default: u32, min: u32, max: u32| {
        let Some(text) = value else {
            return Ok(default);
        };
        text.parse::<u32>()
            .ok()
            .filter(|v| (min..=max).contains(v))
            .ok_or_else(|| {
                AppError::Invalid(vec![app::model::FieldError::new(
                    name,
                    format!("must be a whole number from {min} to {max}"),
                )])
            })
    };
    let width = dimension(&query.width, "width", 1200, MIN_WIDTH, MAX_WIDTH);
    let height = dimension(&query.height, "height", 630, MIN_HEIGHT, MAX_HEIGHT);
    let theme = match &query.theme {
        None => Ok(Theme::Light),
        Some(name) => Theme::from_name(name).ok_or_else(|| {
            AppError::Invalid(vec![app::model::FieldError::new(
                "theme",
                "must be light or dark",
            )])
        }),
    };
    let mut errors = Vec::new();
    for result in [&width, &height] {
        if let Err(AppError::Invalid(e)) = result {
            errors.extend(e.iter().cloned());
        }
    }
    if let Err(AppError::Invalid(e)) = &theme {
        errors.extend(e.iter().cloned());
    }

    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(ChartRequest {
        kind,
        format,
        size: (width?, height?),
        theme: theme?,
    })
}

/// The analysis a chart needs: the Monte Carlo only for the charts that show it.
fn analysis_for(kind: ChartKind, scenario: &Scenario) -> Result<Analysis, AppError> {
    let analysis = if kind.needs_uncertainty() {
        analyze(scenario)
    } else {
        analyze_without_uncertainty(scenario)
    };
    Ok(analysis?)
}

/// Where a chart's analysis comes from: a saved revision's is cached per
/// revision (shared with the scenario JSON and the page); an unsaved
/// scenario's is computed for this chart only.
enum AnalysisSource {
    Saved { id: String, revision: u32 },
    Unsaved,
}

/// Renders off the async runtime. An unsaved scenario's analysis (which
/// anyone can send) and drawing run together on the unsaved pool; a saved
/// revision's analysis comes from the per-revision cache (computed on the
/// saved revisions' pool the first time) and its drawing waits for one of a
/// few render slots, as the charts of a saved page load several at once.
/// Either pool answers 503 when it is full.
async fn render(
    state: &AppState,
    request: &ChartRequest,
    scenario: Scenario,
    source: AnalysisSource,
    as_of: String,
) -> Result<Vec<u8>, AppError> {
    let (kind, format, size, theme) = (request.kind, request.format, request.size, request.theme);
    let draw = move |scenario: &Scenario, analysis: &Analysis| {
        let input = ChartInput {
            scenario,
            analysis,
            theme,
            as_of: &as_of,
        };
        let bytes = match format {
            Format::Png => render_png(kind, &input, size)?,
            Format::Svg => render_svg(kind, &input, size)?.into_bytes(),
        };
        Ok::<_, AppError>(bytes)
    };
    match source {
        AnalysisSource::Unsaved => {
            let work = move || draw(&scenario, &analysis_for(kind, &scenario)?);
            state.work.run(work).await??
        }
        AnalysisSource::Saved { id, revision } => {
            let analysis = state
                .analyses
                .analysis_on(&state.saved_work, &id, revision, scenario.clone())
                .await?;
            let _permit = state.renders.clone().acquire_owned().await?;
            tokio::task::spawn_blocking(move || draw(&scenario, &analysis)).await?
        }
    }
}

/// How long a browser may keep a chart.
#[derive(Clone, Copy)]
enum Caching {
    /// An unsaved scenario's: not at all.
    None,
    /// The latest revision's: a save changes it, so briefly.
    Latest,
    /// A named revision's: it never changes.
    Revision,
}

fn image_response(format: Format, bytes: Arc<Vec<u8>>, caching: Caching) -> Response {
    let content_type = match format {
        Format::Png => "image/png",
        Format::Svg => "image/svg+xml",
    };
    let mut response = bytes.as_ref().clone().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let cache_control = match caching {
        Caching::None => None,
        Caching::Latest => Some("public, max-age=60"),
        Caching::Revision => Some("public, max-age=31536000, immutable"),
    };
    if let Some(value) = cache_control {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}

/// The date part of an RFC 3339 timestamp.
fn date_of(timestamp: &str) -> String {
    timestamp.chars().take(10).collect()
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/chart/{file}", tag = "charts",
    params(("id" = String, Path, description = "Scenario id"),
           ("file" = String, Path, description = "amortization|per_query|totals|uncertainty|sensitivity followed by .png or .svg"),
           ChartQuery, RevisionQuery),
    responses(
        (status = 503, description = "A new revision's first analysis: every worker of the saved revisions' pool busy and its queue full (see Retry-After)", body = crate::error::ErrorBody),
        (status = 200, description = "The chart", content_type = "image/png"),
        (status = 429, description = "Too many requests from this client (see Retry-After)", body = crate::error::ErrorBody),
        (status = 400, description = "Malformed query string (a parameter given twice)", body = crate::error::ErrorBody),
        (status = 404, description = "No such scenario, revision or chart kind", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
        (status = 422, description = "Size, theme or revision out of bounds", body = crate::error::ValidationErrors),
    ))]
pub async fn saved_chart(
    State(state): State<AppState>,
    Path((id, file)): Path<(String, String)>,
    Query(query): Query<ChartQuery>,
    Query(revision): Query<RevisionQuery>,
) -> Result<Response, AppError> {
    let (request, revision) = (parse_request(&file, &query), parse_revision(&revision));
    let (request, revision) = match (request, revision) {
        (Ok(request), Ok(revision)) => (request, revision),
        (Err(AppError::Invalid(mut errors)), Err(AppError::Invalid(more))) => {
            errors.extend(more);
            return Err(AppError::Invalid(errors));
        }
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let stored = state.db.scenario_revision(&id, revision).await?;
    let caching = if revision.is_some() {
        Caching::Revision
    } else {
        Caching::Latest
    };
    let key = ChartKey {
        scenario: id,
        revision: stored.revision,
        kind: request.kind,
        size: request.size,
        theme: request.theme.name(),
        format: if request.format == Format::Png {
            "png"
        } else {
            "svg"
        },
    };
    if let Some(bytes) = state.charts.get(&key) {
        return Ok(image_response(request.format, bytes, caching));
    }
    let scenario = read_stored_scenario(&stored.scenario_json).map_err(AppError::Stored)?;
    let bytes = Arc::new(
        render(
            &state,
            &request,
            scenario,
            AnalysisSource::Saved {
                id: stored.id.clone(),
                revision: stored.revision,
            },
            date_of(&stored.revision_created_at),
        )
        .await?,
    );
    state.charts.put(key, bytes.clone());
    Ok(image_response(request.format, bytes, caching))
}

#[utoipa::path(post, path = "/api/v1/chart/{file}", tag = "charts",
    params(("file" = String, Path, description = "amortization|per_query|totals|uncertainty|sensitivity followed by .png or .svg"), ChartQuery),
    request_body(content = Scenario, description = "The scenario, as JSON, or as a form field `scenario`"),
    responses(
        (status = 200, description = "The chart", content_type = "image/png"),
        (status = 429, description = "Too many requests from this client (see Retry-After)", body = crate::error::ErrorBody),
        (status = 503, description = "Every chart worker busy and the queue full (see Retry-After)", body = crate::error::ErrorBody),
        (status = 400, description = "Malformed JSON or query string", body = crate::error::ErrorBody),
        (status = 403, description = "Cross-site request refused", body = crate::error::ErrorBody),
        (status = 404, description = "No such chart kind", body = crate::error::ErrorBody),
        (status = 422, description = "Invalid scenario, size or theme", body = crate::error::ValidationErrors),
    ))]
pub async fn unsaved_chart(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(query): Query<ChartQuery>,
    ScenarioDocument(json): ScenarioDocument,
) -> Result<Response, AppError> {
    let request = parse_request(&file, &query)?;
    let scenario = scenario_from_text(&json)?;
    let bytes = render(
        &state,
        &request,
        scenario,
        AnalysisSource::Unsaved,
        "unsaved scenario".into(),
    )
    .await?;
    let mut response = image_response(request.format, Arc::new(bytes), Caching::None);
    let extension = if request.format == Format::Png {
        "png"
    } else {
        "svg"
    };
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}.{extension}\"",
        request.kind.slug()
    )) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/curves.csv", tag = "charts",
    params(("id" = String, Path, description = "Scenario id")),
    responses(
        (status = 503, description = "A new revision's first analysis: every worker of the saved revisions' pool busy and its queue full (see Retry-After)", body = crate::error::ErrorBody),
        (status = 200, description = "month, each approach's cumulative cost (and P10/P50/P90 when ranged)", content_type = "text/csv"),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn curves_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    saved_csv(state, id, "curves", curves_to_csv).await
}

#[utoipa::path(get, path = "/api/v1/scenarios/{id}/breakdown.csv", tag = "charts",
    params(("id" = String, Path, description = "Scenario id")),
    responses(
        (status = 503, description = "A new revision's first analysis: every worker of the saved revisions' pool busy and its queue full (see Retry-After)", body = crate::error::ErrorBody),
        (status = 200, description = "approach, then its total over the horizon by category (people, data, training, evals, inference, errors, fixed, before_launch, setup) and the total", content_type = "text/csv"),
        (status = 404, description = "No such scenario", body = crate::error::ErrorBody),
        (status = 410, description = "Deleted", body = crate::error::ErrorBody),
    ))]
pub async fn breakdown_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    saved_csv(state, id, "breakdown", breakdown_to_csv).await
}

/// The latest revision's analysis as `{id}-{name}.csv`.
async fn saved_csv(
    state: AppState,
    id: String,
    name: &str,
    to_csv: fn(&Analysis) -> Result<String, csv::Error>,
) -> Result<Response, AppError> {
    let stored = state.db.scenario_revision(&id, None).await?;
    let scenario = read_stored_scenario(&stored.scenario_json).map_err(AppError::Stored)?;
    let analysis = state
        .analyses
        .analysis_on(&state.saved_work, &stored.id, stored.revision, scenario)
        .await?;
    let csv = to_csv(&analysis)?;
    let mut response = csv.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{id}-{name}.csv\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// Header row (the JSON's category names), then one row per approach.
pub fn breakdown_to_csv(analysis: &Analysis) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["approach".to_string(), "launch_month".to_string()];
    header.extend(
        CATEGORIES
            .iter()
            .map(|(label, _)| format!("{}_usd", label.to_lowercase().replace(' ', "_"))),
    );
    header.push("total_usd".into());
    writer.write_record(&header)?;
    for approach in &analysis.approaches {
        let mut row = vec![approach.id.to_string(), approach.launch_month.to_string()];
        row.extend(
            CATEGORIES
                .iter()
                .map(|(_, part)| part(&approach.breakdown_usd).to_string()),
        );
        row.push(approach.total_usd.to_string());
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Header row, then one row per month 0..=H.
pub fn curves_to_csv(analysis: &Analysis) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["month".to_string()];
    for approach in &analysis.approaches {
        header.push(format!("{}_cumulative_usd", approach.id));
        if analysis.uncertainty.is_some() {
            for p in ["p10", "p50", "p90"] {
                header.push(format!("{}_{p}_usd", approach.id));
            }
        }
    }
    writer.write_record(&header)?;
    let months = analysis
        .approaches
        .first()
        .map_or(0, |a| a.cumulative_usd.len());
    for month in 0..months {
        let mut row = vec![month.to_string()];
        for approach in &analysis.approaches {
            row.push(approach.cumulative_usd[month].to_string());
            if let Some(u) = &analysis.uncertainty {
                if let Some(curve) = u.cumulative_usd.get(&*approach.id) {
                    for series in [&curve.p10, &curve.p50, &curve.p90] {
                        row.push(series[month].to_string());
                    }
                }
            }
        }
        writer.write_record(&row)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
