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

impl TestServer {
    pub async fn start() -> TestServer {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let router = server::build_router(&Config::for_database(&url))
            .await
            .expect("router");
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
}
