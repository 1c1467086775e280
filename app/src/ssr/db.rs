//! The database, chosen at start-up by the `DATABASE_URL` scheme:
//!
//! - `sqlite:` (the default): an embedded file in WAL mode with a busy
//!   timeout and foreign keys on. Writes go through one writer connection so
//!   that saves queue in the process instead of failing with "database is
//!   locked"; reads use a pool of their own.
//! - `postgres:` / `postgresql:`: one pool shared by any number of server
//!   processes; concurrency comes from the database (row locks and the
//!   revisions primary key), never from a process-local lock.
//!
//! Each backend's migrations (`migrations/sqlite`, `migrations/postgres`)
//! are applied at start-up. The scenario store (`store`) runs the same
//! queries on both.

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("invalid DATABASE_URL {url:?}: {reason}")]
    Url { url: String, reason: String },
    #[error("cannot create the database directory {dir}: {source}")]
    Directory { dir: String, source: std::io::Error },
    #[error("cannot open the database {url:?}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error("cannot apply migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    #[error(
        "another Breakeven server is serving {path}: run one server per SQLite file \
         (several servers share a PostgreSQL database)"
    )]
    InUse { path: String },
    #[error(
        "backups are taken of SQLite databases; for PostgreSQL use pg_dump or \
         `server data export`"
    )]
    BackupNeedsSqlite,
    #[error("cannot lock {path}: {source}")]
    Lock {
        path: String,
        source: std::io::Error,
    },
}

