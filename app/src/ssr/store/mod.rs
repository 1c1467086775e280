//! Saved scenarios: random public ids, hashed edit keys, append-only
//! revisions with optimistic concurrency, forks and deletes. The REST API and
//! the page's server functions both go through these functions, and every
//! query here runs unchanged on SQLite and PostgreSQL (`$n` parameters work
//! on both); `Dialect` holds the two places where they differ.

mod transfer;

pub use transfer::{Imported, RevisionRecord, ScenarioRecord, EXPORT_FORMAT};

use super::db::{head_announcement, Database, KnownHead, HEADS_CHANNEL};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::time::SystemTime;
use subtle::ConstantTimeEq;

/// What can go wrong with a stored scenario.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no scenario with this id")]
    NotFound,
    #[error("this scenario was deleted")]
    Gone,
    #[error("the edit key does not match")]
    Forbidden,
    #[error("the scenario has changed: the latest revision is {current}")]
    Conflict { current: u32 },
    /// An imported record that cannot be stored as it is (the message names
    /// the scenario and the field).
    #[error("{0}")]
    Invalid(String),
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
    #[error("the write stopped before it finished: {0}")]
    Interrupted(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// A scenario just created (or forked): the edit key is shown only now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub edit_key: String,
    pub revision: u32,
}

/// One revision of a scenario with the scenario's own metadata.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRevision {
    pub id: String,
    pub revision: u32,
    /// The newest revision number (equal to `revision` for the latest).
    pub latest_revision: u32,
    pub created_at: String,
    pub updated_at: String,
    pub forked_from: Option<String>,
    pub revision_created_at: String,
    /// The scenario JSON exactly as it was saved.
    pub scenario_json: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionInfo {
    pub revision: u32,
    pub created_at: String,
}

/// 128 random bits, base64url: 22 characters.
const ID_BYTES: usize = 16;
/// 256 random bits, base64url: 43 characters.
const KEY_BYTES: usize = 32;

fn random_token(bytes: usize) -> Result<String, StoreError> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|e| StoreError::Random(e.to_string()))?;
    Ok(URL_SAFE_NO_PAD.encode(buffer))
}

fn key_hash(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

fn now() -> String {
    humantime::format_rfc3339_millis(SystemTime::now()).to_string()
}

/// Runs a write in a task of its own, so that a request dropped half-way (a
/// client that hangs up) neither cuts its transaction short nor commits it
/// without this process learning the scenario's new state.
async fn to_completion<T: Send + 'static>(
    write: impl std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::spawn(write)
        .await
        .map_err(|e| StoreError::Interrupted(e.to_string()))?
}

