//! Beyond one machine: two server processes sharing one PostgreSQL database,
//! and `server data export` / `data import` moving a SQLite database to
//! PostgreSQL with every revision byte-identical. Runs under `make test`,
//! which starts a throw-away cluster (scripts/with_postgres.sh).

mod common;

use common::{
    create_at, data_command, named, race_saves, revision_numbers, save_at as save, ServerProcess,
    TestDatabase, TestServer,
};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeMap;

/// Eight clients, four through each of two server processes, race saves on
/// one scenario: for every base revision exactly one save is answered 200,
/// every other attempt 409, and the revisions are numbered without gaps.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_processes_racing_on_one_scenario_never_both_win() {
    const CLIENTS_PER_PROCESS: usize = 4;
    const REVISIONS: u64 = 300;
    let Some(database) = TestDatabase::postgres().await else {
        return;
    };
    let processes = [
        ServerProcess::start(&database.url()).await,
        ServerProcess::start(&database.url()).await,
    ];
    let client = reqwest::Client::new();
    let (id, key) = create_at(&client, &processes[0].url, &named("raced")).await;
    let mut tasks = Vec::new();
    for process in &processes {
        for c in 0..CLIENTS_PER_PROCESS {
            let (client, url, id, key) =
                (client.clone(), process.url.clone(), id.clone(), key.clone());
            tasks.push(tokio::spawn(async move {
                let tag = format!("{url}-c{c}");
                race_saves(&client, &url, (&id, &key), &tag, |base, _| base < REVISIONS).await
            }));
        }
    }
    let mut winners: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut conflicts = 0;
    for task in tasks {
        let outcome = task.await.unwrap();
        conflicts += outcome.conflicts;
        for (revision, name) in outcome.won {
            winners.entry(revision - 1).or_default().push(name);
        }
    }
    assert!(conflicts > 0, "the clients never raced");
    let bases: Vec<u64> = winners.keys().copied().collect();
    assert_eq!(
        bases,
        (1..REVISIONS).collect::<Vec<_>>(),
        "a base without a winner"
    );
    for (base, names) in &winners {
        assert_eq!(names.len(), 1, "base {base} was won twice: {names:?}");
    }
    let both_processes_won = processes
        .iter()
        .all(|p| winners.values().any(|names| names[0].starts_with(&p.url)));
    assert!(both_processes_won, "one process never won a save");

    // Every revision, read through the other process, is the save that won.
    let numbers = revision_numbers(&client, &processes[1].url, &id).await;
    assert_eq!(numbers, (1..=REVISIONS).collect::<Vec<_>>());
    for (base, names) in winners.iter().step_by(7) {
        let body: Value = client
            .get(format!(
                "{}/api/v1/scenarios/{id}/revisions/{}",
                processes[1].url,
                base + 1
            ))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(body["scenario"]["name"], names[0].as_str());
    }
}

/// How long a change through one process may take to show on another
/// (it takes milliseconds: the announcement's round trip).
const HEARD_WITHIN: std::time::Duration = std::time::Duration::from_secs(5);

