//! Security headers on every response, and the refusal of cross-site writes.
//!
//! Pages get their Content-Security-Policy (with the response's nonce) from
//! the shell as it renders; everything else gets a policy that lets nothing
//! run. Writes are accepted only from this site's own pages (or from clients
//! that send no `Origin`, such as curl and scripts): the edit key travels in a
//! header, never a cookie, but a browser must not be able to create or fork
//! scenarios on a visitor's behalf from another site either.

use crate::error::AppError;
use app::ssr::security::NON_PAGE_CSP;
use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, HOST, ORIGIN, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn headers(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let unlisted = path.starts_with("/s/") || path == "/compare";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers
        .entry(CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(NON_PAGE_CSP));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Share links carry capabilities: they must not leak through Referer.
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    if unlisted {
        headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    }
    response
}

/// The origins this server answers as: its configured public URL, if any.
/// The request's own `Host` is always accepted as well.
#[derive(Clone, Default)]
pub struct OwnOrigin {
    pub public_url: String,
}

pub async fn same_origin(State(own): State<OwnOrigin>, request: Request, next: Next) -> Response {
    let writes = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if writes && request.uri().path().starts_with("/api/") {
        if let Err(error) = check_origin(&own, &request) {
            return error.into_response();
        }
    }
    next.run(request).await
}

fn check_origin(own: &OwnOrigin, request: &Request) -> Result<(), AppError> {
    let headers = request.headers();
    // Browsers send Sec-Fetch-Site and page scripts cannot forge it. It comes
    // first because with `Referrer-Policy: no-referrer` a form post carries
    // `Origin: null` even from this site's own page.
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        Some("same-origin" | "none") => return Ok(()),
        Some(_) => return Err(AppError::CrossSite),
        None => {}
    }
    let Some(origin) = headers.get(ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().map_err(|_| AppError::CrossSite)?;
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let authority = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"));
    let same_host = !host.is_empty() && authority == Some(host);
    let public = !own.public_url.is_empty() && origin == own.public_url.trim_end_matches('/');
    if same_host || public {
        Ok(())
    } else {
        Err(AppError::CrossSite)
    }
}
