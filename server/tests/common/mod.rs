//! Starts the real axum app on an ephemeral loopback port with a temporary
//! SQLite file.

use server::config::Config;
use tempfile::TempDir;

pub struct TestServer {
    pub url: String,
    pub client: reqwest::Client,
    // Dropped last: the database file lives here.
    _dir: TempDir,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

#[allow(dead_code)] // each test binary uses its own subset
impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(|_| {}).await
    }

    /// A server whose configuration `adjust` changes first (limits, ...).
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let mut config = Config::for_database(&url);
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
            _dir: dir,
            _shutdown: shutdown,
        }
    }

    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url, path)
    }

    /// Creates a scenario through the REST API: (id, edit key).
    pub async fn create(&self, scenario_json: &str) -> (String, String) {
        let response = self
            .client
            .post(self.at("/api/v1/scenarios"))
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
