//! Starts the real axum app on an ephemeral loopback port with a temporary
//! SQLite file, or with a fresh database in the throw-away PostgreSQL
//! cluster that `make test` starts (`scripts/with_postgres.sh`).

#![allow(dead_code)] // each test binary uses its own subset

use server::config::Config;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// Where the throw-away cluster is: a URL to its maintenance database.
const POSTGRES_ENV: &str = "BREAKEVEN_TEST_POSTGRES_URL";
/// Set by `make test`: without a cluster the PostgreSQL tests fail instead
/// of being skipped.
const REQUIRE_POSTGRES_ENV: &str = "BREAKEVEN_REQUIRE_POSTGRES";

/// A database of its own for one test.
pub enum TestDatabase {
    Sqlite(TempDir),
    Postgres(String),
}

impl TestDatabase {
    pub fn sqlite() -> TestDatabase {
        TestDatabase::Sqlite(tempfile::tempdir().expect("temp dir"))
    }

    /// A new, empty database in the test cluster; `None` when no cluster is
    /// configured (plain `cargo test`), a failure when `make test` wants one.
    pub async fn postgres() -> Option<TestDatabase> {
        use sqlx::Connection;
        let Ok(admin_url) = std::env::var(POSTGRES_ENV) else {
            assert!(
                std::env::var_os(REQUIRE_POSTGRES_ENV).is_none(),
                "{REQUIRE_POSTGRES_ENV} is set but {POSTGRES_ENV} is not"
            );
            eprintln!("{POSTGRES_ENV} is not set: PostgreSQL tests skipped (make test runs them)");
            return None;
        };
        static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let name = format!(
            "test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let mut admin = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect to the test cluster");
        // The name is made of digits and underscores only.
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("create a test database");
        let (base, _) = admin_url.rsplit_once('/').expect("URL with a database");
        Some(TestDatabase::Postgres(format!("{base}/{name}")))
    }

    /// SQLite, and PostgreSQL when the test cluster runs: the storage
    /// contract is tested on both.
    pub async fn every() -> Vec<TestDatabase> {
        let mut databases = vec![TestDatabase::sqlite()];
        databases.extend(TestDatabase::postgres().await);
        databases
    }

    pub fn url(&self) -> String {
        match self {
            TestDatabase::Sqlite(dir) => {
                format!("sqlite://{}", dir.path().join("test.db").display())
            }
            TestDatabase::Postgres(url) => url.clone(),
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            TestDatabase::Sqlite(_) => "SQLite",
            TestDatabase::Postgres(_) => "PostgreSQL",
        }
    }
}

pub struct TestServer {
    pub url: String,
    pub client: reqwest::Client,
    pub backend: &'static str,
    // Dropped last: a SQLite file lives here.
    _database: TestDatabase,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    /// A server whose configuration `adjust` changes first (limits, ...).
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        TestServer::start_on_with(TestDatabase::sqlite(), adjust).await
    }

    /// A server on `database`; the test says which backend it runs on, so a
    /// failure names it.
    pub async fn start_on(database: TestDatabase) -> TestServer {
        eprintln!("--- on {}", database.backend());
        TestServer::start_on_with(database, |_| {}).await
    }

    async fn start_on_with(database: TestDatabase, adjust: impl FnOnce(&mut Config)) -> TestServer {
        let mut config = Config::for_database(&database.url());
        adjust(&mut config);
        let router = server::build_router(&config).await.expect("router");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (shutdown, signal) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(server::serve(listener, router, async {
            let _ = signal.await;
        }));
        TestServer {
            url: format!("http://{addr}"),
            client: reqwest::Client::new(),
            backend: database.backend(),
            _database: database,
            _shutdown: shutdown,
        }
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Creates a scenario through the REST API: (id, edit key).
    /// The database URL this server runs on (for tests that write to it
    /// behind the server's back, as an older version would have).
    pub fn database_url(&self) -> String {
        self._database.url()
    }

    pub async fn create(&self, scenario_json: &str) -> (String, String) {
        create_at(&self.client, &self.url, scenario_json).await
    }

    /// GET a path: (status, JSON body or null).
    pub async fn get_json(&self, path: &str) -> (reqwest::StatusCode, serde_json::Value) {
        let response = self.client.get(self.at(path)).send().await.expect("GET");
        let status = response.status();
        (
            status,
            response.json().await.unwrap_or(serde_json::Value::Null),
        )
    }
}

/// The server binary in a process of its own (crash and multi-process tests).
pub struct ServerProcess {
    pub child: Child,
    pub url: String,
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl ServerProcess {
    /// Starts `server` on a free loopback port and waits for `/healthz`.
    pub async fn start(database_url: &str) -> ServerProcess {
        ServerProcess::start_with_args(database_url, &[]).await
    }

    /// The same with more command-line arguments.
    pub async fn start_with_args(database_url: &str, args: &[&str]) -> ServerProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("free port")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args([
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--database-url",
                database_url,
                "--log",
                "warn",
                // storms from one address; limits are tested elsewhere
                "--create-limit-per-minute",
                "0",
            ])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start server");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Ok(response) = reqwest::get(format!("{url}/healthz")).await {
                if response.status() == reqwest::StatusCode::OK {
                    break;
                }
            }
            assert!(Instant::now() < deadline, "server did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        ServerProcess { child, url }
    }

