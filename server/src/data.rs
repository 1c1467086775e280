//! `server data export` / `server data import`: every scenario with all its
//! revisions, between any two `DATABASE_URL`s, as JSON Lines. The first line
//! names the format; each further line is one scenario (see
//! `app::ssr::ScenarioRecord`). Moving the SQLite file to PostgreSQL:
//!
//! ```text
//! server data export --output scenarios.jsonl
//! DATABASE_URL=postgres://… server data import --input scenarios.jsonl
//! ```

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
    if let DataCommand::Export { .. } = command {
        refuse_missing_sqlite_file(database_url)?;
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
    }
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
