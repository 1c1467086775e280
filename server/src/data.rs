//! `server data export` / `server data import`: every scenario with all its
//! revisions, between any two `DATABASE_URL`s, as JSON Lines. The first line
//! names the format; each further line is one scenario (see
//! `app::ssr::ScenarioRecord`). Moving the SQLite file to PostgreSQL:
//!
//! ```text
//! server data export --output scenarios.jsonl
//! DATABASE_URL=postgres://… server data import --input scenarios.jsonl
//! ```
//!
//! `server data backup` takes a consistent copy of a SQLite database while
//! it serves, and `server data restore` brings one back into an empty
//! database (SQLite or PostgreSQL), checking the copy first.

use app::ssr::{Database, DbError, Imported, ScenarioRecord, StoreError, EXPORT_FORMAT};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Write};
use std::path::PathBuf;

#[derive(clap::Subcommand, Debug, Clone)]
pub enum DataCommand {
    /// Write every scenario of DATABASE_URL (deleted ones too, so their ids
    /// stay reserved) to a file or standard output.
    Export {
        /// File to write; standard output without it.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Add the scenarios of an export to DATABASE_URL, keeping their ids,
    /// revisions and edit keys. Scenarios already there and identical are
    /// skipped, so an interrupted import can simply be run again.
    Import {
        /// File to read; standard input without it.
        #[arg(long, short)]
        input: Option<PathBuf>,
    },
    /// Copy the SQLite database of DATABASE_URL into a new file, consistently,
    /// while servers keep reading and writing it; the copy is then checked
    /// (integrity, every scenario readable).
    Backup {
        /// The new file (refused if it exists).
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Bring a backup's scenarios into DATABASE_URL (SQLite or PostgreSQL),
    /// with their ids, revisions and edit keys. The backup is checked first
    /// and never written to.
    Restore {
        /// A file written by `data backup`.
        #[arg(long, short)]
        input: PathBuf,
        /// Restore even into a database that already holds scenarios (they
        /// stay; the backup's are added, identical ones skipped).
        #[arg(long)]
        into_non_empty: bool,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("line {line}: {message}")]
    Line { line: usize, message: String },
    /// Refused, and why (the message says what to do instead).
    #[error("{0}")]
    Refused(String),
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    format: String,
}

/// What an export or import moved.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Moved {
    pub scenarios: usize,
    pub revisions: usize,
    /// Import only: scenarios that were already there, identical.
    pub already_present: usize,
}

impl std::fmt::Display for Moved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} scenarios, {} revisions",
            self.scenarios, self.revisions
        )?;
        if self.already_present > 0 {
            write!(f, " ({} already present, skipped)", self.already_present)?;
        }
        Ok(())
    }
}

fn file_error(path: &Option<PathBuf>) -> impl Fn(std::io::Error) -> DataError + '_ {
    move |source| DataError::File {
        path: path
            .as_ref()
            .map_or("standard stream".to_string(), |p| p.display().to_string()),
        source,
    }
}

/// Runs a `data` command against the database at `database_url`.
pub async fn run(database_url: &str, command: &DataCommand) -> Result<Moved, DataError> {
    if let DataCommand::Export { .. } | DataCommand::Backup { .. } = command {
        refuse_missing_sqlite_file(database_url)?;
    }
    match command {
        DataCommand::Backup { output } => return backup(database_url, output).await,
        DataCommand::Restore {
            input,
            into_non_empty,
        } => return restore(database_url, input, *into_non_empty).await,
        DataCommand::Export { .. } | DataCommand::Import { .. } => {}
    }
    let db = Database::connect(database_url).await?;
    match command {
        DataCommand::Export { output } => {
            let sink: Box<dyn Write> = match output {
                Some(path) => Box::new(std::fs::File::create(path).map_err(file_error(output))?),
                None => Box::new(std::io::stdout().lock()),
            };
            let mut sink = std::io::BufWriter::new(sink);
            let moved = export(&db, &mut sink).await?;
            sink.flush().map_err(file_error(output))?;
            Ok(moved)
        }
        DataCommand::Import { input } => {
            let source: Box<dyn BufRead> = match input {
                Some(path) => Box::new(std::io::BufReader::new(
                    std::fs::File::open(path).map_err(file_error(input))?,
                )),
                None => Box::new(std::io::stdin().lock()),
            };
            import(&db, source).await
        }
        DataCommand::Backup { .. } | DataCommand::Restore { .. } => unreachable!("handled above"),
    }
}

/// `data backup`: `VACUUM INTO` a new file, then open the copy and check it.
async fn backup(database_url: &str, output: &std::path::Path) -> Result<Moved, DataError> {
    if output.exists() {
        return Err(DataError::Refused(format!(
            "{} exists: a backup goes into a new file",
            output.display()
        )));
    }
    if app::ssr::Backend::of_url(database_url)? != app::ssr::Backend::Sqlite {
        return Err(DbError::BackupNeedsSqlite.into());
    }
    let db = Database::connect(database_url).await?;
    db.backup_into(output).await?;
    db.close().await;
    // checked on a scratch copy: opening a database switches it to WAL mode
    // and leaves its log files beside it, which a backup should not have
    let scratch = scratch_dir()?;
    let (checked, moved) = checked_copy(output, &scratch).await?;
    checked.close().await;
    Ok(moved)
}

