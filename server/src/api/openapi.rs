//! GET /api/v1/openapi.json: generated from the handlers and the model types.

use super::{analyze, catalog, charts, field_rules, scenarios};
use crate::error::{ConflictBody, ErrorBody, ValidationErrors};
use app::ssr::AppState;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::Value;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Breakeven API",
        description = "Cost model, saved scenarios and exports of Breakeven."
    ),
    paths(
        analyze::analyze_scenario,
        scenarios::create,
        scenarios::import,
        scenarios::latest,
        scenarios::revisions,
        scenarios::revision,
        scenarios::save,
        scenarios::fork,
        scenarios::delete,
        scenarios::export,
        scenarios::memo,
        charts::saved_chart,
        charts::unsaved_chart,
        charts::curves_csv,
        charts::breakdown_csv,
        catalog::price_catalog,
    ),
    components(schemas(ErrorBody, ValidationErrors, ConflictBody))
)]
pub struct ApiDoc;

/// The document as served. utoipa 5.5 writes a link's `operationId` as
/// `operation_id`; the OpenAPI spec (and every tool reading links) wants the
/// camel-case name, so the links are mended here.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or(Value::Null);
    mend_links(&mut doc);
    field_rules::apply(&mut doc);
    doc
}

fn mend_links(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(links)) = map.get_mut("links") {
                for link in links.values_mut() {
                    if let Some(link) = link.as_object_mut() {
                        if let Some(id) = link.remove("operation_id") {
                            link.insert("operationId".into(), id);
                        }
                    }
                }
            }
            map.values_mut().for_each(mend_links);
        }
        Value::Array(items) => items.iter_mut().for_each(mend_links),
        _ => {}
    }
}

pub fn router() -> Router<AppState> {
    // Built once: the document never changes while the server runs.
    let doc = std::sync::Arc::new(document());
    Router::new().route(
        "/api/v1/openapi.json",
        get(move || {
            let doc = doc.clone();
            async move { Json(doc.as_ref().clone()) }
        }),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_name_their_operation_in_camel_case() {
        let doc = super::document().to_string();
        assert!(doc.contains("\"operationId\":\"latest\""), "{doc}");
        assert!(!doc.contains("operation_id"));
    }
}
