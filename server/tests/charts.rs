//! Chart exports over real HTTP: PNG decodes at the requested size and is
//! not blank, SVG parses and carries user text as text, bounds give JSON
//! errors, CSV rows match the analysis, and shared links carry preview tags.

mod common;

use app::model::examples::{SUPPORT_TICKET_TRIAGE, VOICE_AGENT};
use common::TestServer;
use reqwest::StatusCode;
use serde_json::Value;

/// Every chart kind, by its slug in export URLs.
const KINDS: [&str; 6] = [
    "amortization",
    "breakdown",
    "per_query",
    "totals",
    "uncertainty",
    "sensitivity",
];

async fn create(server: &TestServer, body: &str) -> String {
    let created: Value = server
        .client
        .post(server.at("/api/v1/scenarios"))
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    created["id"].as_str().unwrap().to_string()
}

fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    pixels.truncate(info.buffer_size());
    (info.width, info.height, pixels)
}

fn distinct_colors(pixels: &[u8]) -> usize {
    let mut colors: Vec<[u8; 3]> = pixels.chunks_exact(3).map(|p| [p[0], p[1], p[2]]).collect();
    colors.sort_unstable();
    colors.dedup();
    colors.len()
}

#[tokio::test]
async fn every_chart_kind_renders_as_png_at_the_requested_size() {
    let server = TestServer::start().await;
    let id = create(&server, VOICE_AGENT).await;
    for kind in KINDS {
        let response = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}/chart/{kind}.png")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{kind}");
        assert_eq!(response.headers()["content-type"], "image/png");
        let (width, height, pixels) = decode_png(&response.bytes().await.unwrap());
        assert_eq!((width, height), (1200, 630), "{kind}");
        // lines, text and bands in several colours, not a blank canvas
        assert!(distinct_colors(&pixels) > 20, "{kind} looks blank");
        let dark = pixels
            .chunks_exact(3)
            .filter(|p| p.iter().all(|c| *c < 100))
            .count();
        assert!(
            dark > 500,
            "{kind}: too little text or lines ({dark} dark pixels)"
        );
    }
    let response = server
        .client
        .get(server.at(&format!(
            "/api/v1/scenarios/{id}/chart/amortization.png?width=800&height=450&theme=dark"
        )))
        .send()
        .await
        .unwrap();
    let first = response.bytes().await.unwrap();
    let (width, height, pixels) = decode_png(&first);
    assert_eq!((width, height), (800, 450));
    assert_eq!(&pixels[0..3], &[30, 30, 35], "dark background");
    // cached: the same bytes again
    let again = server
        .client
        .get(server.at(&format!(
            "/api/v1/scenarios/{id}/chart/amortization.png?width=800&height=450&theme=dark"
        )))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(first, again);
}