fn scratch_dir() -> Result<tempfile::TempDir, DataError> {
    tempfile::tempdir().map_err(at_path(std::path::Path::new("a scratch directory")))
}

/// A file error naming `path`.
fn at_path(path: &std::path::Path) -> impl Fn(std::io::Error) -> DataError + '_ {
    move |source| DataError::File {
        path: path.display().to_string(),
        source,
    }
}

/// Copies a backup into `scratch` and checks the copy there (the backup
/// itself is never opened): SQLite's integrity check, and every scenario
/// read back (what `restore` would move). The copy stays open for reading.
async fn checked_copy(
    backup: &std::path::Path,
    scratch: &tempfile::TempDir,
) -> Result<(Database, Moved), DataError> {
    let copy = scratch.path().join("backup.db");
    std::fs::copy(backup, &copy).map_err(at_path(backup))?;
    let db = Database::connect(&format!("sqlite://{}?mode=rw", copy.display())).await?;
    let integrity = db.integrity_check().await?;
    if integrity != "ok" {
        return Err(DataError::Refused(format!(
            "{} fails SQLite's integrity check: {integrity}",
            backup.display()
        )));
    }
    let moved = export(&db, &mut std::io::sink()).await?;
    Ok((db, moved))
}

/// `data restore`: the backup is copied to a scratch file first (opening
/// it applies any newer migrations), checked, then imported.
async fn restore(
    database_url: &str,
    input: &std::path::Path,
    into_non_empty: bool,
) -> Result<Moved, DataError> {
    let scratch = scratch_dir()?;
    let (backup, _) = checked_copy(input, &scratch).await?;
    let target = Database::connect(database_url).await?;
    if !into_non_empty && !target.scenario_ids().await?.is_empty() {
        return Err(DataError::Refused(
            "the database already holds scenarios: restore into an empty one, or pass \
             --into-non-empty to add the backup's to them"
                .to_string(),
        ));
    }
    // through a scratch export, not memory: a backup may hold many scenarios
    let lines = scratch.path().join("backup.jsonl");
    let mut sink = std::io::BufWriter::new(std::fs::File::create(&lines).map_err(at_path(&lines))?);
    export(&backup, &mut sink).await?;
    sink.flush().map_err(at_path(&lines))?;
    drop(sink);
    backup.close().await;
    let source = std::io::BufReader::new(std::fs::File::open(&lines).map_err(at_path(&lines))?);
    import(&target, source).await
}

/// Opening a SQLite URL creates the file: exporting from a mistyped path
/// would "succeed" with nothing in it.
fn refuse_missing_sqlite_file(database_url: &str) -> Result<(), DataError> {
    use std::str::FromStr;
    let Ok(options) = sqlx::sqlite::SqliteConnectOptions::from_str(database_url) else {
        return Ok(()); // not SQLite, or a bad URL that connect() reports
    };
    let path = options.get_filename();
    if database_url.starts_with("sqlite:") && !path.exists() {
        return Err(DataError::File {
            path: path.display().to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no SQLite database here to export",
            ),
        });
    }
    Ok(())
}

/// Writes the header and one line per scenario, in id order.
pub async fn export(db: &Database, sink: &mut impl Write) -> Result<Moved, DataError> {
    let header = Header {
        format: EXPORT_FORMAT.to_string(),
    };
    write_line(sink, &header)?;
    let mut moved = Moved::default();
    for id in db.scenario_ids().await? {
        // A scenario removed since the listing is simply not exported.
        if let Some(record) = db.export_scenario(&id).await? {
            moved.scenarios += 1;
            moved.revisions += record.revisions.len();
            write_line(sink, &record)?;
        }
    }
    Ok(moved)
}

fn write_line(sink: &mut impl Write, value: &impl Serialize) -> Result<(), DataError> {
    serde_json::to_writer(&mut *sink, value)
        .map_err(std::io::Error::from)
        .and_then(|()| sink.write_all(b"\n"))
        .map_err(|source| DataError::File {
            path: "export".to_string(),
            source,
        })
}

/// Reads an export and stores each scenario in its own transaction.
pub async fn import(db: &Database, source: impl BufRead) -> Result<Moved, DataError> {
    let mut lines = source.lines().enumerate();
    let at = |index: usize, message: String| DataError::Line {
        line: index + 1,
        message,
    };
    let header = match lines.next() {
        Some((index, line)) => {
            let line = line.map_err(|e| at(index, e.to_string()))?;
            serde_json::from_str::<Header>(&line).map_err(|e| at(index, e.to_string()))?
        }
        None => return Err(at(0, "the file is empty".to_string())),
    };
    if header.format != EXPORT_FORMAT {
        return Err(at(
            0,
            format!(
                "format {:?} is not {EXPORT_FORMAT:?}: this is not a Breakeven export",
                header.format
            ),
        ));
    }
    let mut moved = Moved::default();
    for (index, line) in lines {
        let line = line.map_err(|e| at(index, e.to_string()))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: ScenarioRecord =
            serde_json::from_str(&line).map_err(|e| at(index, e.to_string()))?;
        match db
            .import_scenario(&record)
            .await
            .map_err(|e| at(index, e.to_string()))?
        {
            Imported::Added => {
                moved.scenarios += 1;
                moved.revisions += record.revisions.len();
            }
            Imported::AlreadyPresent => moved.already_present += 1,
        }
    }
    Ok(moved)
}
