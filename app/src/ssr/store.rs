//! Saved scenarios in SQLite: random public ids, hashed edit keys, append-only
//! revisions with optimistic concurrency, forks and deletes. The REST API and
//! the page's server functions both go through these functions.

use super::db::Database;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::Row;
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
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
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

/// Whether `id` could be one of ours; anything else is simply not found,
/// without touching the database.
pub fn is_well_formed_id(id: &str) -> bool {
    id.len() == 22
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The stored row of a scenario, without any revision.
struct Head {
    key_hash: Vec<u8>,
    latest_revision: u32,
    deleted: bool,
}

async fn head(executor: impl sqlx::SqliteExecutor<'_>, id: &str) -> Result<Head, StoreError> {
    if !is_well_formed_id(id) {
        return Err(StoreError::NotFound);
    }
    let row = sqlx::query(
        "SELECT edit_key_sha256, latest_revision, deleted_at IS NOT NULL AS deleted \
         FROM scenarios WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(executor)
    .await?
    .ok_or(StoreError::NotFound)?;
    Ok(Head {
        key_hash: row.get("edit_key_sha256"),
        latest_revision: row.get::<i64, _>("latest_revision") as u32,
        deleted: row.get("deleted"),
    })
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

impl Database {
    /// Stores a new scenario as revision 1.
    pub async fn create_scenario(
        &self,
        scenario_json: &str,
        forked_from: Option<&str>,
    ) -> Result<Created, StoreError> {
        let id = random_token(ID_BYTES)?;
        let edit_key = random_token(KEY_BYTES)?;
        let at = now();
        let mut tx = self.writer.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query(
            "INSERT INTO scenarios (id, edit_key_sha256, forked_from, created_at, updated_at, latest_revision) \
             VALUES (?, ?, ?, ?, ?, 1)",
        )
        .bind(&id)
        .bind(key_hash(&edit_key))
        .bind(forked_from)
        .bind(&at)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO revisions (scenario_id, revision, scenario_json, created_at) VALUES (?, 1, ?, ?)",
        )
        .bind(&id)
        .bind(scenario_json)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Created {
            id,
            edit_key,
            revision: 1,
        })
    }

    /// The latest revision (`None`) or revision `n`.
    pub async fn scenario_revision(
        &self,
        id: &str,
        revision: Option<u32>,
    ) -> Result<StoredRevision, StoreError> {
        let head = head(&self.reader, id).await?;
        if head.deleted {
            return Err(StoreError::Gone);
        }
        let wanted = revision.unwrap_or(head.latest_revision);
        let row = sqlx::query(
            "SELECT s.created_at, s.updated_at, s.forked_from, s.latest_revision, \
                    r.revision, r.created_at AS revision_created_at, r.scenario_json \
             FROM scenarios s JOIN revisions r ON r.scenario_id = s.id \
             WHERE s.id = ? AND r.revision = ?",
        )
        .bind(id)
        .bind(i64::from(wanted))
        .fetch_optional(&self.reader)
        .await?
        .ok_or(StoreError::NotFound)?;
        Ok(StoredRevision {
            id: id.to_string(),
            revision: row.get::<i64, _>("revision") as u32,
            latest_revision: row.get::<i64, _>("latest_revision") as u32,
            created_at: row.get("created_at"),
            updated_at: row.get("updated_at"),
            forked_from: row.get("forked_from"),
            revision_created_at: row.get("revision_created_at"),
            scenario_json: row.get("scenario_json"),
        })
    }

    /// Every revision number with its time, oldest first.
    pub async fn scenario_revisions(&self, id: &str) -> Result<Vec<RevisionInfo>, StoreError> {
        let head = head(&self.reader, id).await?;
        if head.deleted {
            return Err(StoreError::Gone);
        }
        let rows = sqlx::query(
            "SELECT revision, created_at FROM revisions WHERE scenario_id = ? ORDER BY revision",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| RevisionInfo {
                revision: row.get::<i64, _>("revision") as u32,
                created_at: row.get("created_at"),
            })
            .collect())
    }

    /// Checks an edit key without changing anything.
    pub async fn check_edit_key(&self, id: &str, key: &str) -> Result<(), StoreError> {
        check_key(&head(&self.reader, id).await?, key)
    }

    /// Adds revision `base + 1` if `base` is still the latest revision.
    pub async fn save_revision(
        &self,
        id: &str,
        key: &str,
        base_revision: u32,
        scenario_json: &str,
    ) -> Result<u32, StoreError> {
        let mut tx = self.writer.begin_with("BEGIN IMMEDIATE").await?;
        let head = head(&mut *tx, id).await?;
        check_key(&head, key)?;
        if head.latest_revision != base_revision {
            return Err(StoreError::Conflict {
                current: head.latest_revision,
            });
        }
        let revision = base_revision + 1;
        let at = now();
        sqlx::query(
            "INSERT INTO revisions (scenario_id, revision, scenario_json, created_at) VALUES (?, ?, ?, ?)",
        )
        .bind(id)
        .bind(i64::from(revision))
        .bind(scenario_json)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE scenarios SET latest_revision = ?, updated_at = ? WHERE id = ?")
            .bind(i64::from(revision))
            .bind(&at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(revision)
    }

    /// Deletes every revision; the id stays reserved and answers 410.
    pub async fn delete_scenario(&self, id: &str, key: &str) -> Result<(), StoreError> {
        let mut tx = self.writer.begin_with("BEGIN IMMEDIATE").await?;
        let head = head(&mut *tx, id).await?;
        check_key(&head, key)?;
        sqlx::query("DELETE FROM revisions WHERE scenario_id = ?")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE scenarios SET deleted_at = ?, updated_at = ? WHERE id = ?")
            .bind(now())
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
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
        assert!(check_key(&head, "secret").is_ok());
        assert!(matches!(
            check_key(&head, "secreT"),
            Err(StoreError::Forbidden)
        ));
        assert!(matches!(check_key(&head, ""), Err(StoreError::Forbidden)));
    }
}
