//! The first page and saved scenarios' pages, rendered once a day (per
//! revision) per process.
//!
//! `/` shows the example scenario to everyone (what a visitor changes lives
//! in the browser). `/s/{id}` depends only on the scenario's latest revision
//! (and on this process's configuration). Both also say how old the price
//! catalog is, which changes daily. Within a day they are the same for every
//! request, except for the CSP nonce, which must be new in every response. So the first view of a revision renders it through
//! Leptos as usual; the page is kept cut at its nonce, and later views join
//! the pieces around a fresh one. Every view asks the store for the latest
//! revision number, so a save shows at once. The server usually knows it
//! without a query: a SQLite file's only server because nobody else writes
//! the file, each PostgreSQL server because it hears every server's saves
//! (see `Database::connect_server`); otherwise it is one indexed row.
//! Deleted and unknown ids always go to the renderer.
//!
//! Browsers ask for compressed pages; compressing every view anew would cost
//! more than rendering did, so the cache also keeps the page compressed once
//! (`gzip`) and sends that to any client that accepts gzip.

mod gzip;

use app::ssr::cache::BoundedCache;
use app::ssr::clock::today;
use app::ssr::security::page_csp;
use app::ssr::Database;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::nonce::Nonce;
use std::sync::Arc;

/// Pages kept per process: recent revisions, tens of KB each.
const ENTRIES: usize = 128;
/// Far above any page a valid scenario renders to (the model's limits, at
/// most 8 approaches over 120 months, bound the page's size).
const MAX_PAGE_BYTES: usize = 8 << 20;

#[derive(Clone)]
pub struct PageCache {
    db: Database,
    /// By (scenario id, revision, day): pages say how old the price
    /// catalog is, so each is rendered again the next day.
    pages: BoundedCache<(String, u32, i64), Arc<Page>>,
}

impl PageCache {
    pub fn new(db: Database) -> PageCache {
        PageCache {
            db,
            pages: BoundedCache::new(ENTRIES),
        }
    }
}

/// A rendered page with its nonce cut out: `parts` joined by a nonce; and
/// the same parts compressed.
struct Page {
    headers: HeaderMap,
    parts: Vec<Bytes>,
    compressed: gzip::CompressedParts,
}

impl Page {
    /// Cuts a freshly rendered page at its nonce (named by its CSP header).
    /// Anything else (an error page, a redirect) is not a page to keep.
    async fn cut(response: Response) -> Result<(Page, String), Response> {
        let nonce = response
            .headers()
            .get(CONTENT_SECURITY_POLICY)
            .and_then(|csp| csp.to_str().ok())
            .and_then(nonce_in)
            .map(str::to_owned);
        let html = response
            .headers()
            .get(CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
        let Some(nonce) = nonce.filter(|_| html && response.status() == StatusCode::OK) else {
            return Err(response);
        };
        let (parts, body) = response.into_parts();
        let body = match axum::body::to_bytes(body, MAX_PAGE_BYTES).await {
            Ok(body) => body,
            Err(error) => {
                tracing::error!(%error, "could not read a rendered page");
                return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
            }
        };
        let mut headers = parts.headers;
        headers.remove(CONTENT_LENGTH);
        headers.remove(CONTENT_SECURITY_POLICY);
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
        let parts = split(&body, nonce.as_bytes());
        let compressed = match gzip::CompressedParts::compress(&parts) {
            Ok(compressed) => compressed,
            Err(error) => {
                tracing::error!(%error, "could not compress a rendered page");
                return Err(Page::join(headers, &parts, &nonce));
            }
        };
        let page = Page {
            headers,
            parts,
            compressed,
        };
        Ok((page, nonce))
    }

    /// The page with `nonce`, gzipped when the client accepts it.
    fn respond(&self, nonce: &str, gzipped: bool) -> Response {
        if !gzipped {
            return Page::join(self.headers.clone(), &self.parts, nonce);
        }
        let body = self.compressed.join(&self.parts, nonce.as_bytes());
        let mut response = with_headers(body, self.headers.clone(), nonce);
        response
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        response
    }

    /// `parts` joined by `nonce`, uncompressed.
    fn join(headers: HeaderMap, parts: &[Bytes], nonce: &str) -> Response {
        let length = parts.iter().map(Bytes::len).sum::<usize>() + nonce.len() * (parts.len() - 1);
        let mut body = Vec::with_capacity(length);
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        with_headers(body, headers, nonce)
    }
}

/// A page response: the stored headers and this response's CSP.
fn with_headers(body: Vec<u8>, headers: HeaderMap, nonce: &str) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.headers_mut() = headers;
    if let Ok(csp) = HeaderValue::from_str(&page_csp(nonce)) {
        response.headers_mut().insert(CONTENT_SECURITY_POLICY, csp);
    }
    response
}