/// Polls `url` until its body contains `text` (or its status is `status`),
/// returning how long that took.
async fn until_shown(
    client: &reqwest::Client,
    url: &str,
    check: impl Fn(StatusCode, &str) -> bool,
) -> std::time::Duration {
    let start = std::time::Instant::now();
    loop {
        let response = client.get(url).send().await.expect("page");
        let status = response.status();
        if check(status, &response.text().await.unwrap_or_default()) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < HEARD_WITHIN,
            "{url} never showed the change"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}

/// Two server processes on one database: a page view served from a
/// process's cache reads nothing from PostgreSQL (it answers while another
/// transaction holds every scenario row locked), and a save or delete
/// through either process shows on the other's pages at once, also after
/// the connection they listen on was cut.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_process_hears_the_others_saves_and_deletes() {
    use sqlx::Connection;
    let Some(database) = TestDatabase::postgres().await else {
        return;
    };
    let [a, b] = [
        ServerProcess::start(&database.url()).await,
        ServerProcess::start(&database.url()).await,
    ];
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        .build()
        .unwrap();
    let (id, key) = create_at(&client, &a.url, &named("First name")).await;
    let page = |process: &ServerProcess| format!("{}/s/{id}", process.url);
    for _ in 0..3 {
        let html = client
            .get(page(&b))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("First name"));
    }

    // Cached views read nothing: they answer while the rows are locked.
    let mut admin = sqlx::PgConnection::connect(&database.url()).await.unwrap();
    sqlx::raw_sql("BEGIN; LOCK TABLE scenarios IN ACCESS EXCLUSIVE MODE")
        .execute(&mut admin)
        .await
        .unwrap();
    let locked = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        for _ in 0..20 {
            let response = client.get(page(&b)).send().await.expect("page");
            assert_eq!(response.status(), StatusCode::OK);
        }
    })
    .await;
    sqlx::raw_sql("ROLLBACK").execute(&mut admin).await.unwrap();
    assert!(locked.is_ok(), "a cached page view waited for the database");

    // A save through A shows on B.
    let saved = save(&client, &a.url, (&id, &key), 1, &named("Second name")).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let heard = until_shown(&client, &page(&b), |_, html| html.contains("Second name")).await;
    eprintln!("a save through A showed on B after {heard:?}");

    // The connections both processes listen on are cut; what is saved
    // while they listen again still shows.
    let (id2, key2) = create_at(&client, &a.url, &named("Before the cut")).await;
    let page2 = format!("{}/s/{id2}", b.url);
    until_shown(&client, &page2, |_, html| html.contains("Before the cut")).await;
    let cut: Vec<i32> = sqlx::query_scalar(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() \
         AND query LIKE 'LISTEN%'",
    )
    .fetch_all(&mut admin)
    .await
    .unwrap();
    assert_eq!(cut.len(), 2, "each process listens on one connection");
    for pid in &cut {
        sqlx::query("SELECT pg_terminate_backend($1)")
            .bind(pid)
            .execute(&mut admin)
            .await
            .unwrap();
    }
    let saved = save(&client, &a.url, (&id2, &key2), 1, &named("After the cut")).await;
    assert_eq!(saved.status(), StatusCode::OK);
    until_shown(&client, &page2, |_, html| html.contains("After the cut")).await;

    // A delete through B shows on A, and on B itself.
    let deleted = client
        .delete(format!("{}/api/v1/scenarios/{id}", b.url))
        .header("authorization", format!("Bearer {key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let heard = until_shown(&client, &page(&a), |status, _| {
        status == StatusCode::NOT_FOUND
    })
    .await;
    eprintln!("a delete through B showed on A after {heard:?}");
    let own = client.get(page(&b)).send().await.unwrap();
    assert_eq!(own.status(), StatusCode::NOT_FOUND);
}

/// `server data export|import --output|--input <file>` against `database_url`.
fn data_file_command(verb: &str, database_url: &str, file: &std::path::Path) -> (bool, String) {
    let flag = if verb == "export" {
        "--output"
    } else {
        "--input"
    };
    data_command(
        &[verb, flag, file.to_str().expect("UTF-8 path")],
        database_url,
    )
}

