//! GET /api/v1/catalog: the built-in price catalog (models with providers,
//! batch, cache and training prices, GPU and throughput presets, each with a
//! source and date), fetched by the page when a model picker opens.

use app::ssr::catalog::{catalog_etag, CATALOG_JSON};
use app::ssr::AppState;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/catalog", get(price_catalog))
}

#[utoipa::path(get, path = "/api/v1/catalog", tag = "catalog",
    responses(
        (status = 200, description = "The built-in price catalog: `name`, `version` (the LiteLLM release it was generated from), `as_of`, `source`, `models` (id, label, provider, use, USD per 1M input, cached input, cache write, output, batch input and output, training tokens; fine_tunable, base, retires, source, as_of), `gpus`, `throughput` and `no_fine_tuning`", content_type = "application/json"),
        (status = 304, description = "Unchanged since the entity tag in If-None-Match"),
    ))]
pub async fn price_catalog(headers: HeaderMap) -> Response {
    let etag = catalog_etag();
    let mut response = match headers.get(IF_NONE_MATCH) {
        Some(tags) if tags.as_bytes() == etag.as_bytes() => {
            StatusCode::NOT_MODIFIED.into_response()
        }
        _ => {
            let mut response = CATALOG_JSON.into_response();
            response
                .headers_mut()
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            response
        }
    };
    let headers = response.headers_mut();
    // An hour fresh, then revalidated: a new server's prices show within the hour.
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    headers.insert(ETAG, HeaderValue::from_static(etag));
    response
}
