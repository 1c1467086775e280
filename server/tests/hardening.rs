//! The defences of the open-internet deployment, over real HTTP: security
//! headers and the page's CSP nonce, cross-site writes refused, per-client
//! rate limits with Retry-After, request ids, and a panicking handler
//! answered 500 while the server keeps serving.

mod common;

use app::model::examples::SUPPORT_TICKET_TRIAGE;
use common::TestServer;
use reqwest::StatusCode;

fn header<'a>(response: &'a reqwest::Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .to_str()
        .unwrap()
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let server = TestServer::start().await;
    let (id, _) = server.create(SUPPORT_TICKET_TRIAGE).await;
    for path in [
        "/".to_string(),
        format!("/s/{id}"),
        format!("/api/v1/scenarios/{id}"),
        format!("/api/v1/scenarios/{id}/chart/amortization.png"),
        "/pkg/breakeven.css".to_string(),
        "/api/v1/openapi.json".to_string(),
        "/no/such/page".to_string(),
    ] {
        let response = server.client.get(server.at(&path)).send().await.unwrap();
        assert_eq!(
            header(&response, "x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(
            header(&response, "referrer-policy"),
            "no-referrer",
            "{path}"
        );
        let csp = header(&response, "content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(!header(&response, "x-request-id").is_empty(), "{path}");
        let robots = response.headers().get("x-robots-tag");
        assert_eq!(
            robots.map(|v| v.to_str().unwrap()),
            path.starts_with("/s/").then_some("noindex"),
            "{path}"
        );
    }
}

/// The nonce in the page's CSP header.
fn nonce_of(csp: &str) -> String {
    let start = csp.find("'nonce-").expect("a nonce in the CSP") + "'nonce-".len();
    csp[start..].split('\'').next().unwrap().to_string()
}

#[tokio::test]
async fn pages_allow_only_their_own_nonced_inline_scripts() {
    let server = TestServer::start().await;
    let (id, _) = server.create(SUPPORT_TICKET_TRIAGE).await;
    let mut nonces = Vec::new();
    // A saved scenario's page is rendered once, then served from the page
    // cache: the second and third views must get fresh nonces as well.
    for path in [
        "/",
        "/",
        &format!("/s/{id}"),
        &format!("/s/{id}"),
        &format!("/s/{id}"),
    ] {
        let response = server.client.get(server.at(path)).send().await.unwrap();
        let csp = header(&response, "content-security-policy").to_string();
        assert!(
            csp.starts_with("default-src 'self'; script-src 'self' 'nonce-"),
            "{csp}"
        );
        assert!(
            csp.contains("'wasm-unsafe-eval'")
                && csp.contains("object-src 'none'")
                && csp.contains("base-uri 'none'")
        );
        let nonce = nonce_of(&csp);
        assert!(nonce.len() >= 16, "{nonce}");
        let html = response.text().await.unwrap();
        // every inline script carries this response's nonce
        let scripts = html.matches("<script").count();
        let nonced = html.matches(&format!("nonce=\"{nonce}\"")).count();
        assert!(scripts > 0);
        assert!(
            nonced >= scripts,
            "{nonced} of {scripts} scripts carry the nonce"
        );
        nonces.push(nonce);
    }
    let mut unique = nonces.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), nonces.len(), "a nonce is used once");
}