    /// The most memory the process has held (its peak resident set), in bytes.
    pub fn peak_resident_bytes(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the server's /proc status");
        let kb: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM");
        kb * 1024
    }
}

/// Creates a scenario through the REST API of the server at `base_url`:
/// (id, edit key).
pub async fn create_at(
    client: &reqwest::Client,
    base_url: &str,
    scenario_json: &str,
) -> (String, String) {
    let response = client
        .post(format!("{base_url}/api/v1/scenarios"))
        .header("content-type", "application/json")
        .body(scenario_json.to_string())
        .send()
        .await
        .expect("create request");
    assert_eq!(
        response.status(),
        reqwest::StatusCode::CREATED,
        "create failed"
    );
    let body: serde_json::Value = response.json().await.expect("create body");
    (
        body["id"].as_str().expect("id").to_string(),
        body["edit_key"].as_str().expect("edit key").to_string(),
    )
}

/// The smallest valid scenario, named `name`.
pub fn named(name: &str) -> String {
    format!(
        r#"{{"name":"{name}","horizon_months":12,"volume":{{"queries_per_month":1000}},
        "approaches":[{{"id":"a","kind":"prompting","setup_usd":10,"per_query":{{"extra_usd":0.01}}}}]}}"#
    )
}

/// PUT `body` as the revision after `base`, with the edit key.
pub async fn save_at(
    client: &reqwest::Client,
    base_url: &str,
    (id, key): (&str, &str),
    base: u64,
    body: &str,
) -> reqwest::Response {
    client
        .put(format!("{base_url}/api/v1/scenarios/{id}"))
        .header("authorization", format!("Bearer {key}"))
        .header("if-match", format!("\"{base}\""))
        .body(body.to_string())
        .send()
        .await
        .expect("PUT")
}

/// What one client of a save race got.
#[derive(Default)]
pub struct RaceOutcome {
    /// (revision created, name saved in it), in order.
    pub won: Vec<(u64, String)>,
    pub conflicts: usize,
}

/// One client racing others on a scenario: it saves on top of the newest
/// revision it knows of, learning the current one from each 409, for as long
/// as `go_on(base, saves won so far)` holds. Asserts that a 200 creates
/// exactly base + 1 and a 409 names a newer revision.
pub async fn race_saves(
    client: &reqwest::Client,
    base_url: &str,
    (id, key): (&str, &str),
    tag: &str,
    go_on: impl Fn(u64, usize) -> bool,
) -> RaceOutcome {
    let mut outcome = RaceOutcome::default();
    let mut base = 1u64;
    while go_on(base, outcome.won.len()) {
        let name = format!("{tag}-n{}", outcome.won.len());
        let response = save_at(client, base_url, (id, key), base, &named(&name)).await;
        let status = response.status();
        let body: serde_json::Value = response.json().await.unwrap_or_default();
        match status {
            reqwest::StatusCode::OK => {
                let revision = body["revision"].as_u64().expect("revision");
                assert_eq!(revision, base + 1);
                outcome.won.push((revision, name));
                base = revision;
            }
            reqwest::StatusCode::CONFLICT => {
                let current = body["current_revision"].as_u64().expect("current revision");
                assert!(
                    current > base,
                    "409 must name a newer revision: {current} <= {base}"
                );
                base = current;
                outcome.conflicts += 1;
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    outcome
}

/// The revision numbers a scenario lists, oldest first.
pub async fn revision_numbers(client: &reqwest::Client, base_url: &str, id: &str) -> Vec<u64> {
    let list: serde_json::Value = client
        .get(format!("{base_url}/api/v1/scenarios/{id}/revisions"))
        .send()
        .await
        .expect("GET revisions")
        .json()
        .await
        .expect("revision list");
    list["revisions"]
        .as_array()
        .expect("revisions")
        .iter()
        .map(|r| r["revision"].as_u64().expect("revision"))
        .collect()
}

/// `server data <args…> --database-url <url>` with the binary under test:
/// (success, stderr).
pub fn data_command(args: &[&str], database_url: &str) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("data")
        .args(args)
        .args(["--database-url", database_url])
        .output()
        .expect("run server data");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// GET `path` from two servers: the second answers 200 with the very bytes
/// of the first (a revision moved by export/import or a restore).
pub async fn assert_same_bytes(client: &reqwest::Client, source: &str, target: &str, path: &str) {
    let before = client.get(format!("{source}{path}")).send().await.unwrap();
    let after = client.get(format!("{target}{path}")).send().await.unwrap();
    assert_eq!(after.status(), reqwest::StatusCode::OK, "{path}");
    assert_eq!(
        before.bytes().await.unwrap(),
        after.bytes().await.unwrap(),
        "{path} differs"
    );
}