/// Which kind of database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// The backend of `url`, from its scheme.
    pub fn of_url(url: &str) -> Result<Backend, DbError> {
        let scheme = url.split_once(':').map(|(scheme, _)| scheme);
        match scheme {
            Some("sqlite") => Ok(Backend::Sqlite),
            Some("postgres" | "postgresql") => Ok(Backend::Postgres),
            _ => Err(DbError::Url {
                url: redacted(url),
                reason: "the scheme must be sqlite: or postgres:".to_string(),
            }),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// `url` without its password, for messages and logs.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((user_info, host)) => match user_info.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[derive(Clone, Debug)]
pub struct SqliteDatabase {
    /// Exactly one connection: every write is serialised here.
    pub writer: SqlitePool,
    /// Readers never block writers in WAL mode.
    pub reader: SqlitePool,
    /// Set when this process is the file's only server (see `connect_server`).
    pub(crate) sole_server: Option<Arc<SoleServer>>,
}

/// What a server that holds a SQLite file's server lock knows: no other
/// server writes the file, so the latest revisions it has read or written
/// stay true until it writes again. (`server data import` may add scenarios
/// meanwhile, but never changes an existing one.)
#[derive(Debug)]
pub(crate) struct SoleServer {
    _lock: std::fs::File,
    pub(crate) heads: KnownHeads,
}

/// A scenario's latest state as this process last saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KnownHead {
    Latest(u32),
    Deleted,
}

/// Latest revisions by scenario id, kept while they can be trusted: always
/// for a SQLite file's only server; on PostgreSQL while this process listens
/// to every process's saves and deletes (see `postgres_heads`).
///
/// Readers racing a write may report what they read before it committed:
/// revisions only grow and a deletion is final, so the newer of two reports
/// always wins. A reader reports with the generation it saw before it read;
/// when trust was lost (and the heads forgotten) since, its report is
/// dropped, since a save it missed may have gone unheard.
#[derive(Debug)]
pub(crate) struct KnownHeads(std::sync::Mutex<Heads>);

#[derive(Debug, Default)]
struct Heads {
    trusted: bool,
    generation: u64,
    by_id: HashMap<String, KnownHead>,
}

/// Ids remembered at most; beyond, new ids are simply read each time.
/// (Starting over instead could forget a deletion while a reader that read
/// before it is about to report the old revision.)
const KNOWN_HEADS: usize = 100_000;

impl KnownHeads {
    /// Heads that are true from the start (a SQLite file's only server).
    pub(crate) fn trusted() -> KnownHeads {
        let heads = KnownHeads(Default::default());
        heads.trust();
        heads
    }

    /// Heads trusted only once `trust` is called (PostgreSQL).
    fn untrusted() -> KnownHeads {
        KnownHeads(Default::default())
    }

    /// What is known of `id`, if anything, and the generation a reader
    /// reports what it reads with.
    pub(crate) fn get(&self, id: &str) -> (Option<KnownHead>, u64) {
        match self.0.lock() {
            Ok(heads) if heads.trusted => (heads.by_id.get(id).copied(), heads.generation),
            Ok(heads) => (None, heads.generation),
            Err(_) => (None, u64::MAX),
        }
    }

    /// What a reader read, having seen `generation` before it read.
    pub(crate) fn report_read(&self, id: &str, head: KnownHead, generation: u64) {
        if let Ok(mut heads) = self.0.lock() {
            if heads.generation == generation {
                heads.merge(id, head);
            }
        }
    }

    /// A save or delete that committed (this process's, or another's heard).
    pub(crate) fn report(&self, id: &str, head: KnownHead) {
        if let Ok(mut heads) = self.0.lock() {
            heads.merge(id, head);
        }
    }

    /// Saves may go unheard from now on: forget everything until `trust`.
    fn forget(&self) {
        if let Ok(mut heads) = self.0.lock() {
            heads.trusted = false;
            heads.generation += 1;
            heads.by_id.clear();
        }
    }

    /// Every save is heard from now on: start afresh.
    fn trust(&self) {
        if let Ok(mut heads) = self.0.lock() {
            heads.trusted = true;
            heads.generation += 1;
            heads.by_id.clear();
        }
    }
}

impl Heads {
    fn merge(&mut self, id: &str, head: KnownHead) {
        if !self.trusted || (self.by_id.len() >= KNOWN_HEADS && !self.by_id.contains_key(id)) {
            return;
        }
        let known = self.by_id.entry(id.to_string()).or_insert(head);
        *known = match (*known, head) {
            (KnownHead::Deleted, _) | (_, KnownHead::Deleted) => KnownHead::Deleted,
            (KnownHead::Latest(a), KnownHead::Latest(b)) => KnownHead::Latest(a.max(b)),
        };
    }
}

/// The channel every save and delete on PostgreSQL is announced on, in its
/// transaction (so only committed ones are heard): `<id> <revision>` or
/// `<id> deleted`.
pub(crate) const HEADS_CHANNEL: &str = "breakeven_heads";

/// The announcement of a save or delete, as `HEADS_CHANNEL` carries it.
pub(crate) fn head_announcement(id: &str, head: KnownHead) -> String {
    match head {
        KnownHead::Latest(revision) => format!("{id} {revision}"),
        KnownHead::Deleted => format!("{id} deleted"),
    }
}

fn parse_announcement(payload: &str) -> Option<(&str, KnownHead)> {
    let (id, head) = payload.split_once(' ')?;
    let head = match head {
        "deleted" => KnownHead::Deleted,
        revision => KnownHead::Latest(revision.parse().ok()?),
    };
    Some((id, head))
}

#[derive(Clone, Debug)]
pub struct PostgresDatabase {
    pub pool: PgPool,
    /// A server's: the latest revisions, kept right by listening (see
    /// `postgres_heads`).
    follower: Option<Arc<Follower>>,
}

/// The heads a PostgreSQL server keeps and the task that keeps them right;
/// the task stops with the last clone of the database.
#[derive(Debug)]
struct Follower {
    heads: Arc<KnownHeads>,
    task: tokio::task::AbortHandle,
}

impl Drop for Follower {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Listens on `HEADS_CHANNEL` on a connection of its own and applies what
/// it hears to `heads`, which are trusted only while it listens: a lost
/// connection forgets them at once (saves made meanwhile go unheard) and
/// they are trusted again, afresh, once a new connection listens.
async fn postgres_heads(pool: PgPool, heads: Arc<KnownHeads>) {
    use sqlx::postgres::PgListener;
    while !pool.is_closed() {
        let listening = async {
            let mut listener = PgListener::connect_with(&pool).await?;
            // A lost connection is reported at once, not after a reconnect.
            listener.eager_reconnect(false);
            listener.listen(HEADS_CHANNEL).await?;
            Ok::<_, sqlx::Error>(listener)
        };
        let mut listener = match listening.await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for other servers' saves; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        heads.trust();
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => match parse_announcement(notification.payload()) {
                    Some((id, head)) => heads.report(id, head),
                    None => {
                        tracing::warn!(payload = notification.payload(), "unknown announcement")
                    }
                },
                Ok(None) | Err(_) => {
                    heads.forget();
                    tracing::warn!("stopped hearing other servers' saves; listening again");
                    break;
                }
            }
        }
    }
}

#[derive(Clone, Debug)]
pub enum Database {
    Sqlite(SqliteDatabase),
    Postgres(PostgresDatabase),
}

/// Connections each server process keeps to PostgreSQL at most.
const POSTGRES_CONNECTIONS: u32 = 16;

impl Database {
    /// Opens the database at `url` (creating a SQLite file if needed) and
    /// applies its backend's migrations.
    pub async fn connect(url: &str) -> Result<Database, DbError> {
        match Backend::of_url(url)? {
            Backend::Sqlite => connect_sqlite(url, false).await.map(Database::Sqlite),
            Backend::Postgres => connect_postgres(url, false).await.map(Database::Postgres),
        }
    }