/// The first page is rendered once and served from the page cache after:
/// the very same page with a fresh nonce, also gzipped.
#[tokio::test]
async fn the_first_page_is_rendered_once_and_served_again() {
    let server = TestServer::start().await;
    let mut pages = Vec::new();
    for encoding in ["identity", "identity", "gzip"] {
        let response = server
            .client
            .get(server.at("/"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let nonce = nonce_of(header(&response, "content-security-policy"));
        let gzipped = response.headers().get("content-encoding").is_some();
        assert_eq!(gzipped, encoding == "gzip");
        let bytes = response.bytes().await.unwrap();
        let mut html = String::new();
        match gzipped {
            true => std::io::Read::read_to_string(
                &mut flate2::read::GzDecoder::new(&bytes[..]),
                &mut html,
            )
            .map(|_| ())
            .expect("valid gzip"),
            false => html = String::from_utf8(bytes.to_vec()).unwrap(),
        }
        assert!(html.contains("Support ticket triage"));
        pages.push(html.replace(nonce.as_str(), "NONCE"));
    }
    assert_eq!(pages[0], pages[1]);
    assert_eq!(pages[0], pages[2]);
}

#[tokio::test]
async fn cached_saved_pages_are_the_rendered_page_and_follow_saves_and_deletes() {
    let server = TestServer::start().await;
    let (id, key) = server.create(&common::named("Original plan")).await;
    let page = |id: String| {
        let (client, url) = (server.client.clone(), server.at(&format!("/s/{id}")));
        async move {
            let response = client.get(url).send().await.unwrap();
            let status = response.status();
            let nonce = response
                .headers()
                .get("content-security-policy")
                .map(|csp| nonce_of(csp.to_str().unwrap()));
            let html = response.text().await.unwrap();
            // the page with its nonce blanked out
            let html = match &nonce {
                Some(nonce) => html.replace(nonce.as_str(), "NONCE"),
                None => html,
            };
            (status, html)
        }
    };
    // rendered, then served from the cache: the same page
    let (status, rendered) = page(id.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(rendered.contains("Original plan"));
    assert_eq!(page(id.clone()).await, (StatusCode::OK, rendered.clone()));
    // gzipped for clients that accept it (compressed once, a fresh nonce in each)
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = server
            .client
            .get(server.at(&format!("/s/{id}")))
            .header("accept-encoding", "gzip, deflate, br")
            .send()
            .await
            .unwrap();
        assert_eq!(header(&response, "content-encoding"), "gzip");
        assert!(header(&response, "vary").contains("accept-encoding"));
        let nonce = nonce_of(header(&response, "content-security-policy"));
        let mut html = String::new();
        let gzipped = response.bytes().await.unwrap();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gzipped[..]), &mut html)
            .expect("valid gzip");
        assert!(
            gzipped.len() * 3 < html.len(),
            "compressed: {} of {}",
            gzipped.len(),
            html.len()
        );
        assert!(html.contains(&format!("nonce=\"{nonce}\"")));
        assert_eq!(html.replace(nonce.as_str(), "NONCE"), rendered);
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1]);
    // a save shows at once
    let saved = common::save_at(
        &server.client,
        &server.url,
        (&id, &key),
        1,
        &common::named("Renamed plan"),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let (status, after_save) = page(id.clone()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(after_save.contains("Renamed plan") && !after_save.contains("Original plan"));
    assert!(after_save.contains("chart/amortization.svg?revision=2"));
    assert_eq!(page(id.clone()).await.1, after_save);
    // a delete too
    let deleted = server
        .client
        .delete(server.at(&format!("/api/v1/scenarios/{id}")))
        .header("authorization", format!("Bearer {key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let (status, gone) = page(id.clone()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(!gone.contains("Renamed plan"));
    // unknown ids are not cached pages either
    assert_eq!(
        page("AAAAAAAAAAAAAAAAAAAAAA".into()).await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn cross_site_writes_are_refused_and_same_site_ones_accepted() {
    let server = TestServer::start().await;
    let host = server.url.trim_start_matches("http://").to_string();
    let post = |origin: Option<&str>, fetch_site: Option<&str>| {
        let mut request = server
            .client
            .post(server.at("/api/v1/scenarios"))
            .header("content-type", "application/json")
            .body(SUPPORT_TICKET_TRIAGE);
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        if let Some(site) = fetch_site {
            request = request.header("sec-fetch-site", site);
        }
        request.send()
    };
    let refused = post(Some("https://evil.example"), None).await.unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: serde_json::Value = refused.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("cross-site"));
    assert_eq!(
        post(Some("null"), None).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(None, Some("cross-site")).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let own = format!("http://{host}");
    assert_eq!(
        post(Some(&own), Some("same-origin"))
            .await
            .unwrap()
            .status(),
        StatusCode::CREATED
    );
    // scripts and curl send no Origin
    assert_eq!(
        post(None, None).await.unwrap().status(),
        StatusCode::CREATED
    );

    // the page's server functions too
    let refused = server
        .client
        .post(server.at("/api/fork_scenario"))
        .header("origin", "https://evil.example")
        .json(&serde_json::json!({ "id": "whatever" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    // and a same-site call goes through, in JSON both ways
    // (app/src/server_codec.rs): an unknown id forks to nothing
    let unknown = server
        .client
        .post(server.at("/api/fork_scenario"))
        .json(&serde_json::json!({ "id": "AAAAAAAAAAAAAAAAAAAAAA" }))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::OK);
    assert_eq!(header(&unknown, "content-type"), "application/json");
    assert_eq!(unknown.text().await.unwrap(), "null");
    // reads are never refused
    let read = server
        .client
        .get(server.at("/api/v1/openapi.json"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
}

#[tokio::test]
async fn creations_are_rate_limited_per_client_but_saves_are_not() {
    let server = TestServer::start_with(|c| {
        c.create_limit_per_minute = 3;
        c.render_limit_per_minute = 2;
    })
    .await;
    let mut created = Vec::new();
    for _ in 0..3 {
        created.push(server.create(SUPPORT_TICKET_TRIAGE).await);
    }
    let (id, key) = created[0].clone();
    for path in [
        "/api/v1/scenarios".to_string(),
        format!("/api/v1/scenarios/{id}/fork"),
    ] {
        let limited = server
            .client
            .post(server.at(&path))
            .header("content-type", "application/json")
            .body(SUPPORT_TICKET_TRIAGE)
            .send()
            .await
            .unwrap();
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
        let retry: u64 = header(&limited, "retry-after").parse().unwrap();
        assert!((1..=20).contains(&retry), "Retry-After {retry}");
        let body: serde_json::Value = limited.json().await.unwrap();
        assert!(body["error"]
            .as_str()
            .unwrap()
            .contains("too many requests"));
    }
    // saving an existing scenario is not a creation
    for base in 1..=5 {
        let saved = server
            .client
            .put(server.at(&format!("/api/v1/scenarios/{id}")))
            .header("authorization", format!("Bearer {key}"))
            .header("if-match", format!("\"{base}\""))
            .header("content-type", "application/json")
            .body(SUPPORT_TICKET_TRIAGE)
            .send()
            .await
            .unwrap();
        assert_eq!(saved.status(), StatusCode::OK);
    }
    // renders have their own budget
    let png = format!("/api/v1/scenarios/{id}/chart/totals.png");
    for expected in [
        StatusCode::OK,
        StatusCode::OK,
        StatusCode::TOO_MANY_REQUESTS,
    ] {
        let response = server.client.get(server.at(&png)).send().await.unwrap();
        assert_eq!(response.status(), expected);
    }
    // SVGs are cheap and not limited
    let svg = format!("/api/v1/scenarios/{id}/chart/totals.svg");
    assert_eq!(
        server
            .client
            .get(server.at(&svg))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

/// Creates a scenario as a request forwarded for `forwarded`: its status.
async fn create_forwarded_for(server: &TestServer, forwarded: &str) -> StatusCode {
    server
        .client
        .post(server.at("/api/v1/scenarios"))
        .header("x-forwarded-for", forwarded)
        .header("content-type", "application/json")
        .body(SUPPORT_TICKET_TRIAGE)
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
    // Untrusted: a client cannot dodge the limit by inventing X-Forwarded-For.
    let server = TestServer::start_with(|c| c.create_limit_per_minute = 1).await;
    assert_eq!(
        create_forwarded_for(&server, "203.0.113.1").await,
        StatusCode::CREATED
    );
    assert_eq!(
        create_forwarded_for(&server, "203.0.113.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );

    // Trusted loopback proxy: each forwarded client has its own budget.
    let server = TestServer::start_with(|c| {
        c.create_limit_per_minute = 1;
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    assert_eq!(
        create_forwarded_for(&server, "203.0.113.1").await,
        StatusCode::CREATED
    );
    assert_eq!(
        create_forwarded_for(&server, "198.51.100.7, 203.0.113.2").await,
        StatusCode::CREATED
    );
    assert_eq!(
        create_forwarded_for(&server, "203.0.113.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_panicking_handler_answers_500_and_the_server_keeps_serving() {
    use axum::routing::get;
    let dir = tempfile::tempdir().unwrap();
    let config = server::config::Config::for_database(&format!(
        "sqlite://{}",
        dir.path().join("t.db").display()
    ));
    let router = server::routes(&config).await.unwrap();
    let panicking: axum::Router = axum::Router::new()
        .route(
            "/boom",
            get(|| async {
                if std::hint::black_box(true) {
                    panic!("deliberate test panic");
                }
                "unreachable"
            }),
        )
        .merge(router);
    let router = server::with_layers(panicking, &config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(server::serve(
        listener,
        router,
        std::future::pending::<()>(),
    ));
    let client = reqwest::Client::new();
    for _ in 0..3 {
        let response = client.get(format!("{url}/boom")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("deliberate"),
            "the panic message leaked: {body}"
        );
    }
    let health = client.get(format!("{url}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}

#[tokio::test]
async fn analyses_of_unsaved_scenarios_are_rate_limited_per_client() {
    let server = TestServer::start_with(|c| c.analyze_limit_per_minute = 2).await;
    let post = |path: &'static str| {
        server
            .client
            .post(server.at(path))
            .header("content-type", "application/json")
            .body(SUPPORT_TICKET_TRIAGE)
            .send()
    };
    assert_eq!(
        post("/api/v1/analyze").await.unwrap().status(),
        StatusCode::OK
    );
    // an unsaved chart analyses its scenario too: the same budget
    assert_eq!(
        post("/api/v1/chart/amortization.svg")
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    for path in ["/api/v1/analyze", "/api/v1/chart/amortization.svg"] {
        let limited = post(path).await.unwrap();
        assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
        let retry: u64 = header(&limited, "retry-after").parse().unwrap();
        assert!((1..=60).contains(&retry), "Retry-After {retry}");
    }
    // reading saved scenarios is not an analysis of an unsaved one
    let (id, _) = server.create(SUPPORT_TICKET_TRIAGE).await;
    let read = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::OK);
}

/// One analysis worker and no queue: of eight analyses sent at once, the
/// first runs and those arriving while it does are told at once to come
/// back (503, Retry-After, a JSON error), never queued without bound.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn analyses_past_the_pool_are_answered_503_at_once() {
    let server = TestServer::start_with(|c| {
        c.analysis_workers = 1;
        c.analysis_queue = 0;
    })
    .await;
    let requests: Vec<_> = (0..8)
        .map(|_| {
            let request = server
                .client
                .post(server.at("/api/v1/analyze"))
                .header("content-type", "application/json")
                .body(SUPPORT_TICKET_TRIAGE);
            tokio::spawn(request.send())
        })
        .collect();
    let (mut ok, mut busy) = (0, 0);
    for request in requests {
        let response = request.await.unwrap().unwrap();
        match response.status() {
            StatusCode::OK => ok += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(header(&response, "retry-after"), "1");
                let body: serde_json::Value = response.json().await.unwrap();
                assert!(body["error"].as_str().unwrap().contains("busy"), "{body}");
                busy += 1;
            }
            other => panic!("unexpected {other}"),
        }
    }
    assert!(ok >= 1 && busy >= 1, "{ok} answered, {busy} busy");
}

/// The first analysis of a saved revision runs on the saved revisions' own
/// pool: with one worker and no queue, of new revisions' pages and JSON
/// asked for at once, some are told to come back (503, Retry-After), and
/// every one answers once asked again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn new_revisions_past_their_pool_are_answered_503_and_then_served() {
    let server = TestServer::start_with(|c| {
        c.saved_analysis_workers = 1;
        c.analysis_queue = 0;
    })
    .await;
    let mut paths = Vec::new();
    for _ in 0..6 {
        let (id, _) = server.create(SUPPORT_TICKET_TRIAGE).await;
        paths.push(format!("/s/{id}"));
        paths.push(format!("/api/v1/scenarios/{id}"));
    }
    let requests: Vec<_> = paths
        .iter()
        .map(|path| tokio::spawn(server.client.get(server.at(path)).send()))
        .collect();
    let mut busy = 0;
    for (path, request) in paths.iter().zip(requests) {
        let response = request.await.unwrap().unwrap();
        match response.status() {
            StatusCode::OK => {}
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(header(&response, "retry-after"), "1", "{path}");
                let body = response.text().await.unwrap();
                assert!(body.contains("busy"), "{path}: {body}");
                busy += 1;
            }
            other => panic!("{path}: unexpected {other}"),
        }
    }
    assert!(busy >= 1, "no request found the pool full");
    for path in &paths {
        let response = server.client.get(server.at(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path} asked again");
    }
}
