//! Configuration from flags and environment variables (flags win).

use clap::Parser;
use std::net::SocketAddr;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "breakeven",
    version,
    about = "Breakeven: when does fine-tuning pay off?"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "LEPTOS_SITE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Database URL; the default is a SQLite file created on first start.
    /// `sqlite://path/file.db` (embedded, the default) or
    /// `postgres://user:password@host/database` (several servers may share it).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/breakeven.db",
        global = true
    )]
    pub database_url: String,

    /// Log filter, e.g. "info" or "server=debug,tower_http=debug".
    #[arg(long, env = "BREAKEVEN_LOG", default_value = "info")]
    pub log: String,

    /// Directory of the built site (wasm, JS, CSS, public assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,

    /// Sub-directory of the site root holding the wasm, JS and CSS.
    #[arg(long, env = "LEPTOS_SITE_PKG_DIR", default_value = "pkg")]
    pub site_pkg_dir: String,

    /// Public base URL of the site (e.g. https://breakeven.example.com), used
    /// for absolute links in link previews.
    #[arg(long, env = "BREAKEVEN_PUBLIC_URL", default_value = "")]
    pub public_url: String,

    /// Scenario creations (creates, imports, forks) per minute per client,
    /// with bursts of the same size; 0 turns the limit off.
    #[arg(long, env = "BREAKEVEN_CREATE_LIMIT", default_value_t = 30)]
    pub create_limit_per_minute: u32,

    /// PNG renders per minute per client, with bursts of the same size; 0
    /// turns the limit off.
    #[arg(long, env = "BREAKEVEN_RENDER_LIMIT", default_value_t = 60)]
    pub render_limit_per_minute: u32,

    /// Addresses of reverse proxies whose X-Forwarded-For is believed
    /// (comma-separated). Without one, clients are told apart by peer address.
    #[arg(long, env = "BREAKEVEN_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Analyses of unsaved scenarios (`POST /api/v1/analyze`, `POST
    /// /api/v1/chart/…`) run at once, at most; 0 means one per core, at most
    /// 6 (each may take 85 MB: see docs/performance.md, "Memory").
    #[arg(long, env = "BREAKEVEN_ANALYSIS_WORKERS", default_value_t = 0)]
    pub analysis_workers: usize,

    /// First analyses of saved revisions (a page, its charts, its JSON) run
    /// at once, at most, in a pool of their own; 0 means half the analysis
    /// workers (at least one).
    #[arg(long, env = "BREAKEVEN_SAVED_ANALYSIS_WORKERS", default_value_t = 0)]
    pub saved_analysis_workers: usize,

    /// Analyses that may wait for a worker, in each pool; past them the
    /// server answers 503 with Retry-After at once.
    #[arg(long, env = "BREAKEVEN_ANALYSIS_QUEUE", default_value_t = 16)]
    pub analysis_queue: usize,

    /// Analyses of unsaved scenarios (`POST /api/v1/analyze`, `POST
    /// /api/v1/chart/…`) per minute per client, with bursts of the same
    /// size; 0 turns the limit off.
    #[arg(long, env = "BREAKEVEN_ANALYZE_LIMIT", default_value_t = 120)]
    pub analyze_limit_per_minute: u32,

    /// Directory for scheduled backups of the SQLite database (consistent
    /// copies, as `data backup` takes): one at start, then every
    /// --backup-every. Without it, none are taken.
    #[arg(long, env = "BREAKEVEN_BACKUP_DIR")]
    pub backup_dir: Option<std::path::PathBuf>,

    /// How often to back up, e.g. "6h", "1d", "30m".
    #[arg(long, env = "BREAKEVEN_BACKUP_EVERY", default_value = "1d", value_parser = humantime::parse_duration)]
    pub backup_every: std::time::Duration,

    /// How many backups to keep; older ones are removed.
    #[arg(long, env = "BREAKEVEN_BACKUP_KEEP", default_value_t = 7, value_parser = clap::value_parser!(u32).range(1..))]
    pub backup_keep: u32,

    /// Seconds a request may take before it is answered 408.
    #[arg(long, env = "BREAKEVEN_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Base name of the wasm, JS and CSS files.
    #[arg(long, env = "LEPTOS_OUTPUT_NAME", default_value = "breakeven")]
    pub output_name: String,

    /// Without a command, the server serves the dashboard.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve a bare axum "hello" route on --addr: the baseline that the load
    /// benchmark measures beside the real routes, on the same machine.
    BenchHello,
    /// Move scenarios between databases: `data export`, `data import`.
    #[command(subcommand)]
    Data(crate::data::DataCommand),
    /// Analyse a scenario file without a server (no database either): the
    /// analysis as JSON, the curves or the breakdown as CSV, or the decision
    /// memo as Markdown, on standard output.
    Analyze(crate::cli::AnalyzeArgs),
    /// Draw one chart of a scenario file as PNG or SVG, without a server.
    Chart(crate::cli::ChartArgs),
}

impl Config {
    /// Configuration for tests and embedding: defaults, with the given
    /// database and no rate limits (tests of the limits turn them on).
    pub fn for_database(database_url: &str) -> Config {
        Config::parse_from([
            "breakeven",
            "--database-url",
            database_url,
            "--addr",
            "127.0.0.1:0",
            "--create-limit-per-minute",
            "0",
            "--render-limit-per-minute",
            "0",
            "--analyze-limit-per-minute",
            "0",
        ])
    }
}