/// The nonce a page's Content-Security-Policy allows scripts by.
fn nonce_in(csp: &str) -> Option<&str> {
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let length = csp[start..].find('\'')?;
    Some(&csp[start..start + length]).filter(|n| !n.is_empty())
}

/// `text` cut at every occurrence of `separator`.
fn split(text: &Bytes, separator: &[u8]) -> Vec<Bytes> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(found) = text[at..]
        .windows(separator.len())
        .position(|window| window == separator)
    {
        let end = at + found;
        parts.push(text.slice(start..end));
        start = end + separator.len();
        at = start;
    }
    parts.push(text.slice(start..));
    parts
}

/// A page the cache keeps: the first page, or a saved scenario's.
enum Cached {
    /// `/`: the example scenario, the same for every visitor of this build.
    First,
    /// `/s/{id}`.
    Saved(String),
}

/// Which cached page a request asks for (a GET without a query string).
fn cached_page(request: &Request) -> Option<Cached> {
    if request.method() != Method::GET || request.uri().query().is_some() {
        return None;
    }
    let path = request.uri().path();
    if path == "/" {
        return Some(Cached::First);
    }
    let id = path.strip_prefix("/s/")?;
    (!id.is_empty() && !id.contains('/')).then(|| Cached::Saved(id.to_owned()))
}

/// The middleware: serves `/s/{id}` from the cache when the latest revision
/// has been rendered, and keeps what the renderer makes otherwise.
pub async fn serve(State(cache): State<PageCache>, request: Request, next: Next) -> Response {
    let Some(page) = cached_page(&request) else {
        return next.run(request).await;
    };
    let gzipped = request
        .headers()
        .get(ACCEPT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .is_some_and(gzip::accepted);
    // the first page's key: no scenario has an empty id
    let key = match page {
        Cached::First => (String::new(), 0, today()),
        Cached::Saved(id) => match cache.db.latest_revision(&id).await {
            Ok(revision) => (id, revision, today()),
            Err(_) => return next.run(request).await,
        },
    };
    if let Some(page) = cache.pages.get(&key) {
        return page.respond(&Nonce::new().to_string(), gzipped);
    }
    // The renderer's page goes out through the cache as well, so the
    // compression layer leaves it alone like every cached page.
    match Page::cut(next.run(request).await).await {
        Ok((page, nonce)) => {
            let page = Arc::new(page);
            cache.pages.put(key, page.clone());
            page.respond(&nonce, gzipped)
        }
        Err(response) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::{nonce_in, split};
    use axum::body::Bytes;

    #[test]
    fn finds_the_nonce_in_a_page_policy() {
        let csp = app::ssr::security::page_csp("abc+/_-123");
        assert_eq!(nonce_in(&csp), Some("abc+/_-123"));
        assert_eq!(nonce_in(app::ssr::security::NON_PAGE_CSP), None);
        assert_eq!(nonce_in("script-src 'nonce-'"), None);
    }

    #[test]
    fn cuts_at_every_nonce_and_nowhere_else() {
        let text = Bytes::from_static(b"<script nonce=\"N1\">a</script>N<p>N1N1</p>");
        let parts = split(&text, b"N1");
        assert_eq!(parts, ["<script nonce=\"", "\">a</script>N<p>", "", "</p>"]);
        assert_eq!(parts.join(&b"N1"[..]), text.to_vec());
        assert_eq!(
            split(&Bytes::from_static(b"none here"), b"N1"),
            ["none here"]
        );
    }
}
