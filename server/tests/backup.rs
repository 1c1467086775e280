//! The restore drill: scenarios saved under load, a backup taken while saves
//! continue (`server data backup`), restored into a new file (`server data
//! restore`) and served by a new server. Every scenario acknowledged before
//! the backup began is there with every revision, byte for byte, and its
//! edit key still works.

mod common;

use common::{
    create_at, data_command as data, named, save_at, ServerProcess, TestDatabase, TestServer,
};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_restores_every_acknowledged_scenario() {
    let source_db = TestDatabase::sqlite();
    let source_url = source_db.url();
    let source = ServerProcess::start(&source_url).await;
    let client = reqwest::Client::new();

    // acknowledged before the backup: 12 scenarios, 1 to 4 revisions each
    let mut acknowledged = Vec::new();
    for i in 0..12u64 {
        let (id, key) = create_at(&client, &source.url, &named(&format!("before {i}"))).await;
        for base in 1..=(i % 4) {
            let response = save_at(
                &client,
                &source.url,
                (&id, &key),
                base,
                &named(&format!("before {i} v{}", base + 1)),
            )
            .await;
            assert_eq!(response.status(), StatusCode::OK);
        }
        acknowledged.push((id, key, i % 4 + 1));
    }

    // saves keep coming while the backup runs
    let saving = Arc::new(AtomicBool::new(true));
    let load = {
        let (client, url, saving) = (client.clone(), source.url.clone(), saving.clone());
        tokio::spawn(async move {
            let (id, key) = create_at(&client, &url, &named("during")).await;
            let mut base = 1;
            while saving.load(Ordering::Relaxed) {
                let body = named(&format!("during v{}", base + 1));
                let response = save_at(&client, &url, (&id, &key), base, &body).await;
                assert_eq!(response.status(), StatusCode::OK);
                base += 1;
            }
            base
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("backup.db");
    let backup_path = backup.to_str().unwrap().to_string();
    let (ok, log) = tokio::task::spawn_blocking({
        let (backup_path, source_url) = (backup_path.clone(), source_url.clone());
        move || data(&["backup", "--output", &backup_path], &source_url)
    })
    .await
    .unwrap();
    saving.store(false, Ordering::Relaxed);
    let saved_during = load.await.unwrap();
    assert!(ok, "backup failed: {log}");
    // one file: checking the copy left no write-ahead log beside it
    let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(beside.len(), 1, "{beside:?}");
    assert!(
        saved_during > 2,
        "saves went on during the backup: {saved_during}"
    );
    // a backup goes into a new file
    let (ok, log) = data(&["backup", "--output", &backup_path], &source_url);
    assert!(
        !ok && log.contains("a backup goes into a new file"),
        "{log}"
    );

    // restored into a new, empty database and served from there
    let target_db = TestDatabase::sqlite();
    let target_url = target_db.url();
    let (ok, log) = data(&["restore", "--input", &backup_path], &target_url);
    assert!(ok, "restore failed: {log}");
    // once it holds scenarios, a second restore must be asked for
    let (ok, log) = data(&["restore", "--input", &backup_path], &target_url);
    assert!(!ok && log.contains("--into-non-empty"), "{log}");
    let (ok, log) = data(
        &["restore", "--input", &backup_path, "--into-non-empty"],
        &target_url,
    );
    assert!(ok && log.contains("already present"), "{log}");

    let target = ServerProcess::start(&target_url).await;
    for (id, key, revisions) in &acknowledged {
        for revision in 1..=*revisions {
            let path = format!("/api/v1/scenarios/{id}/revisions/{revision}");
            common::assert_same_bytes(&client, &source.url, &target.url, &path).await;
        }
        let response = save_at(
            &client,
            &target.url,
            (id, key),
            *revisions,
            &named("after the restore"),
        )
        .await;
        assert_eq!(response.status(), StatusCode::OK, "the edit key of {id}");
    }
    // the restored file is sound
    let restored = app::ssr::Database::connect(&target_url).await.unwrap();
    assert_eq!(restored.integrity_check().await.unwrap(), "ok");
}

#[test]
fn a_backup_of_postgresql_points_to_pg_dump() {
    let (ok, log) = data(
        &["backup", "--output", "/nonexistent/backup.db"],
        "postgres://user@127.0.0.1:1/breakeven",
    );
    assert!(!ok && log.contains("pg_dump"), "{log}");
}

/// `--backup-dir`: one backup at start and one every `--backup-every`, the
/// newest `--backup-keep` kept; the newest restores what was saved before it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scheduled_backups_keep_the_newest_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let server = TestServer::start_with(|config| {
        config.backup_dir = Some(backups.clone());
        config.backup_every = std::time::Duration::from_millis(250);
        config.backup_keep = 2;
    })
    .await;
    let (id, _) = server.create(&named("kept")).await;
    // whole backups only: one being written has a temporary name
    let listing = || {
        let mut files: Vec<_> = std::fs::read_dir(&backups)
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "db"));
        files.sort();
        files
    };
    // about four backups are taken after the save; never more than two are
    // kept (between removing the oldest and naming the newest, one fewer)
    let until = std::time::Instant::now() + std::time::Duration::from_millis(1200);
    let mut files = listing();
    while std::time::Instant::now() < until {
        assert!(files.len() <= 2, "{files:?}");
        tokio::time::sleep(std::time::Duration::from_millis(7)).await;
        files = listing();
    }
    while files.len() < 2 {
        tokio::time::sleep(std::time::Duration::from_millis(7)).await;
        files = listing();
    }
    assert_eq!(files.len(), 2, "{files:?}");
    let name = files[1].file_name().unwrap().to_str().unwrap().to_string();
    assert!(
        name.starts_with("breakeven-") && name.ends_with(".db"),
        "{name}"
    );
    // a copy, as the schedule goes on removing the oldest
    let kept = dir.path().join("newest.db");
    std::fs::copy(&files[1], &kept).unwrap();
    let newest = kept.to_str().unwrap().to_string();
    let target = TestDatabase::sqlite();
    let (ok, log) = data(&["restore", "--input", &newest], &target.url());
    assert!(ok && log.contains("1 scenarios"), "{log}");
    let restored = ServerProcess::start(&target.url()).await;
    let response = reqwest::get(format!("{}/api/v1/scenarios/{id}", restored.url))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn scheduled_backups_of_postgresql_are_refused_at_start() {
    let mut config = server::config::Config::for_database("postgres://user@127.0.0.1:1/breakeven");
    config.backup_dir = Some("backups".into());
    let Err(error) = server::build_router(&config).await else {
        panic!("a backup directory on PostgreSQL must be refused");
    };
    assert!(error.to_string().contains("pg_dump"), "{error}");
}
