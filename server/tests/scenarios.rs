//! The saved-scenario API over real HTTP: every endpoint and status code and
//! racing saves, each against a real SQLite file and (under `make test`) a
//! real PostgreSQL database; and the OpenAPI document.

mod common;

use app::model::examples::{INTERNAL_TOOL, SUPPORT_TICKET_TRIAGE};
use common::{named, race_saves, revision_numbers, TestDatabase, TestServer};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;

async fn create(server: &TestServer, body: &str) -> Value {
    let response = server
        .client
        .post(server.at("/api/v1/scenarios"))
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let created: Value = response.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/scenarios/{}", created["id"].as_str().unwrap())
    );
    created
}

async fn put(
    server: &TestServer,
    id: &str,
    key: Option<&str>,
    if_match: Option<&str>,
    body: &str,
) -> reqwest::Response {
    let mut request = server
        .client
        .put(server.at(&format!("/api/v1/scenarios/{id}")))
        .body(body.to_string());
    if let Some(key) = key {
        request = request.header("authorization", format!("Bearer {key}"));
    }
    if let Some(if_match) = if_match {
        request = request.header("if-match", if_match);
    }
    request.send().await.unwrap()
}

async fn error_of(response: reqwest::Response) -> String {
    let body: Value = response.json().await.unwrap();
    body["error"].as_str().expect("JSON error body").to_string()
}

#[tokio::test]
async fn create_read_and_list_revisions() {
    for database in TestDatabase::every().await {
        let server = TestServer::start_on(database).await;
        let created = create(&server, SUPPORT_TICKET_TRIAGE).await;
        let id = created["id"].as_str().unwrap();
        assert_eq!(id.len(), 22, "128 bits in base64url");
        assert_eq!(
            created["edit_key"].as_str().unwrap().len(),
            43,
            "256 bits in base64url"
        );
        assert_eq!(created["revision"], 1);
        assert_eq!(created["url"], format!("/s/{id}"));

        let response = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["etag"], "\"1\"");
        let text = response.text().await.unwrap();
        // the scenario comes back exactly as it was sent, whitespace and all
        assert!(
            text.contains(SUPPORT_TICKET_TRIAGE.trim()),
            "scenario not returned as given"
        );
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body["id"], id);
        assert_eq!(body["revision"], 1);
        assert_eq!(body["forked_from"], Value::Null);
        assert!(body["created_at"].as_str().unwrap().ends_with('Z'));
        assert_eq!(body["analysis"]["cheapest"]["approach"], "fewshot");

        let key = created["edit_key"].as_str().unwrap();
        let response = put(&server, id, Some(key), Some("\"1\""), INTERNAL_TOOL).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.json::<Value>().await.unwrap()["revision"], 2);

        let list: Value = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}/revisions")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let numbers: Vec<u64> = list["revisions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["revision"].as_u64().unwrap())
            .collect();
        assert_eq!(numbers, [1, 2]);

        // revision 1 is still there, unchanged
        let first: Value = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}/revisions/1")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(first["scenario"]["name"], "Support ticket triage");
        assert_eq!(first["latest_revision"], 2);
        let latest: Value = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(latest["scenario"]["name"], "Internal policy Q&A tool");

        for (path, status) in [
            (
                format!("/api/v1/scenarios/{id}/revisions/3"),
                StatusCode::NOT_FOUND,
            ),
            (
                format!("/api/v1/scenarios/{id}/revisions/two"),
                StatusCode::BAD_REQUEST,
            ),
            (
                "/api/v1/scenarios/AAAAAAAAAAAAAAAAAAAAAA".to_string(),
                StatusCode::NOT_FOUND,
            ),
            (
                "/api/v1/scenarios/not-an-id".to_string(),
                StatusCode::NOT_FOUND,
            ),
            (
                "/api/v1/scenarios/AAAAAAAAAAAAAAAAAAAAAA/revisions".to_string(),
                StatusCode::NOT_FOUND,
            ),
        ] {
            let response = server.client.get(server.at(&path)).send().await.unwrap();
            assert_eq!(response.status(), status, "{path}");
            assert!(!error_of(response).await.is_empty());
        }
    }
}

