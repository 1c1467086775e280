//! Scheduled backups of a SQLite deployment (`--backup-dir`): at start and
//! then every `--backup-every`, a consistent copy of the database
//! (`Database::backup_into`, as `server data backup` takes) into the
//! directory, keeping the newest `--backup-keep`. Each one is logged.

use app::ssr::{Database, DbError};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Where, how often and how many.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
}

const PREFIX: &str = "breakeven-";
const SUFFIX: &str = ".db";

/// Takes backups on `schedule` for as long as the process runs.
pub fn spawn(db: Database, schedule: Schedule) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(schedule.every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match take(&db, &schedule.dir, schedule.keep).await {
                Ok(path) => tracing::info!(path = %path.display(), "backup taken"),
                Err(error) => tracing::error!(%error, "backup failed"),
            }
        }
    });
}

/// One backup into `dir`, named by its time (names sort by age), keeping
/// the newest `keep`. It is written under a temporary name and renamed once
/// complete, so a file named like a backup is always a whole one; the
/// oldest are removed just before the rename, so there are never more than
/// `keep`.
pub async fn take(db: &Database, dir: &Path, keep: usize) -> Result<PathBuf, BackupError> {
    let file_error = |path: &Path| {
        let path = path.display().to_string();
        move |source| BackupError::File { path, source }
    };
    std::fs::create_dir_all(dir).map_err(file_error(dir))?;
    // e.g. breakeven-2026-12-02T03-10-00.123Z.db (no colons, for every file system)
    let stamp = humantime::format_rfc3339_millis(SystemTime::now())
        .to_string()
        .replace(':', "-");
    let path = dir.join(format!("{PREFIX}{stamp}{SUFFIX}"));
    let partial = dir.join(format!("{PREFIX}{stamp}{SUFFIX}.partial"));
    db.backup_into(&partial).await?;
    let mut backups: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(file_error(dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX))
        })
        .collect();
    backups.sort();
    let excess = (backups.len() + 1).saturating_sub(keep);
    for old in &backups[..excess.min(backups.len())] {
        std::fs::remove_file(old).map_err(file_error(old))?;
    }
    std::fs::rename(&partial, &path).map_err(file_error(&path))?;
    Ok(path)
}
