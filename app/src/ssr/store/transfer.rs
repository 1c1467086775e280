//! Moving scenarios between databases (`server data export` / `data import`):
//! a scenario travels as one record holding its row and every revision, with
//! the scenario JSON, times and edit-key hash exactly as stored, so a
//! scenario moved from SQLite to PostgreSQL keeps its id, its history and
//! its edit key.

use super::{is_well_formed_id, on_backend, Database, StoreError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The first line of an export file names its format.
pub const EXPORT_FORMAT: &str = "breakeven-scenarios/1";

/// One scenario with every revision, as exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioRecord {
    pub id: String,
    /// SHA-256 of the edit key, base64url: the key keeps working after a move.
    pub edit_key_sha256: String,
    pub forked_from: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Set for a deleted scenario, which has no revisions left but keeps its
    /// id reserved (it answers 410).
    pub deleted_at: Option<String>,
    pub latest_revision: u32,
    /// Oldest first.
    pub revisions: Vec<RevisionRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RevisionRecord {
    pub revision: u32,
    pub created_at: String,
    /// Exactly as saved.
    pub scenario_json: String,
}

/// What importing one record did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Imported {
    Added,
    /// The same scenario, identical, was already there (a re-run import).
    AlreadyPresent,
}

#[derive(sqlx::FromRow)]
struct ScenarioRow {
    id: String,
    edit_key_sha256: Vec<u8>,
    forked_from: Option<String>,
    created_at: String,
    updated_at: String,
    deleted_at: Option<String>,
    latest_revision: i64,
}

impl ScenarioRecord {
    /// Whether the record can be stored as it is; the message names the field.
    pub fn check(&self) -> Result<(), StoreError> {
        let invalid = |message: String| Err(StoreError::Invalid(message));
        if !is_well_formed_id(&self.id) {
            return invalid(format!("id {:?} is not a scenario id", self.id));
        }
        let named = |field: &str| format!("scenario {}: {field}", self.id);
        match URL_SAFE_NO_PAD.decode(&self.edit_key_sha256) {
            Ok(hash) if hash.len() == 32 => {}
            _ => return invalid(named("edit_key_sha256 must be 32 bytes in base64url")),
        }
        if let Some(source) = &self.forked_from {
            if !is_well_formed_id(source) {
                return invalid(named("forked_from is not a scenario id"));
            }
        }
        let numbers_in_order = self
            .revisions
            .iter()
            .zip(1u32..)
            .all(|(revision, expected)| revision.revision == expected);
        if !numbers_in_order {
            return invalid(named("revisions must be numbered 1, 2, 3, … in order"));
        }
        let count = self.revisions.len();
        let complete = match self.deleted_at {
            Some(_) => count == 0,
            None => count >= 1 && count == self.latest_revision as usize,
        };
        if !complete {
            return invalid(named(
                "latest_revision must equal the number of revisions (none once deleted)",
            ));
        }
        Ok(())
    }
}

impl Database {
    /// Every scenario id, deleted ones included, in byte order (the same on
    /// both backends, whatever PostgreSQL's collation).
    pub async fn scenario_ids(&self) -> Result<Vec<String>, StoreError> {
        let mut ids: Vec<String> = on_backend!(self, |reader, _writer, _dialect| {
            sqlx::query_scalar("SELECT id FROM scenarios")
                .fetch_all(reader)
                .await?
        });
        ids.sort_unstable();
        Ok(ids)
    }