/// Whether `id` could be one of ours; anything else is simply not found,
/// without touching the database.
pub fn is_well_formed_id(id: &str) -> bool {
    id.len() == 22
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Runs `$body` on whichever backend `$db` is, with `$reader` and `$writer`
/// bound to its pools and `$dialect` to its SQL differences. The body is
/// written once and type-checked for each backend.
macro_rules! on_backend {
    ($db:expr, |$reader:ident, $writer:ident, $dialect:ident| $body:expr) => {
        match $db {
            $crate::ssr::db::Database::Sqlite(sqlite) => {
                let ($reader, $writer, $dialect) =
                    (&sqlite.reader, &sqlite.writer, &$crate::ssr::store::SQLITE);
                let _ = ($reader, $writer, $dialect);
                $body
            }
            $crate::ssr::db::Database::Postgres(postgres) => {
                let pool = &postgres.pool;
                let ($reader, $writer, $dialect) = (pool, pool, &$crate::ssr::store::POSTGRES);
                let _ = ($reader, $writer, $dialect);
                $body
            }
        }
    };
}
pub(crate) use on_backend;

/// Where the backends' SQL differs: how a write transaction starts, how
/// it reads (and, on PostgreSQL, locks) the scenario row it will change, and
/// how it tells other server processes what it changed.
pub(crate) struct Dialect {
    /// SQLite: `BEGIN IMMEDIATE` takes the database's write lock up front,
    /// so a transaction never fails half-way with "database is locked".
    pub begin_write: &'static str,
    /// PostgreSQL: `FOR UPDATE` makes concurrent saves of one scenario (from
    /// any server process) wait for each other and then see the new head.
    pub lock_head: &'static str,
    /// PostgreSQL: announces a save or delete to every server process
    /// (`pg_notify` in the transaction, heard only if it commits; see
    /// `db::postgres_heads`). A SQLite file has one server, which knows.
    pub announce: Option<&'static str>,
}

macro_rules! head_sql {
    () => {
        "SELECT edit_key_sha256, latest_revision, deleted_at IS NOT NULL AS deleted \
         FROM scenarios WHERE id = $1"
    };
}

pub(crate) const SQLITE: Dialect = Dialect {
    begin_write: "BEGIN IMMEDIATE",
    lock_head: head_sql!(),
    announce: None,
};

pub(crate) const POSTGRES: Dialect = Dialect {
    begin_write: "BEGIN",
    lock_head: concat!(head_sql!(), " FOR UPDATE"),
    announce: Some("SELECT pg_notify($1, $2)"),
};

const INSERT_SCENARIO: &str = "INSERT INTO scenarios \
     (id, edit_key_sha256, forked_from, created_at, updated_at, deleted_at, latest_revision) \
     VALUES ($1, $2, $3, $4, $5, $6, $7)";

const INSERT_REVISION: &str =
    "INSERT INTO revisions (scenario_id, revision, scenario_json, created_at) VALUES ($1, $2, $3, $4)";

/// The stored row of a scenario, without any revision.
#[derive(sqlx::FromRow)]
struct Head {
    #[sqlx(rename = "edit_key_sha256")]
    key_hash: Vec<u8>,
    latest_revision: i64,
    deleted: bool,
}

fn check_key(head: &Head, key: &str) -> Result<(), StoreError> {
    if head.deleted {
        return Err(StoreError::Gone);
    }
    // Compare hashes in constant time: the comparison leaks nothing about the key.
    if bool::from(key_hash(key).ct_eq(&head.key_hash)) {
        Ok(())
    } else {
        Err(StoreError::Forbidden)
    }
}

/// A revision joined with its scenario; the revision columns are empty when
/// the scenario exists but the revision does not (or was deleted).
#[derive(sqlx::FromRow)]
struct RevisionRow {
    created_at: String,
    updated_at: String,
    forked_from: Option<String>,
    latest_revision: i64,
    deleted: bool,
    revision: Option<i64>,
    revision_created_at: Option<String>,
    scenario_json: Option<String>,
}

/// Revision numbers are stored as 64-bit integers (PostgreSQL has no
/// unsigned type); every stored one was written from a `u32`.
fn revision_number(stored: i64) -> u32 {
    u32::try_from(stored).unwrap_or(u32::MAX)
}

/// The revisions primary key refused a second revision `n`: another
/// process (or connection) saved first.
fn conflict_if_taken(revision: u32) -> impl FnOnce(sqlx::Error) -> StoreError {
    move |error| match &error {
        sqlx::Error::Database(db) if db.is_unique_violation() => {
            StoreError::Conflict { current: revision }
        }
        _ => StoreError::Database(error),
    }
}

impl Database {
    /// Stores a new scenario as revision 1.
    pub async fn create_scenario(
        &self,
        scenario_json: &str,
        forked_from: Option<&str>,
    ) -> Result<Created, StoreError> {
        let created = Created {
            id: random_token(ID_BYTES)?,
            edit_key: random_token(KEY_BYTES)?,
            revision: 1,
        };
        let at = now();
        let record = ScenarioRecord {
            id: created.id.clone(),
            edit_key_sha256: URL_SAFE_NO_PAD.encode(key_hash(&created.edit_key)),
            forked_from: forked_from.map(str::to_string),
            created_at: at.clone(),
            updated_at: at.clone(),
            deleted_at: None,
            latest_revision: 1,
            revisions: vec![RevisionRecord {
                revision: 1,
                created_at: at,
                scenario_json: scenario_json.to_string(),
            }],
        };
        self.insert_record(&record).await?;
        Ok(created)
    }

    /// Writes a whole scenario (its row and every revision) in one
    /// transaction: a new one, or one being imported.
    async fn insert_record(&self, record: &ScenarioRecord) -> Result<(), StoreError> {
        let key_hash = URL_SAFE_NO_PAD
            .decode(&record.edit_key_sha256)
            .map_err(|_| StoreError::Invalid("edit_key_sha256 is not base64url".to_string()))?;
        on_backend!(self, |_reader, writer, dialect| {
            let mut tx = writer.begin_with(dialect.begin_write).await?;
            sqlx::query(INSERT_SCENARIO)
                .bind(&record.id)
                .bind(&key_hash)
                .bind(&record.forked_from)
                .bind(&record.created_at)
                .bind(&record.updated_at)
                .bind(&record.deleted_at)
                .bind(i64::from(record.latest_revision))
                .execute(&mut *tx)
                .await?;
            for revision in &record.revisions {
                sqlx::query(INSERT_REVISION)
                    .bind(&record.id)
                    .bind(i64::from(revision.revision))
                    .bind(&revision.scenario_json)
                    .bind(&revision.created_at)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    async fn head(&self, id: &str) -> Result<Head, StoreError> {
        if !is_well_formed_id(id) {
            return Err(StoreError::NotFound);
        }
        let head: Option<Head> = on_backend!(self, |reader, _writer, _dialect| {
            sqlx::query_as(head_sql!())
                .bind(id)
                .fetch_optional(reader)
                .await?
        });
        head.ok_or(StoreError::NotFound)
    }

    /// The number of a scenario's latest revision: NotFound or Gone as for
    /// any read. Cheap, because the page cache asks it on every page view:
    /// what a server knows already (see `KnownHeads`), or one indexed row.
    pub async fn latest_revision(&self, id: &str) -> Result<u32, StoreError> {
        let known = self.known_heads();
        let generation = match known.map(|heads| heads.get(id)) {
            Some((Some(KnownHead::Latest(revision)), _)) => return Ok(revision),
            Some((Some(KnownHead::Deleted), _)) => return Err(StoreError::Gone),
            Some((None, generation)) => Some(generation),
            None => None,
        };
        let head = self.head(id).await?;
        let latest = match head.deleted {
            true => KnownHead::Deleted,
            false => KnownHead::Latest(revision_number(head.latest_revision)),
        };
        if let (Some(heads), Some(generation)) = (known, generation) {
            heads.report_read(id, latest, generation);
        }
        match latest {
            KnownHead::Latest(revision) => Ok(revision),
            KnownHead::Deleted => Err(StoreError::Gone),
        }
    }

    fn report(&self, id: &str, head: KnownHead) {
        if let Some(heads) = self.known_heads() {
            heads.report(id, head);
        }
    }

    /// The latest revision (`None`) or revision `n`, in one query.
    pub async fn scenario_revision(
        &self,
        id: &str,
        revision: Option<u32>,
    ) -> Result<StoredRevision, StoreError> {
        if !is_well_formed_id(id) {
            return Err(StoreError::NotFound);
        }
        let row: Option<RevisionRow> = on_backend!(self, |reader, _writer, _dialect| {
            sqlx::query_as(
                "SELECT s.created_at, s.updated_at, s.forked_from, s.latest_revision, \
                        s.deleted_at IS NOT NULL AS deleted, \
                        r.revision, r.created_at AS revision_created_at, r.scenario_json \
                 FROM scenarios s LEFT JOIN revisions r \
                   ON r.scenario_id = s.id AND r.revision = COALESCE($2, s.latest_revision) \
                 WHERE s.id = $1",
            )
            .bind(id)
            .bind(revision.map(i64::from))
            .fetch_optional(reader)
            .await?
        });
        let row = row.ok_or(StoreError::NotFound)?;
        if row.deleted {
            return Err(StoreError::Gone);
        }
        let (Some(revision), Some(revision_created_at), Some(scenario_json)) =
            (row.revision, row.revision_created_at, row.scenario_json)
        else {
            return Err(StoreError::NotFound);
        };
        Ok(StoredRevision {
            id: id.to_string(),
            revision: revision_number(revision),
            latest_revision: revision_number(row.latest_revision),
            created_at: row.created_at,
            updated_at: row.updated_at,
            forked_from: row.forked_from,
            revision_created_at,
            scenario_json,
        })
    }

    /// Every revision number with its time, oldest first.
    pub async fn scenario_revisions(&self, id: &str) -> Result<Vec<RevisionInfo>, StoreError> {
        if self.head(id).await?.deleted {
            return Err(StoreError::Gone);
        }
        let rows: Vec<(i64, String)> = on_backend!(self, |reader, _writer, _dialect| {
            sqlx::query_as(
                "SELECT revision, created_at FROM revisions WHERE scenario_id = $1 ORDER BY revision",
            )
            .bind(id)
            .fetch_all(reader)
            .await?
        });
        Ok(rows
            .into_iter()
            .map(|(revision, created_at)| RevisionInfo {
                revision: revision_number(revision),
                created_at,
            })
            .collect())
    }

    /// Checks an edit key without changing anything.
    pub async fn check_edit_key(&self, id: &str, key: &str) -> Result<(), StoreError> {
        check_key(&self.head(id).await?, key)
    }

    /// Adds revision `base + 1` if `base` is still the latest revision.
    pub async fn save_revision(
        &self,
        id: &str,
        key: &str,
        base_revision: u32,
        scenario_json: &str,
    ) -> Result<u32, StoreError> {
        let db = self.clone();
        let (id, key, json) = (id.to_owned(), key.to_owned(), scenario_json.to_owned());
        to_completion(async move {
            let revision = db.save_now(&id, &key, base_revision, &json).await?;
            db.report(&id, KnownHead::Latest(revision));
            Ok(revision)
        })
        .await
    }

    async fn save_now(
        &self,
        id: &str,
        key: &str,
        base_revision: u32,
        scenario_json: &str,
    ) -> Result<u32, StoreError> {
        if !is_well_formed_id(id) {
            return Err(StoreError::NotFound);
        }
        let revision = base_revision.checked_add(1).ok_or(StoreError::Conflict {
            current: base_revision,
        })?;
        let at = now();
        on_backend!(self, |_reader, writer, dialect| {
            let mut tx = writer.begin_with(dialect.begin_write).await?;
            let head: Head = sqlx::query_as(dialect.lock_head)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            check_key(&head, key)?;
            if head.latest_revision != i64::from(base_revision) {
                return Err(StoreError::Conflict {
                    current: revision_number(head.latest_revision),
                });
            }
            sqlx::query(INSERT_REVISION)
                .bind(id)
                .bind(i64::from(revision))
                .bind(scenario_json)
                .bind(&at)
                .execute(&mut *tx)
                .await
                .map_err(conflict_if_taken(revision))?;
            sqlx::query("UPDATE scenarios SET latest_revision = $1, updated_at = $2 WHERE id = $3")
                .bind(i64::from(revision))
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if let Some(announce) = dialect.announce {
                sqlx::query(announce)
                    .bind(HEADS_CHANNEL)
                    .bind(head_announcement(id, KnownHead::Latest(revision)))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await.map_err(conflict_if_taken(revision))?;
        });
        Ok(revision)
    }

    /// Deletes every revision; the id stays reserved and answers 410.
    pub async fn delete_scenario(&self, id: &str, key: &str) -> Result<(), StoreError> {
        let db = self.clone();
        let (id, key) = (id.to_owned(), key.to_owned());
        to_completion(async move {
            db.delete_now(&id, &key).await?;
            db.report(&id, KnownHead::Deleted);
            Ok(())
        })
        .await
    }

    async fn delete_now(&self, id: &str, key: &str) -> Result<(), StoreError> {
        if !is_well_formed_id(id) {
            return Err(StoreError::NotFound);
        }
        let at = now();
        on_backend!(self, |_reader, writer, dialect| {
            let mut tx = writer.begin_with(dialect.begin_write).await?;
            let head: Head = sqlx::query_as(dialect.lock_head)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(StoreError::NotFound)?;
            check_key(&head, key)?;
            sqlx::query("DELETE FROM revisions WHERE scenario_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("UPDATE scenarios SET deleted_at = $1, updated_at = $1 WHERE id = $2")
                .bind(&at)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if let Some(announce) = dialect.announce {
                sqlx::query(announce)
                    .bind(HEADS_CHANNEL)
                    .bind(head_announcement(id, KnownHead::Deleted))
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// A new scenario whose first revision is the latest revision of `id`.
    pub async fn fork_scenario(&self, id: &str) -> Result<Created, StoreError> {
        let source = self.scenario_revision(id, None).await?;
        self.create_scenario(&source.scenario_json, Some(id)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_keys_are_long_random_base64url() {
        let id = random_token(ID_BYTES).unwrap();
        let key = random_token(KEY_BYTES).unwrap();
        assert_eq!(id.len(), 22);
        assert_eq!(key.len(), 43);
        assert!(is_well_formed_id(&id));
        assert_ne!(id, random_token(ID_BYTES).unwrap());
        assert!(!is_well_formed_id("../../etc/passwd"));
        assert!(!is_well_formed_id("short"));
    }

    #[test]
    fn only_the_hash_of_a_key_matches() {
        let head = Head {
            key_hash: key_hash("secret"),
            latest_revision: 1,
            deleted: false,
        };
        let deleted = Head {
            key_hash: key_hash("secret"),
            latest_revision: 1,
            deleted: true,
        };
        assert!(matches!(
            check_key(&deleted, "secret"),
            Err(StoreError::Gone)
        ));
        assert!(check_key(&head, "secret").is_ok());
        assert!(matches!(
            check_key(&head, "secreT"),
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(check_key(&head, ""), Err(StoreError::Forbidden)));
    }
}
