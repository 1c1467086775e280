//! Routers built while another serves pages in the same process (as the
//! integration tests do, each test with its own server). Building one once
//! stalled the other's page renders for good (leptos-rs/leptos#4773): pages
//! answered 408 after the 30 s request timeout. Its own test binary, so the
//! process starts with no router built.

mod common;

use common::{TestDatabase, TestServer};
use reqwest::StatusCode;
use server::config::Config;
use std::time::Duration;

/// Routers the builder thread makes while the pages are asked for.
const ROUTERS_BUILT: usize = 100;
/// Page requests in flight at a time.
const CONCURRENT_PAGES: usize = 8;

#[tokio::test]
async fn building_routers_never_stalls_another_servers_pages() {
    let server = TestServer::start().await;
    let (id, _) = server.create(&common::named("Served plan")).await;
    let builder = std::thread::spawn(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async {
            for _ in 0..ROUTERS_BUILT {
                let database = TestDatabase::sqlite();
                let config = Config::for_database(&database.url());
                let _router = server::routes(&config).await.expect("router");
            }
        })
    });
    // A stalled render shows as a timeout well under the server's 30 s.
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let mut rounds = 0;
    while !builder.is_finished() || rounds < 3 {
        rounds += 1;
        let mut pages = tokio::task::JoinSet::new();
        for i in 0..CONCURRENT_PAGES {
            // found and unknown pages both render through a resource
            let path = match i % 2 {
                0 => format!("/s/{id}?revision=1"),
                _ => "/s/AAAAAAAAAAAAAAAAAAAAAA".to_string(),
            };
            let request = client.get(server.at(&path)).send();
            pages.spawn(async move { (path, request.await.map(|r| r.status())) });
        }
        for (path, status) in pages.join_all().await {
            let expected = match path.contains("AAAA") {
                true => StatusCode::NOT_FOUND,
                false => StatusCode::OK,
            };
            match status {
                Ok(status) => assert_eq!(status, expected, "{path} in round {rounds}"),
                Err(error) => {
                    panic!("{path} in round {rounds}: no answer, a stalled render? {error}")
                }
            }
        }
    }
    builder.join().expect("builder");
    eprintln!(
        "{rounds} rounds of {CONCURRENT_PAGES} pages while {ROUTERS_BUILT} routers were built"
    );
}
