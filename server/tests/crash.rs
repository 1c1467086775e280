//! SIGKILL during a save storm: after a restart the database passes
//! `PRAGMA integrity_check` and holds every save that was acknowledged.

mod common;

use common::{named, ServerProcess};
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row};
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_saves_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let database_url = format!("sqlite://{}", path.display());
    let client = reqwest::Client::new();
    let acknowledged: Arc<Mutex<Vec<(String, u64, String)>>> = Arc::default();

    // 3 rounds in the test suite; `make bench` runs 10 (CRASH_ROUNDS=10).
    let rounds: usize = std::env::var("CRASH_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3);
    for round in 0..rounds {
        let mut server = ServerProcess::start(&database_url).await;
        let mut scenarios = Vec::new();
        for i in 0..4 {
            let created: Value = client
                .post(format!("{}/api/v1/scenarios", server.url))
                .body(named(&format!("r{round}-s{i}")))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            scenarios.push((
                created["id"].as_str().unwrap().to_string(),
                created["edit_key"].as_str().unwrap().to_string(),
            ));
            acknowledged.lock().unwrap().push((
                scenarios[i].0.clone(),
                1,
                format!("r{round}-s{i}"),
            ));
        }
        let mut storm = Vec::new();
        for (id, key) in scenarios.clone() {
            let (client, url, acknowledged) =
                (client.clone(), server.url.clone(), acknowledged.clone());
            storm.push(tokio::spawn(async move {
                let mut base = 1u64;
                for n in 0.. {
                    let name = format!("{id}-{n}");
                    let sent = client
                        .put(format!("{url}/api/v1/scenarios/{id}"))
                        .header("authorization", format!("Bearer {key}"))
                        .header("if-match", format!("\"{base}\""))
                        .body(named(&name))
                        .send()
                        .await;
                    let Ok(response) = sent else { return }; // the server is gone
                    if response.status() != StatusCode::OK {
                        return;
                    }
                    let Ok(body) = response.json::<Value>().await else {
                        return;
                    };
                    base = body["revision"].as_u64().unwrap();
                    acknowledged.lock().unwrap().push((id.clone(), base, name));
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(400)).await;
        server.child.kill().unwrap(); // SIGKILL
        server.child.wait().unwrap();
        for task in storm {
            task.await.unwrap();
        }
    }

    // the file is intact
    let mut connection = SqliteConnectOptions::from_str(&database_url)
        .unwrap()
        .connect()
        .await
        .unwrap();
    let check: String = sqlx::query("PRAGMA integrity_check")
        .fetch_one(&mut connection)
        .await
        .unwrap()
        .get(0);
    assert_eq!(check, "ok");
    drop(connection);

    // and every acknowledged save is there, as sent
    let mut server = ServerProcess::start(&database_url).await;
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() > 50,
        "the storm saved too little to prove anything: {}",
        acknowledged.len()
    );
    for (id, revision, name) in &acknowledged {
        let body: Value = client
            .get(format!(
                "{}/api/v1/scenarios/{id}/revisions/{revision}",
                server.url
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(
            &body["scenario"]["name"], name,
            "lost {id} revision {revision}"
        );
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();
}

/// A SQLite file has one server: a second one refuses to start, saying why,
/// and the first keeps serving. (SIGKILL releasing the lock is covered by
/// the restarts above.)
#[tokio::test]
async fn a_second_server_on_the_same_sqlite_file_refuses_to_start() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}", dir.path().join("one.db").display());
    let first = ServerProcess::start(&database_url).await;
    let second = tokio::process::Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["--addr", "127.0.0.1:0", "--database-url", &database_url])
        .output();
    let second = tokio::time::timeout(Duration::from_secs(30), second)
        .await
        .expect("the second server exits")
        .unwrap();
    assert!(!second.status.success());
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains("another Breakeven server is serving") && stderr.contains("one.db"),
        "{stderr}"
    );
    let health = reqwest::get(format!("{}/healthz", first.url))
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);
}