#[tokio::test]
async fn bad_sizes_kinds_and_themes_get_json_errors() {
    let server = TestServer::start().await;
    let id = create(&server, SUPPORT_TICKET_TRIAGE).await;
    for (query, status) in [
        (
            "amortization.png?width=319",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "amortization.png?width=4097",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "amortization.png?height=199",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "amortization.png?height=100000000000",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "amortization.png?width=abc",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "amortization.png?theme=blue",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("pie.png", StatusCode::NOT_FOUND),
        ("amortization.gif", StatusCode::NOT_FOUND),
    ] {
        let response = server
            .client
            .get(server.at(&format!("/api/v1/scenarios/{id}/chart/{query}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{query}");
        let body: Value = response.json().await.unwrap();
        assert!(
            body.get("error").is_some() || body.get("errors").is_some(),
            "{query}: {body}"
        );
    }
    let response = server
        .client
        .get(server.at("/api/v1/scenarios/AAAAAAAAAAAAAAAAAAAAAA/chart/amortization.png"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hostile_names_are_text_in_svg_and_png() {
    let server = TestServer::start().await;
    let hostile = SUPPORT_TICKET_TRIAGE
        .replace("\"Support ticket triage\"", "\"<script>alert(1)</script>\"")
        .replace("\"Prompted gpt-4.1\"", "\"</text><image href=\\\"x\\\"/>\"");
    let id = create(&server, &hostile).await;
    let svg = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}/chart/amortization.svg")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let document = roxmltree::Document::parse(&svg).expect("the SVG is well-formed");
    let names: Vec<&str> = document
        .descendants()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert!(
        !names.contains(&"script") && !names.contains(&"image"),
        "markup injected: {names:?}"
    );
    let texts: Vec<&str> = document
        .descendants()
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("<script>alert(1)</script>")),
        "name not shown as text"
    );
    assert!(
        texts.iter().any(|t| t.contains("</text><image")),
        "label not shown as text"
    );
    // legend: one entry per approach
    for label in [
        "Few-shot gpt-4.1-mini (20 examples, cached)",
        "RAG on gpt-4.1-mini",
        "Fine-tuned gpt-4.1-mini",
    ] {
        assert!(texts.contains(&label), "legend entry {label} missing");
    }
    let polylines = document
        .descendants()
        .filter(|n| n.tag_name().name() == "polyline")
        .count();
    assert!(polylines >= 4, "one line per approach, found {polylines}");
    // the PNG of the same scenario renders too
    let response = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}/chart/amortization.png")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // and the page shows the name as text, never as a tag
    let html = server
        .client
        .get(server.at(&format!("/s/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "the name appears as markup"
    );
    assert!(
        !html.contains("</text><image"),
        "the label appears as markup"
    );
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("<title>‹script›alert(1)‹/script› · Breakeven</title>"));
}

#[tokio::test]
async fn unsaved_scenarios_render_from_json_or_a_form() {
    let server = TestServer::start().await;
    let response = server
        .client
        .post(server.at("/api/v1/chart/totals.png?width=640&height=360"))
        .body(SUPPORT_TICKET_TRIAGE)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let (width, height, _) = decode_png(&response.bytes().await.unwrap());
    assert_eq!((width, height), (640, 360));
    let form = format!("scenario={}", urlencode(SUPPORT_TICKET_TRIAGE));
    let response = server
        .client
        .post(server.at("/api/v1/chart/per_query.png"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"per_query.png\""
    );
    let response = server
        .client
        .post(server.at("/api/v1/chart/totals.png"))
        .body("{")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn curves_csv_has_a_row_per_month_matching_the_analysis() {
    let server = TestServer::start().await;
    let id = create(&server, SUPPORT_TICKET_TRIAGE).await;
    let response = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}/curves.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = response.text().await.unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 1 + 25, "header plus months 0..=24");
    assert_eq!(rows[0][0], "month");
    assert!(rows[0].contains(&"ft_cumulative_usd") && rows[0].contains(&"ft_p90_usd"));
    let analysis: Value = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let column = rows[0]
        .iter()
        .position(|h| *h == "ft_cumulative_usd")
        .unwrap();
    let expected = analysis["analysis"]["approaches"][3]["cumulative_usd"][24]
        .as_f64()
        .unwrap();
    let actual: f64 = rows[25][column].parse().unwrap();
    assert!((actual - expected).abs() < 1e-6);
}

#[tokio::test]
async fn breakdown_csv_has_a_row_per_approach_summing_to_its_total() {
    let server = TestServer::start().await;
    let id = create(&server, SUPPORT_TICKET_TRIAGE).await;
    let response = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}/breakdown.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("-breakdown.csv"));
    let text = response.text().await.unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        [
            "approach",
            "launch_month",
            "people_usd",
            "data_usd",
            "training_usd",
            "evals_usd",
            "inference_usd",
            "errors_usd",
            "fixed_usd",
            "before_launch_usd",
            "setup_usd",
            "total_usd"
        ]
    );
    assert_eq!(rows.len(), 1 + 4, "one row per approach");
    let saved: Value = server
        .client
        .get(server.at(&format!("/api/v1/scenarios/{id}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for (row, approach) in rows[1..]
        .iter()
        .zip(saved["analysis"]["approaches"].as_array().unwrap())
    {
        assert_eq!(row[0], approach["id"].as_str().unwrap());
        let parts: Vec<f64> = row[2..11].iter().map(|x| x.parse().unwrap()).collect();
        let total: f64 = row[11].parse().unwrap();
        assert_eq!(total, approach["total_usd"].as_f64().unwrap());
        let sum: f64 = parts.iter().sum();
        assert!((sum - total).abs() <= 1e-9 * total, "{row:?}");
        // each column is the JSON's category of the same name
        let people = approach["breakdown_usd"]["people"].as_f64().unwrap();
        assert_eq!(parts[0], people);
    }
}

#[tokio::test]
async fn shared_links_unfurl_with_the_amortization_chart() {
    let server = TestServer::start().await;
    let id = create(&server, SUPPORT_TICKET_TRIAGE).await;
    let html = server
        .client
        .get(server.at(&format!("/s/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let image = format!("/api/v1/scenarios/{id}/chart/amortization.png");
    assert!(
        html.contains(&format!(r#"property="og:image" content="{image}""#)),
        "og:image missing"
    );
    assert!(
        html.contains(&format!(r#"name="twitter:image" content="{image}""#)),
        "twitter:image missing"
    );
    assert!(html.contains(r#"name="twitter:card" content="summary_large_image""#));
    assert!(
        html.contains(r#"property="og:description" content="Few-shot gpt-4.1-mini (20 examples, cached) is cheapest"#)
    );
    // the charts are in the server-rendered page as images of this
    // revision (light, and dark for a dark system), with data tables
    assert!(html.contains(r#"data-testid="chart-amortization""#));
    for kind in KINDS {
        // at the page's size, so their text is as legible as a live chart's
        let url = format!(
            "/api/v1/scenarios/{id}/chart/{kind}.svg?revision=1&amp;width=520&amp;height=600"
        );
        assert!(html.contains(&format!(r#"src="{url}""#)), "{kind} image");
        assert!(
            html.contains(&format!(r#"srcset="{url}&amp;theme=dark""#)),
            "{kind} dark image"
        );
    }
    assert!(!html.contains("<svg"), "no chart is drawn inline");
    assert!(html.contains("Data table"));
}

#[tokio::test]
async fn a_named_revisions_chart_is_that_revision_and_cached_for_good() {
    let server = TestServer::start().await;
    let (id, key) = server.create(&common::named("First name")).await;
    let saved = common::save_at(
        &server.client,
        &server.url,
        (&id, &key),
        1,
        &common::named("Second name"),
    )
    .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let chart = |query: &str| {
        let url = server.at(&format!(
            "/api/v1/scenarios/{id}/chart/amortization.svg{query}"
        ));
        let client = server.client.clone();
        async move { client.get(url).send().await.unwrap() }
    };
    let first = chart("?revision=1").await;
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(
        first.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let first = first.text().await.unwrap();
    assert!(first.contains("First name") && !first.contains("Second name"));
    let dark = chart("?revision=1&theme=dark").await.text().await.unwrap();
    assert!(dark.contains("First name") && dark != first);
    let latest = chart("").await;
    assert_eq!(latest.headers()["cache-control"], "public, max-age=60");
    assert!(latest.text().await.unwrap().contains("Second name"));
    assert!(chart("?revision=2")
        .await
        .text()
        .await
        .unwrap()
        .contains("Second name"));

    assert_eq!(chart("?revision=3").await.status(), StatusCode::NOT_FOUND);
    for query in ["?revision=0", "?revision=-1", "?revision=x", "?revision="] {
        let response = chart(query).await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{query}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["path"], "revision", "{query}: {body}");
    }
    // every bad parameter is named at once
    let body: Value = chart("?revision=0&theme=blue").await.json().await.unwrap();
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["theme", "revision"]);
}