    /// Scenario `id` with every revision, or `None` if there is no such id.
    pub async fn export_scenario(&self, id: &str) -> Result<Option<ScenarioRecord>, StoreError> {
        let (row, revisions): (Option<ScenarioRow>, Vec<(i64, String, String)>) =
            on_backend!(self, |reader, _writer, _dialect| {
                // One snapshot for both reads: a save in between cannot make
                // the record inconsistent.
                let mut tx = reader.begin().await?;
                let row = sqlx::query_as(
                    "SELECT id, edit_key_sha256, forked_from, created_at, updated_at, \
                            deleted_at, latest_revision \
                     FROM scenarios WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let revisions = sqlx::query_as(
                    "SELECT revision, created_at, scenario_json FROM revisions \
                     WHERE scenario_id = $1 ORDER BY revision",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
                tx.commit().await?;
                (row, revisions)
            });
        let Some(row) = row else {
            return Ok(None);
        };
        let number = |stored: i64| {
            u32::try_from(stored)
                .map_err(|_| StoreError::Invalid(format!("scenario {id}: revision {stored}")))
        };
        Ok(Some(ScenarioRecord {
            id: row.id,
            edit_key_sha256: URL_SAFE_NO_PAD.encode(row.edit_key_sha256),
            forked_from: row.forked_from,
            created_at: row.created_at,
            updated_at: row.updated_at,
            deleted_at: row.deleted_at,
            latest_revision: number(row.latest_revision)?,
            revisions: revisions
                .into_iter()
                .map(|(revision, created_at, scenario_json)| {
                    Ok(RevisionRecord {
                        revision: number(revision)?,
                        created_at,
                        scenario_json,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
        }))
    }

    /// Stores an exported scenario under its own id. Importing the same file
    /// twice is harmless; a different scenario under an existing id is
    /// refused, never overwritten.
    pub async fn import_scenario(&self, record: &ScenarioRecord) -> Result<Imported, StoreError> {
        record.check()?;
        if let Some(existing) = self.export_scenario(&record.id).await? {
            return if existing == *record {
                Ok(Imported::AlreadyPresent)
            } else {
                Err(StoreError::Invalid(format!(
                    "scenario {} already exists here with different content",
                    record.id
                )))
            };
        }
        self.insert_record(record).await?;
        Ok(Imported::Added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> ScenarioRecord {
        ScenarioRecord {
            id: "AAAAAAAAAAAAAAAAAAAAAA".to_string(),
            edit_key_sha256: URL_SAFE_NO_PAD.encode([7u8; 32]),
            forked_from: None,
            created_at: "2026-11-29T00:00:00.000Z".to_string(),
            updated_at: "2026-11-29T00:00:01.000Z".to_string(),
            deleted_at: None,
            latest_revision: 2,
            revisions: (1..=2)
                .map(|revision| RevisionRecord {
                    revision,
                    created_at: "2026-11-29T00:00:00.000Z".to_string(),
                    scenario_json: "{}".to_string(),
                })
                .collect(),
        }
    }

    fn refusal(change: impl FnOnce(&mut ScenarioRecord)) -> String {
        let mut broken = record();
        change(&mut broken);
        match broken.check() {
            Err(StoreError::Invalid(message)) => message,
            other => panic!("accepted a broken record: {other:?}"),
        }
    }

    #[test]
    fn a_consistent_record_is_accepted_and_a_broken_one_refused_by_field() {
        assert!(record().check().is_ok());
        assert!(refusal(|r| r.id = "../etc".to_string()).contains("is not a scenario id"));
        assert!(refusal(|r| r.edit_key_sha256 = "c2hvcnQ".to_string()).contains("edit_key_sha256"));
        assert!(refusal(|r| r.forked_from = Some("x".to_string())).contains("forked_from"));
        assert!(refusal(|r| r.revisions[1].revision = 3).contains("numbered 1, 2, 3"));
        assert!(refusal(|r| r.latest_revision = 3).contains("latest_revision"));
        assert!(refusal(|r| r.revisions.clear()).contains("latest_revision"));
        assert!(
            refusal(|r| r.deleted_at = Some("2026-11-29T00:00:02.000Z".to_string()))
                .contains("none once deleted")
        );
        let mut deleted = record();
        deleted.deleted_at = Some("2026-11-29T00:00:02.000Z".to_string());
        deleted.revisions.clear();
        assert!(deleted.check().is_ok(), "a deleted scenario keeps its id");
    }
}