    /// The same, for a server. A SQLite file is served by one server
    /// process at a time (it holds `<file>-server.lock`; a second one
    /// refuses to start), which lets it trust what it knows of the latest
    /// revisions. PostgreSQL takes any number of servers, each of which
    /// hears the others' saves and deletes (see `postgres_heads`).
    pub async fn connect_server(url: &str) -> Result<Database, DbError> {
        match Backend::of_url(url)? {
            Backend::Sqlite => connect_sqlite(url, true).await.map(Database::Sqlite),
            Backend::Postgres => connect_postgres(url, true).await.map(Database::Postgres),
        }
    }

    /// What this process may trust of the latest revisions, if anything.
    pub(crate) fn known_heads(&self) -> Option<&KnownHeads> {
        match self {
            Database::Sqlite(sqlite) => sqlite.sole_server.as_deref().map(|s| &s.heads),
            Database::Postgres(postgres) => postgres.follower.as_deref().map(|f| &*f.heads),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Database::Sqlite(_) => Backend::Sqlite,
            Database::Postgres(_) => Backend::Postgres,
        }
    }

    /// A consistent copy of this SQLite database in a new file at `path`,
    /// taken while servers read and write it: `VACUUM INTO` copies one read
    /// transaction's view, where copying the file could catch its write-ahead
    /// log half applied.
    pub async fn backup_into(&self, path: &std::path::Path) -> Result<(), DbError> {
        let Database::Sqlite(db) = self else {
            return Err(DbError::BackupNeedsSqlite);
        };
        sqlx::query("VACUUM INTO ?")
            .bind(path.to_string_lossy().into_owned())
            .execute(&db.reader)
            .await?;
        Ok(())
    }

    /// SQLite's `PRAGMA integrity_check`: "ok" for a sound file (PostgreSQL
    /// checks its own pages and answers "ok").
    pub async fn integrity_check(&self) -> Result<String, DbError> {
        match self {
            Database::Sqlite(db) => {
                let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(&db.reader)
                    .await?;
                Ok(rows.join("; "))
            }
            Database::Postgres(_) => Ok("ok".to_string()),
        }
    }

    /// Closes every connection (a command's database, before its file is
    /// read by another).
    pub async fn close(&self) {
        match self {
            Database::Sqlite(db) => {
                db.writer.close().await;
                db.reader.close().await;
            }
            Database::Postgres(postgres) => postgres.pool.close().await,
        }
    }

    /// Whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), DbError> {
        let one = "SELECT 1";
        match self {
            Database::Sqlite(db) => {
                sqlx::query_scalar::<_, i32>(one)
                    .fetch_one(&db.reader)
                    .await?
            }
            Database::Postgres(postgres) => {
                sqlx::query_scalar::<_, i32>(one)
                    .fetch_one(&postgres.pool)
                    .await?
            }
        };
        Ok(())
    }
}

