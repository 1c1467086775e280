//! `server analyze` and `server chart`: the analysis, the memo and any chart
//! of a scenario file, without a server (for notebooks and CI). The same
//! validation as the API: a bad file gets the same field-named errors, on
//! standard error, and a non-zero exit.

use crate::api::charts::{breakdown_to_csv, curves_to_csv};
use app::chart::theme::Theme;
use app::chart::{render_svg, ChartError, ChartInput, ChartKind};
use app::model::dates::date_of_day;
use app::model::{analyze, parse_scenario, Analysis, Scenario, ScenarioError};
use app::ssr::charts::{render_png, MAX_HEIGHT, MAX_WIDTH, MIN_HEIGHT, MIN_WIDTH};
use app::ssr::clock::today;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug, Clone)]
pub struct AnalyzeArgs {
    /// The scenario file (JSON, as exported or sent to the API); - reads standard input.
    pub file: PathBuf,
    /// json: the analysis, as `POST /api/v1/analyze` answers; csv: each
    /// approach's cumulative cost by month (as curves.csv); breakdown-csv:
    /// where the money goes (as breakdown.csv); md: the decision memo.
    #[arg(long, value_enum, default_value = "json")]
    pub format: AnalyzeFormat,
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalyzeFormat {
    Json,
    Csv,
    BreakdownCsv,
    Md,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ChartArgs {
    /// The scenario file (JSON); - reads standard input.
    pub file: PathBuf,
    /// amortization, per_query, totals, uncertainty, sensitivity or breakdown.
    #[arg(long)]
    pub kind: String,
    /// Where to write the chart: a .png or .svg file.
    #[arg(long)]
    pub output: PathBuf,
    #[arg(long, default_value_t = 1200)]
    pub width: u32,
    #[arg(long, default_value_t = 630)]
    pub height: u32,
    /// light or dark.
    #[arg(long, default_value = "light")]
    pub theme: String,
}

/// Why a command failed; each says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", scenario_error_lines(.0))]
    Scenario(#[from] ScenarioError),
    /// The scenario is valid but breaks a rule that holds between fields.
    #[error("{}", field_lines(.0))]
    Invalid(Vec<app::model::FieldError>),
    #[error("{0}")]
    Usage(String),
    #[error("cannot draw the chart: {0}")]
    Chart(#[from] ChartError),
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
}

fn field_lines(errors: &[app::model::FieldError]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.path, e.message))
        .collect();
    format!("invalid scenario:\n{}", lines.join("\n"))
}

fn scenario_error_lines(error: &ScenarioError) -> String {
    match error {
        ScenarioError::Invalid(errors) => field_lines(errors),
        ScenarioError::Malformed(_) => error.to_string(),
    }
}

impl CliError {
    /// 2 for input the user must fix (as a shell's usage errors), 1 otherwise.
    fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Scenario(_) | CliError::Invalid(_) | CliError::Usage(_) => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        }
    }
}

/// Runs a command, printing its error (if any) on standard error.
pub fn run(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            error.exit_code()
        }
    }
}

fn read_scenario(file: &Path) -> Result<(Scenario, Analysis), CliError> {
    let read_error = |source| CliError::Read {
        path: file.display().to_string(),
        source,
    };
    let text = if file == Path::new("-") {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(read_error)?;
        text
    } else {
        std::fs::read_to_string(file).map_err(read_error)?
    };
    let scenario = parse_scenario(&text)?;
    let analysis = analyze(&scenario).map_err(CliError::Invalid)?;
    Ok((scenario, analysis))
}

/// `server analyze FILE --format json|csv|breakdown-csv|md`, to standard output.
pub fn analyze_file(args: &AnalyzeArgs) -> Result<(), CliError> {
    let (scenario, analysis) = read_scenario(&args.file)?;
    let text = match args.format {
        AnalyzeFormat::Json => {
            let mut json = serde_json::to_string_pretty(&analysis)
                .map_err(|e| CliError::Usage(format!("cannot write the analysis: {e}")))?;
            json.push('\n');
            json
        }
        AnalyzeFormat::Csv => curves_to_csv(&analysis)?,
        AnalyzeFormat::BreakdownCsv => breakdown_to_csv(&analysis)?,
        AnalyzeFormat::Md => app::ssr::memo::memo(&scenario, &analysis, None),
    };
    use std::io::Write;
    std::io::stdout()
        .write_all(text.as_bytes())
        .map_err(|source| CliError::Write {
            path: "standard output".into(),
            source,
        })
}

/// `server chart FILE --kind K --output chart.png|svg`.
pub fn chart_file(args: &ChartArgs) -> Result<(), CliError> {
    let kind = ChartKind::from_slug(&args.kind).ok_or_else(|| {
        CliError::Usage(format!(
            "--kind: no chart \"{}\" (amortization, per_query, totals, uncertainty, sensitivity or breakdown)",
            args.kind
        ))
    })?;
    let extension = args.output.extension().and_then(|e| e.to_str());
    if !matches!(extension, Some("png" | "svg")) {
        return Err(CliError::Usage(format!(
            "--output: {} must end in .png or .svg",
            args.output.display()
        )));
    }
    let theme = Theme::from_name(&args.theme)
        .ok_or_else(|| CliError::Usage("--theme: must be light or dark".into()))?;
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&args.width) {
        return Err(CliError::Usage(format!(
            "--width: must be a whole number from {MIN_WIDTH} to {MAX_WIDTH}"
        )));
    }
    if !(MIN_HEIGHT..=MAX_HEIGHT).contains(&args.height) {
        return Err(CliError::Usage(format!(
            "--height: must be a whole number from {MIN_HEIGHT} to {MAX_HEIGHT}"
        )));
    }
    let (scenario, analysis) = read_scenario(&args.file)?;
    let as_of = date_of_day(today());
    let input = ChartInput {
        scenario: &scenario,
        analysis: &analysis,
        theme,
        as_of: &as_of,
    };
    let size = (args.width, args.height);
    let bytes = if extension == Some("png") {
        render_png(kind, &input, size)?
    } else {
        render_svg(kind, &input, size)?.into_bytes()
    };
    std::fs::write(&args.output, bytes).map_err(|source| CliError::Write {
        path: args.output.display().to_string(),
        source,
    })
}