#[tokio::test]
async fn saves_need_the_key_and_the_latest_revision() {
    for database in TestDatabase::every().await {
        let server = TestServer::start_on(database).await;
        let created = create(&server, &named("v1")).await;
        let id = created["id"].as_str().unwrap();
        let key = created["edit_key"].as_str().unwrap();

        let response = put(&server, id, None, Some("\"1\""), &named("x")).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(error_of(response).await.contains("Bearer"));

        let wrong = "A".repeat(43);
        let response = put(&server, id, Some(&wrong), Some("\"1\""), &named("x")).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);

        let response = put(&server, id, Some(key), None, &named("x")).await;
        assert_eq!(response.status(), StatusCode::PRECONDITION_REQUIRED);

        let response = put(&server, id, Some(key), Some("\"one\""), &named("x")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);

        let response = put(
            &server,
            "AAAAAAAAAAAAAAAAAAAAAA",
            Some(key),
            Some("\"1\""),
            &named("x"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);

        let invalid = named("x").replace("\"horizon_months\":12", "\"horizon_months\":0");
        let response = put(&server, id, Some(key), Some("\"1\""), &invalid).await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "horizon_months");

        let response = put(&server, id, Some(key), Some("\"1\""), "{not json").await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);

        let response = put(&server, id, Some(key), Some("\"1\""), &named("v2")).await;
        assert_eq!(response.status(), StatusCode::OK);

        // a second save based on revision 1 is stale: 409 names the latest revision
        let response = put(&server, id, Some(key), Some("\"1\""), &named("lost?")).await;
        assert_eq!(response.status(), StatusCode::CONFLICT);
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["current_revision"], 2);
        assert!(body["error"].as_str().unwrap().contains("revision is 2"));

        let latest: Value = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            latest["scenario"]["name"], "v2",
            "the stale save must not overwrite"
        );
    }
}