/// Several scenarios with several revisions, a fork and a deleted scenario,
/// exported from SQLite and imported into PostgreSQL: the PostgreSQL export
/// is byte-identical, so is every revision read back through the API, edit
/// keys keep working, and the deleted id still answers 410.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sqlite_database_moves_to_postgres_with_every_revision_identical() {
    let Some(postgres) = TestDatabase::postgres().await else {
        return;
    };
    let sqlite = TestDatabase::sqlite();
    let (sqlite_url, postgres_url) = (sqlite.url(), postgres.url());
    let source = TestServer::start_on(sqlite).await;
    let client = reqwest::Client::new();

    let mut scenarios = Vec::new();
    for (i, name) in ["plain", "Ünïcode — “quotes” \\\\ 日本", "<b>tags</b>"]
        .iter()
        .enumerate()
    {
        let scenario = create_at(&client, &source.url, &named(name)).await;
        for n in 1..=(i as u64 + 2) {
            let body = named(&format!("{name} v{}", n + 1));
            let response = save(&client, &source.url, (&scenario.0, &scenario.1), n, &body).await;
            assert_eq!(response.status(), StatusCode::OK);
        }
        scenarios.push(scenario);
    }
    let fork: Value = client
        .post(source.at(&format!("/api/v1/scenarios/{}/fork", scenarios[0].0)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let fork_id = fork["id"].as_str().unwrap().to_string();
    let deleted = create_at(&client, &source.url, &named("deleted")).await;
    let response = client
        .delete(source.at(&format!("/api/v1/scenarios/{}", deleted.0)))
        .header("authorization", format!("Bearer {}", deleted.1))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let dir = tempfile::tempdir().unwrap();
    let from_sqlite = dir.path().join("sqlite.jsonl");
    let from_postgres = dir.path().join("postgres.jsonl");
    let (ok, log) = data_file_command("export", &sqlite_url, &from_sqlite);
    assert!(ok, "export failed: {log}");
    assert!(log.contains("5 scenarios, 13 revisions"), "{log}");
    let (ok, log) = data_file_command("import", &postgres_url, &from_sqlite);
    assert!(ok, "import failed: {log}");
    assert!(log.contains("5 scenarios, 13 revisions"), "{log}");
    // Running the import again changes nothing.
    let (ok, log) = data_file_command("import", &postgres_url, &from_sqlite);
    assert!(ok, "second import failed: {log}");
    assert!(log.contains("5 already present"), "{log}");
    let (ok, log) = data_file_command("export", &postgres_url, &from_postgres);
    assert!(ok, "export from PostgreSQL failed: {log}");
    let exported = std::fs::read(&from_sqlite).unwrap();
    assert_eq!(
        exported,
        std::fs::read(&from_postgres).unwrap(),
        "exports differ"
    );

    let target = ServerProcess::start(&postgres_url).await;
    let mut compared = 0;
    for (id, _) in scenarios.iter().chain([&(fork_id.clone(), String::new())]) {
        let list: Value = client
            .get(source.at(&format!("/api/v1/scenarios/{id}/revisions")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for revision in list["revisions"].as_array().unwrap() {
            let path = format!("/api/v1/scenarios/{id}/revisions/{}", revision["revision"]);
            common::assert_same_bytes(&client, &source.url, &target.url, &path).await;
            compared += 1;
        }
    }
    assert_eq!(compared, 13, "every live revision compared");
    let (id, key) = &scenarios[2];
    let response = save(&client, &target.url, (id, key), 5, &named("after the move")).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the edit key moved along"
    );
    let response = save(&client, &target.url, (id, "wrong key"), 6, &named("x")).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let gone = client
        .get(format!("{}/api/v1/scenarios/{}", target.url, deleted.0))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::GONE);

    // A scenario changed on one side is refused, not overwritten, on import.
    let (ok, log) = data_file_command("import", &postgres_url, &from_sqlite);
    assert!(!ok, "a conflicting import must fail");
    assert!(
        log.contains(id) && log.contains("already exists here with different content"),
        "{log}"
    );
    // A mistyped SQLite path is refused, not exported as empty.
    let nowhere = format!("sqlite://{}", dir.path().join("typo.db").display());
    let (ok, log) = data_file_command("export", &nowhere, &dir.path().join("out.jsonl"));
    assert!(!ok, "exported from a database that does not exist");
    assert!(
        log.contains("typo.db") && log.contains("no SQLite database"),
        "{log}"
    );
    assert!(
        !dir.path().join("typo.db").exists(),
        "the export created the database"
    );
    // Not an export at all.
    let junk = dir.path().join("junk.jsonl");
    std::fs::write(&junk, "{\"hello\":1}\n").unwrap();
    let (ok, log) = data_file_command("import", &postgres_url, &junk);
    assert!(!ok);
    assert!(log.contains("line 1"), "{log}");
}
