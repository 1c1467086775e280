//! The SQLite database: WAL mode, a busy timeout, foreign keys on, migrations
//! applied at start-up. Writes go through one writer connection so that saves
//! queue in the process instead of failing with "database is locked"; reads
//! use a pool of their own.

use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("invalid DATABASE_URL {url:?}: {source}")]
    Url { url: String, source: sqlx::Error },
    #[error("cannot create the database directory {dir}: {source}")]
    Directory { dir: String, source: std::io::Error },
    #[error("cannot open the database: {0}")]
    Open(sqlx::Error),
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
}

#[derive(Clone, Debug)]
pub struct Database {
    /// Exactly one connection: every write is serialised here.
    pub writer: SqlitePool,
    /// Readers never block writers in WAL mode.
    pub reader: SqlitePool,
}

impl Database {
    /// Opens (creating if needed) the SQLite database at `url` and migrates it.
    pub async fn connect(url: &str) -> Result<Database, DbError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|source| DbError::Url {
                url: url.to_string(),
                source,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        if let Some(dir) = options.get_filename().parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir).map_err(|source| DbError::Directory {
                    dir: dir.display().to_string(),
                    source,
                })?;
            }
        }
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(DbError::Open)?;
        sqlx::migrate!("../migrations").run(&writer).await?;
        let reader = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options.read_only(true))
            .await
            .map_err(DbError::Open)?;
        Ok(Database { writer, reader })
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.reader).await?;
        Ok(())
    }
}
