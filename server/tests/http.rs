//! The real server over real HTTP: health, the server-rendered page with its
//! hydration script, and the analyze endpoint's answers and errors.

mod common;

use app::model::examples::{SUPPORT_TICKET_TRIAGE, VOICE_AGENT};
use common::TestServer;
use reqwest::StatusCode;
use serde_json::Value;

#[tokio::test]
async fn health_check_reports_the_database_is_reachable() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.at("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn home_page_is_server_rendered_with_its_hydration_script() {
    let server = TestServer::start().await;
    let response = server.client.get(server.at("/")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    // The full answer for the example scenario is in the HTML before any
    // JavaScript runs.
    assert!(
        html.contains(
            "Few-shot gpt-4.1-mini (20 examples, cached) is cheapest at 2M queries/month: $84.5k over 24 months"
        ),
        "headline missing from SSR output"
    );
    assert!(
        html.contains("would pay off above 3.51M queries/month"),
        "break-even sentence missing"
    );
    assert!(html.contains("<tbody>"), "cost table missing");
    // The form is there with the example's values.
    assert!(html.contains(r#"id="scenario-name""#));
    assert!(html.contains(r#"value="Support ticket triage""#));
    assert_eq!(html.matches(r#"data-testid="approach-card""#).count(), 4);
    // every card's actions are buttons, not text (a `>` in an attribute once
    // ended the tag and turned a click handler into rendered content)
    // (`<!>` is a hydration marker: with erased components, a text child
    // may be followed by one)
    let markup = html.replace("<!>", "");
    assert_eq!(markup.matches(">Duplicate</button>").count(), 4);
    assert_eq!(markup.matches(">↓ Down</button>").count(), 4);
    // The hydration script loads the wasm bundle and calls hydrate().
    assert!(html.contains("/pkg/breakeven.js"), "no hydration script");
    assert!(
        html.contains(r#"href="/pkg/breakeven.wasm""#),
        "no wasm reference"
    );
    assert!(html.contains("mod.hydrate()"), "hydrate() is never called");
    assert!(html.contains(r#"href="/pkg/breakeven.css""#));
}

#[tokio::test]
async fn saved_scenario_page_renders_without_javascript() {
    let server = TestServer::start().await;
    let created: Value = server
        .client
        .post(server.at("/api/v1/scenarios"))
        .body(VOICE_AGENT)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["id"].as_str().unwrap();
    let response = server
        .client
        .get(server.at(&format!("/s/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Latency-bound voice agent · Breakeven"),
        "title missing"
    );
    assert!(
        html.contains("Missing the 300 ms latency target"),
        "answer missing"
    );
    assert!(
        html.contains(r#"data-testid="read-only""#),
        "a visitor without the key must see it read-only"
    );
    assert!(html.contains(r#"name="robots" content="noindex""#));
    assert!(
        !html.contains(created["edit_key"].as_str().unwrap()),
        "the edit key must never be rendered"
    );

    let response = server
        .client
        .get(server.at("/s/AAAAAAAAAAAAAAAAAAAAAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(response.text().await.unwrap().contains("No such scenario"));
}

#[tokio::test]
async fn unknown_pages_get_a_404() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.at("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn analyze_returns_the_contract_shape() {
    let server = TestServer::start().await;
    let response = server
        .client
        .post(server.at("/api/v1/analyze"))
        .header("content-type", "application/json")
        .body(SUPPORT_TICKET_TRIAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let analysis: Value = response.json().await.unwrap();
    let approaches = analysis["approaches"].as_array().unwrap();
    let ids: Vec<&str> = approaches
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["prompt", "fewshot", "rag", "ft"]);
    for approach in approaches {
        assert_eq!(approach["cumulative_usd"].as_array().unwrap().len(), 25);
        for key in [
            "per_query_usd",
            "one_time_usd",
            "monthly_usd_at_horizon",
            "total_usd",
            "amortized_usd_per_query",
        ] {
            assert!(approach[key].is_number(), "{key} is not a number");
        }
    }
    // fine-tuning's one-time cost: 240 h x $100 + 2000 x 1.5 + 8 runs x (300
    // + 200 x 0.05 eval + 8 h x $100) + 2 evals at setup x 10
    assert_eq!(approaches[3]["one_time_usd"], 35900.0);
    assert_eq!(analysis["pairs"].as_array().unwrap().len(), 6);
    assert_eq!(analysis["cheapest"]["approach"], "fewshot");
    let uncertainty = &analysis["uncertainty"];
    assert_eq!(uncertainty["samples"], 10000);
    let p_sum: f64 = uncertainty["p_cheapest"]
        .as_object()
        .unwrap()
        .values()
        .map(|p| p.as_f64().unwrap())
        .sum();
    assert!((p_sum - 1.0).abs() < 1e-9);
}

#[tokio::test]
async fn analyze_reports_latency_misses() {
    let server = TestServer::start().await;
    let analysis: Value = server
        .client
        .post(server.at("/api/v1/analyze"))
        .body(VOICE_AGENT)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        analysis["latency_misses"],
        serde_json::json!(["api", "nano_ft"])
    );
}

#[tokio::test]
async fn analyze_refuses_bad_input_with_json_errors() {
    let server = TestServer::start().await;
    let post = |body: String| {
        server
            .client
            .post(server.at("/api/v1/analyze"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };

    let response = post("{\"name\": ".into()).await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"]
        .as_str()
        .unwrap()
        .starts_with("malformed JSON"));

    let invalid = SUPPORT_TICKET_TRIAGE.replace("\"accuracy\": 0.94", "\"accuracy\": 1.5");
    let response = post(invalid).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["path"], "approaches[3].quality.accuracy");
    assert_eq!(body["errors"][0]["message"], "must be between 0 and 1");

    let wrong_type = SUPPORT_TICKET_TRIAGE.replace(
        "\"horizon_months\": 24",
        "\"horizon_months\": \"two years\"",
    );
    let response = post(wrong_type).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["path"], "horizon_months");

    let huge = format!("{{\"name\": \"{}\"}}", "x".repeat(300 * 1024));
    let response = post(huge).await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = response.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("larger than"));

    let response = post(String::from_utf8_lossy(&[0xff, 0xfe]).into_owned())
        .await
        .unwrap();
    assert!(response.status().is_client_error());
}

/// The price catalog the pickers fetch: the checked-in file, cacheable, with
/// an entity tag that answers 304 while nothing changed.
#[tokio::test]
async fn the_price_catalog_is_served_with_an_entity_tag() {
    let server = TestServer::start().await;
    let response = server
        .client
        .get(server.at("/api/v1/catalog"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"].to_str().unwrap(),
        "application/json"
    );
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let body = response.text().await.unwrap();
    let catalog = app::catalog::Catalog::parse(&body).expect("a valid catalog");
    assert_eq!(
        catalog.version.as_deref(),
        Some(app::catalog::current::VERSION)
    );
    assert!(catalog.models.len() >= 60);
    let again = server
        .client
        .get(server.at("/api/v1/catalog"))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.bytes().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_measure_page_ranks_what_to_measure_next_as_the_analysis_does() {
    use app::format::{escape_html, money_compact};
    use app::model::examples::{example, SUPPORT_TICKET_TRIAGE};
    let server = TestServer::start().await;
    // the answer links here with the scenario as it stands
    let triage = example(SUPPORT_TICKET_TRIAGE);
    let home = server.client.get(server.at("/")).send().await.unwrap();
    let link = app::share::measure_link(&triage);
    assert!(home.text().await.unwrap().contains(&escape_html(&link)));
    // unsure what few-shot (cheapest at the point values) costs to build:
    // up to $100k, when fine-tuning would win
    let mut scenario = triage.clone();
    let cheapest = app::model::analyze(&scenario).unwrap().cheapest.approach;
    (scenario.approaches.iter_mut())
        .find(|a| *a.id == *cheapest)
        .unwrap()
        .ranges
        .insert("setup_usd".into(), [0.0, 100_000.0]);
    let analysis = app::model::analyze(&scenario).unwrap();
    let voi = (analysis.uncertainty.as_ref())
        .and_then(|u| u.value_of_information.clone())
        .unwrap();
    assert!(
        voi.evpi_usd > 0.0,
        "the example has something worth measuring"
    );
    let link = app::share::measure_link(&scenario);

    let response = server.client.get(server.at(&link)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    let first = app::ssr::memo::measure_first(&voi, &analysis, &scenario.currency);
    assert!(html.contains(&escape_html(&first)), "{first}");
    assert!(html.contains(&money_compact(voi.evpi_usd, &scenario.currency)));
    // one row per ranged input, in the analysis's order, with its worth
    let table = html.split(r#"data-testid="measure-table""#).nth(1).unwrap();
    assert_eq!(
        table.matches("<tr><th scope=\"row\">").count(),
        voi.inputs.len()
    );
    let mut at = 0;
    for input in &voi.inputs {
        let worth = if input.evppi_usd > 0.0 {
            money_compact(input.evppi_usd, &scenario.currency)
        } else {
            escape_html("won't change the decision")
        };
        let label = app::model::inputs::short_label_of(&input.field);
        let found = table[at..].find(&escape_html(label)).expect(label);
        at += found;
        assert!(
            table[at..].split("</tr>").next().unwrap().contains(&worth),
            "{label}: {worth}"
        );
    }
    // the chart, in both themes; the method, with its bins
    assert_eq!(
        html.matches("Worth knowing before deciding (USD)").count(),
        2
    );
    assert!(html.contains(&format!("into {} equal-count bins", voi.bins)));
    // never hydrated: no wasm on this page
    assert!(!html.contains("/pkg/breakeven.wasm"));

    // a damaged link, and none: a clear message and a 4xx, never a 500
    let damaged = server
        .client
        .get(server.at("/measure?scenario=%%%"))
        .send()
        .await
        .unwrap();
    assert_eq!(damaged.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(damaged
        .text()
        .await
        .unwrap()
        .contains("the link is damaged"));
    let mut invalid = scenario.clone();
    invalid.horizon_months = 0;
    let response = server
        .client
        .get(server.at(&app::share::measure_link(&invalid)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.text().await.unwrap().contains("horizon_months"));
    let none = server
        .client
        .get(server.at("/measure"))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), StatusCode::BAD_REQUEST);
}