#[tokio::test]
async fn forks_are_independent_and_deletes_are_final() {
    for database in TestDatabase::every().await {
        let server = TestServer::start_on(database).await;
        let created = create(&server, &named("original")).await;
        let id = created["id"].as_str().unwrap();
        let key = created["edit_key"].as_str().unwrap();

        let response = server
            .client
            .post(server.at(&format!("/api/v1/scenarios/{id}/fork")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let fork: Value = response.json().await.unwrap();
        let fork_id = fork["id"].as_str().unwrap();
        let fork_key = fork["edit_key"].as_str().unwrap();
        assert_ne!(fork_id, id);
        let fork_body: Value = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{fork_id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(fork_body["forked_from"], id);
        assert_eq!(fork_body["scenario"]["name"], "original");

        // each key opens only its own scenario
        assert_eq!(
            put(&server, fork_id, Some(key), Some("\"1\""), &named("x"))
                .await
                .status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            put(
                &server,
                fork_id,
                Some(fork_key),
                Some("\"1\""),
                &named("forked")
            )
            .await
            .status(),
            StatusCode::OK
        );
        let original: Value = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(original["scenario"]["name"], "original");

        let delete = |key: Option<String>| {
            let mut request = server
                .client
                .delete(server.at(&format!("/api/v1/scenarios/{id}")));
            if let Some(key) = key {
                request = request.header("authorization", format!("Bearer {key}"));
            }
            request.send()
        };
        assert_eq!(
            delete(None).await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(
            delete(Some(fork_key.to_string())).await.unwrap().status(),
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            delete(Some(key.to_string())).await.unwrap().status(),
            StatusCode::NO_CONTENT
        );
        for path in [
            format!("/api/v1/scenarios/{id}"),
            format!("/api/v1/scenarios/{id}/revisions"),
            format!("/api/v1/scenarios/{id}/export.json"),
        ] {
            assert_eq!(
                server
                    .client
                    .get(server.at(&path))
                    .send()
                    .await
                    .unwrap()
                    .status(),
                StatusCode::GONE,
                "{path}"
            );
        }
        assert_eq!(
            put(&server, id, Some(key), Some("\"1\""), &named("x"))
                .await
                .status(),
            StatusCode::GONE
        );
        assert_eq!(
            delete(Some(key.to_string())).await.unwrap().status(),
            StatusCode::GONE
        );
        // the fork lives on
        assert_eq!(
            server
                .client
                .get(server.at(&format!("/api/v1/scenarios/{fork_id}")))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
    }
}

/// The memo of a revision states that revision's analysis, links charts
/// that load, and refuses what the other revision endpoints refuse.
#[tokio::test]
async fn the_memo_of_a_revision_states_its_analysis() {
    let server = TestServer::start().await;
    let created = create(&server, SUPPORT_TICKET_TRIAGE).await;
    let (id, key) = (
        created["id"].as_str().unwrap(),
        created["edit_key"].as_str().unwrap(),
    );
    assert_eq!(
        put(&server, id, Some(key), Some("\"1\""), &named("second"))
            .await
            .status(),
        StatusCode::OK
    );
    let get = |path: String| {
        let request = server.client.get(server.at(&path));
        async move { request.send().await.unwrap() }
    };
    let response = get(format!("/api/v1/scenarios/{id}/memo.md?revision=1")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/markdown; charset=utf-8"
    );
    let memo = response.text().await.unwrap();
    let saved: Value = get(format!("/api/v1/scenarios/{id}/revisions/1"))
        .await
        .json()
        .await
        .unwrap();
    let analysis: app::model::Analysis = serde_json::from_value(saved["analysis"].clone()).unwrap();
    assert!(memo.starts_with("# Support ticket triage"), "{memo}");
    for approach in &analysis.approaches {
        let total = app::format::money(approach.total_usd, "USD");
        assert!(
            memo.contains(&format!("| {total} |")),
            "{total} missing:\n{memo}"
        );
    }
    let voi = analysis.uncertainty.unwrap().value_of_information.unwrap();
    assert!(
        memo.contains(&format!(
            "knowing everything, {}",
            app::format::money_compact(voi.evpi_usd, "USD")
        )),
        "{memo}"
    );
    let worthless = memo.matches("| won't change the decision |").count();
    let zero = voi.inputs.iter().filter(|i| i.evppi_usd == 0.0).count();
    assert_eq!((worthless, voi.inputs.len()), (zero, 3), "{memo}");
    // the charts are absolute links to this server, and they load
    let chart = memo
        .lines()
        .find_map(|line| line.strip_prefix("![Cumulative cost by month]("))
        .and_then(|rest| rest.strip_suffix(')'))
        .expect("the cumulative chart is linked");
    assert_eq!(
        chart,
        server.at(&format!(
            "/api/v1/scenarios/{id}/chart/amortization.png?revision=1"
        ))
    );
    let image = server.client.get(chart).send().await.unwrap();
    assert_eq!(image.status(), StatusCode::OK);
    assert_eq!(image.headers()["content-type"], "image/png");
    // the latest revision is the default
    let latest = get(format!("/api/v1/scenarios/{id}/memo.md"))
        .await
        .text()
        .await
        .unwrap();
    assert!(latest.starts_with("# second\n"), "{latest}");
    for (path, status) in [
        (
            format!("/api/v1/scenarios/{id}/memo.md?revision=0"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            format!("/api/v1/scenarios/{id}/memo.md?revision=3"),
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/v1/scenarios/nope/memo.md".to_string(),
            StatusCode::NOT_FOUND,
        ),
    ] {
        assert_eq!(get(path.clone()).await.status(), status, "{path}");
    }
}

#[tokio::test]
async fn export_and_import_round_trip_the_file() {
    for database in TestDatabase::every().await {
        let server = TestServer::start_on(database).await;
        let created = create(&server, SUPPORT_TICKET_TRIAGE).await;
        let id = created["id"].as_str().unwrap();
        let response = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}/export.json")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/json");
        assert_eq!(
            response.headers()["content-disposition"],
            "attachment; filename=\"support-ticket-triage.json\""
        );
        let file = response.text().await.unwrap();
        assert_eq!(file, SUPPORT_TICKET_TRIAGE);

        let response = server
            .client
            .post(server.at("/api/v1/scenarios/import"))
            .body(file.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let imported: Value = response.json().await.unwrap();
        let copy = server
            .client
            .get(server.at(&format!(
                "/api/v1/scenarios/{}/export.json",
                imported["id"].as_str().unwrap()
            )))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(copy, file);

        let response = server
            .client
            .post(server.at("/api/v1/scenarios/import"))
            .body("[1,2,3]")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let huge = format!("{{\"name\":\"{}\"}}", "x".repeat(257 * 1024));
        let response = server
            .client
            .post(server.at("/api/v1/scenarios"))
            .body(huge)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    }
}

#[tokio::test]
async fn openapi_document_describes_every_endpoint_and_schema() {
    let server = TestServer::start().await;
    let doc: Value = server
        .client
        .get(server.at("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let expected = [
        ("/api/v1/analyze", "post"),
        ("/api/v1/scenarios", "post"),
        ("/api/v1/scenarios/import", "post"),
        ("/api/v1/scenarios/{id}", "get"),
        ("/api/v1/scenarios/{id}", "put"),
        ("/api/v1/scenarios/{id}", "delete"),
        ("/api/v1/scenarios/{id}/revisions", "get"),
        ("/api/v1/scenarios/{id}/revisions/{n}", "get"),
        ("/api/v1/scenarios/{id}/fork", "post"),
        ("/api/v1/scenarios/{id}/export.json", "get"),
        ("/api/v1/scenarios/{id}/memo.md", "get"),
    ];
    for (path, method) in expected {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing"
        );
    }
    let schemas = &doc["components"]["schemas"];
    let scenario_fields: BTreeSet<&str> = schemas["Scenario"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for field in [
        "name",
        "currency",
        "horizon_months",
        "cost_basis",
        "volume",
        "approaches",
    ] {
        assert!(scenario_fields.contains(field), "Scenario.{field} missing");
    }
    let analysis_fields: BTreeSet<&str> = schemas["Analysis"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for field in [
        "approaches",
        "pairs",
        "cheapest_by_volume",
        "cheapest",
        "latency_misses",
        "uncertainty",
    ] {
        assert!(analysis_fields.contains(field), "Analysis.{field} missing");
    }
    let put = &doc["paths"]["/api/v1/scenarios/{id}"]["put"]["responses"];
    for status in ["200", "401", "403", "404", "409", "422"] {
        assert!(
            put[status].is_object(),
            "PUT response {status} undocumented"
        );
    }
}

/// 32 clients save 200 revisions each, four of them racing on each of eight
/// scenarios: every acknowledged save is present, numbered without gaps, and
/// every 409 names a newer revision than the one the client edited.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_saves_lose_nothing() {
    const SCENARIOS: usize = 8;
    const CLIENTS_PER_SCENARIO: usize = 4;
    const SAVES_PER_CLIENT: usize = 200;
    for database in TestDatabase::every().await {
        let server = std::sync::Arc::new(TestServer::start_on(database).await);
        let mut scenarios = Vec::new();
        for i in 0..SCENARIOS {
            let created = create(&server, &named(&format!("s{i}"))).await;
            scenarios.push((
                created["id"].as_str().unwrap().to_string(),
                created["edit_key"].as_str().unwrap().to_string(),
            ));
        }
        let mut tasks = Vec::new();
        for (s, (id, key)) in scenarios.iter().enumerate() {
            for c in 0..CLIENTS_PER_SCENARIO {
                let (server, id, key) = (server.clone(), id.clone(), key.clone());
                tasks.push(tokio::spawn(async move {
                    let outcome = race_saves(
                        &server.client,
                        &server.url,
                        (&id, &key),
                        &format!("s{s}-c{c}"),
                        |_, won| won < SAVES_PER_CLIENT,
                    )
                    .await;
                    (s, outcome.won, outcome.conflicts)
                }));
            }
        }
        let mut by_scenario: Vec<Vec<(u64, String)>> = vec![Vec::new(); SCENARIOS];
        let mut total_conflicts = 0;
        for task in tasks {
            let (s, acknowledged, conflicts) = task.await.unwrap();
            by_scenario[s].extend(acknowledged);
            total_conflicts += conflicts;
        }
        assert!(total_conflicts > 0, "the clients never raced");
        for (s, (id, _)) in scenarios.iter().enumerate() {
            let numbers = revision_numbers(&server.client, &server.url, id).await;
            let expected: Vec<u64> =
                (1..=(1 + CLIENTS_PER_SCENARIO * SAVES_PER_CLIENT) as u64).collect();
            assert_eq!(numbers, expected, "gaps or duplicates in scenario {s}");
            // every acknowledged save of the first scenario (and a sample of the
            // others) holds exactly what its client sent
            let step = if s == 0 { 1 } else { 37 };
            for (revision, name) in by_scenario[s].iter().step_by(step) {
                let body: Value = server
                    .client
                    .get(server.at(&format!("/api/v1/scenarios/{id}/revisions/{revision}")))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                assert_eq!(&body["scenario"]["name"], name);
            }
        }
    }
}

/// A scenario saved before a rule tightened (GPU utilization below 1% was
/// accepted until 2026-11-29) still opens: its JSON comes back unchanged and
/// the answer names the rule it now breaks, instead of a 500.
#[tokio::test]
async fn a_scenario_saved_under_looser_rules_opens_and_names_the_rule() {
    use sqlx::Connection;
    let server = TestServer::start().await;
    let voice_agent = app::model::examples::VOICE_AGENT;
    let (id, _key) = server.create(voice_agent).await;
    let mut old: Value = serde_json::from_str(voice_agent).unwrap();
    let approaches = old["approaches"].as_array_mut().unwrap();
    let hosted = approaches
        .iter_mut()
        .find(|a| a.get("self_hosted").is_some())
        .expect("the example self-hosts");
    hosted["self_hosted"]["utilization"] = serde_json::json!(0.005);
    let mut db = sqlx::SqliteConnection::connect(&server.database_url())
        .await
        .unwrap();
    sqlx::query("UPDATE revisions SET scenario_json = ? WHERE scenario_id = ?")
        .bind(old.to_string())
        .bind(&id)
        .execute(&mut db)
        .await
        .unwrap();
    let (status, body) = server.get_json(&format!("/api/v1/scenarios/{id}")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body.to_string().contains("self_hosted.utilization"),
        "the error names the field: {body}"
    );
    let page = server
        .client
        .get(server.at(&format!("/s/{id}")))
        .send()
        .await
        .unwrap();
    // the page opens with the saved scenario and the broken rule in words
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Latency-bound voice agent"),
        "the saved scenario"
    );
    assert!(
        html.contains("must be between 0.01 and 1"),
        "the rule it breaks"
    );
}