/// Takes the server lock of the SQLite file at `path`, before anything
/// else opens it. The lock goes with the process, however it ends.
fn lock_for_server(path: &std::path::Path) -> Result<SoleServer, DbError> {
    let lock_path = format!("{}-server.lock", path.display());
    let lock_error = |source| DbError::Lock {
        path: lock_path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(lock_error)?;
    match file.try_lock() {
        Ok(()) => Ok(SoleServer {
            _lock: file,
            heads: KnownHeads::trusted(),
        }),
        Err(std::fs::TryLockError::WouldBlock) => Err(DbError::InUse {
            path: path.display().to_string(),
        }),
        Err(std::fs::TryLockError::Error(source)) => Err(lock_error(source)),
    }
}

async fn connect_sqlite(url: &str, as_server: bool) -> Result<SqliteDatabase, DbError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(|source| DbError::Url {
            url: url.to_string(),
            reason: source.to_string(),
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
    let sole_server = match as_server {
        true => Some(Arc::new(lock_for_server(options.get_filename())?)),
        false => None,
    };
    let open_error = |source| DbError::Open {
        url: url.to_string(),
        source,
    };
    let writer = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await
        .map_err(open_error)?;
    sqlx::migrate!("../migrations/sqlite").run(&writer).await?;
    let reader = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options.read_only(true))
        .await
        .map_err(open_error)?;
    Ok(SqliteDatabase {
        writer,
        reader,
        sole_server,
    })
}

async fn connect_postgres(url: &str, as_server: bool) -> Result<PostgresDatabase, DbError> {
    let options = PgConnectOptions::from_str(url).map_err(|source| DbError::Url {
        url: redacted(url),
        reason: source.to_string(),
    })?;
    let pool = PgPoolOptions::new()
        .max_connections(POSTGRES_CONNECTIONS)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(|source| DbError::Open {
            url: redacted(url),
            source,
        })?;
    // sqlx holds a PostgreSQL advisory lock while migrating, so several
    // processes starting together apply each migration once.
    sqlx::migrate!("../migrations/postgres").run(&pool).await?;
    let follower = as_server.then(|| {
        let heads = Arc::new(KnownHeads::untrusted());
        let task = tokio::spawn(postgres_heads(pool.clone(), heads.clone()));
        Arc::new(Follower {
            heads,
            task: task.abort_handle(),
        })
    });
    Ok(PostgresDatabase { pool, follower })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_heads_keep_the_newest_report() {
        let heads = KnownHeads::trusted();
        assert_eq!(heads.get("a").0, None);
        heads.report("a", KnownHead::Latest(3));
        // a reader that read before a save committed reports late
        let (_, generation) = heads.get("a");
        heads.report_read("a", KnownHead::Latest(2), generation);
        assert_eq!(heads.get("a").0, Some(KnownHead::Latest(3)));
        heads.report("a", KnownHead::Latest(4));
        assert_eq!(heads.get("a").0, Some(KnownHead::Latest(4)));
        // a deletion is final
        heads.report("a", KnownHead::Deleted);
        heads.report("a", KnownHead::Latest(9));
        assert_eq!(heads.get("a").0, Some(KnownHead::Deleted));
        assert_eq!(heads.get("b").0, None);
    }

    #[test]
    fn heads_are_forgotten_while_saves_may_go_unheard() {
        let heads = KnownHeads::untrusted();
        heads.report("a", KnownHead::Latest(1));
        assert_eq!(heads.get("a").0, None, "not trusted before listening");
        heads.trust();
        heads.report("a", KnownHead::Latest(2));
        let (known, before_loss) = heads.get("b");
        assert_eq!(known, None);
        // the connection drops while a reader reads "b"
        heads.forget();
        assert_eq!(heads.get("a").0, None, "forgotten at once");
        heads.report("a", KnownHead::Latest(3));
        heads.trust();
        assert_eq!(heads.get("a").0, None, "nothing heard while deaf is kept");
        // the reader's answer may predate a save nobody heard: dropped
        heads.report_read("b", KnownHead::Latest(1), before_loss);
        assert_eq!(heads.get("b").0, None);
        let (_, now) = heads.get("b");
        heads.report_read("b", KnownHead::Latest(5), now);
        assert_eq!(heads.get("b").0, Some(KnownHead::Latest(5)));
    }

    #[test]
    fn announcements_read_back() {
        for head in [KnownHead::Latest(7), KnownHead::Deleted] {
            let payload = head_announcement("AbC-_1234567890abcdefgh", head);
            assert_eq!(
                parse_announcement(&payload),
                Some(("AbC-_1234567890abcdefgh", head))
            );
        }
        assert_eq!(parse_announcement("id"), None);
        assert_eq!(parse_announcement("id seven"), None);
    }

    #[tokio::test]
    async fn one_server_per_sqlite_file() {
        let dir = std::env::temp_dir().join(format!("breakeven-lock-{}", std::process::id()));
        let url = format!("sqlite://{}/db.sqlite", dir.display());
        let first = Database::connect_server(&url).await.expect("first server");
        let second = Database::connect_server(&url)
            .await
            .expect_err("second server");
        assert!(matches!(second, DbError::InUse { .. }), "{second}");
        assert!(second.to_string().contains("db.sqlite"), "{second}");
        // other tools (export, import) may still open it
        let tool = Database::connect(&url)
            .await
            .expect("a tool beside the server");
        drop(tool);
        // the lock goes with the server
        drop(first);
        let again = Database::connect_server(&url)
            .await
            .expect("after the first stopped");
        assert!(again.known_heads().is_some());
        drop(again);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_scheme_chooses_the_backend() {
        assert_eq!(
            Backend::of_url("sqlite://data/x.db").unwrap(),
            Backend::Sqlite
        );
        assert_eq!(
            Backend::of_url("postgres://u@h/db").unwrap(),
            Backend::Postgres
        );
        assert_eq!(
            Backend::of_url("postgresql://u@h/db").unwrap(),
            Backend::Postgres
        );
        let error = Backend::of_url("mysql://root:hunter2@h/db").unwrap_err();
        assert!(
            error.to_string().contains("sqlite: or postgres:"),
            "{error}"
        );
        assert!(!error.to_string().contains("hunter2"), "{error}");
    }

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redacted("postgres://app:s3cret@db.example:5432/breakeven?sslmode=require"),
            "postgres://app:***@db.example:5432/breakeven?sslmode=require"
        );
        assert_eq!(
            redacted("postgres://localhost/db"),
            "postgres://localhost/db"
        );
        assert_eq!(redacted("postgres://app@h/db"), "postgres://app@h/db");
        assert_eq!(redacted("sqlite://data/x.db"), "sqlite://data/x.db");
    }
}
