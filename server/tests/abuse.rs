//! Under a flood of the worst valid analyses, the server keeps serving what
//! a team needs: health checks, saved pages, saves and the page of a new
//! revision (whose first analysis has a pool of its own), and its memory
//! stays under the documented ceiling. The release server's figures (how
//! long each of those waits) come from `scripts/abuse.py`, in
//! docs/performance.md ("Memory and abuse"). Its own test binary: the
//! server is a process of its own, whose peak memory is read from /proc.

mod common;

use common::{create_at, save_at, ServerProcess, TestDatabase};
use reqwest::StatusCode;
use std::time::Duration;

/// Analyses sent at once, as the attack does.
const FLOOD: usize = 64;
/// The ceiling the pools are sized for (docs/performance.md, "Memory").
const CEILING_BYTES: u64 = 1 << 30;
const WORST_CASE: &str = include_str!("../../scripts/load/worst_case.json");
const TEAM_SCENARIO: &str = include_str!("../../app/src/model/examples/support_ticket_triage.json");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_worst_case_analyses_leaves_pages_and_saves_working() {
    let database = TestDatabase::sqlite();
    // Two workers and no queue: the flood is refused past two at once, and
    // those two keep both of this machine's cores busy for seconds.
    let server = ServerProcess::start_with_args(
        &database.url(),
        &[
            "--analysis-workers",
            "2",
            "--saved-analysis-workers",
            "1",
            "--analysis-queue",
            "0",
            "--analyze-limit-per-minute",
            "0",
        ],
    )
    .await;
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let (id, key) = create_at(&client, &server.url, TEAM_SCENARIO).await;
    let page = format!("{}/s/{id}", server.url);
    assert_eq!(
        client.get(&page).send().await.unwrap().status(),
        StatusCode::OK
    );

    // The flood; the first refusal says the pool is full.
    let (refused_tx, mut refused_rx) = tokio::sync::mpsc::unbounded_channel();
    let mut flood = tokio::task::JoinSet::new();
    for _ in 0..FLOOD {
        let (client, url, refused) = (
            client.clone(),
            format!("{}/api/v1/analyze", server.url),
            refused_tx.clone(),
        );
        flood.spawn(async move {
            let response = client
                .post(url)
                .header("content-type", "application/json")
                .body(WORST_CASE)
                .send()
                .await
                .expect("an answer to every analysis");
            let status = response.status();
            let retry_after = response.headers().get("retry-after").cloned();
            if status == StatusCode::SERVICE_UNAVAILABLE {
                let _ = refused.send(());
            }
            (status, retry_after, std::time::Instant::now())
        });
    }
    refused_rx.recv().await.expect("the pool filled up");

    // While the pool is full: health, the saved page, a save, and the page
    // of the revision just saved (analysed in the saved revisions' pool).
    for _ in 0..5 {
        let health = client.get(format!("{}/healthz", server.url)).send().await;
        assert_eq!(health.expect("healthz").status(), StatusCode::OK);
        let view = client.get(&page).send().await.expect("saved page");
        assert_eq!(view.status(), StatusCode::OK);
    }
    let revised = TEAM_SCENARIO.replace("Support ticket triage", "Triage, revised");
    let saved = save_at(&client, &server.url, (&id, &key), 1, &revised).await;
    assert_eq!(saved.status(), StatusCode::OK, "a save under the flood");
    let new_revision = client.get(&page).send().await.expect("new revision's page");
    assert_eq!(new_revision.status(), StatusCode::OK);
    let html = new_revision.text().await.unwrap();
    assert!(html.contains("Triage, revised"), "the new revision's page");
    let probes_done = std::time::Instant::now();

    let mut answered = 0;
    let mut still_running_after_probes = false;
    for (status, retry_after, at) in flood.join_all().await {
        match status {
            StatusCode::OK => {
                answered += 1;
                still_running_after_probes |= at > probes_done;
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                assert_eq!(retry_after.as_ref().map(|v| v.as_bytes()), Some(&b"1"[..]));
            }
            other => panic!("an analysis answered {other}"),
        }
    }
    assert!((1..=2).contains(&answered), "{answered} analyses ran");
    assert!(
        still_running_after_probes,
        "the probes ran after the flood had finished, not during it"
    );
    let peak = server.peak_resident_bytes();
    eprintln!(
        "{answered} of {FLOOD} analyses ran; peak memory {} MB",
        peak >> 20
    );
    assert!(peak < CEILING_BYTES, "peak memory {} MB", peak >> 20);
}
