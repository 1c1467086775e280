//! `server analyze` and `server chart` on scenario files, run as a user runs
//! them: the built binary, no server, no database.

use app::model::examples::SUPPORT_TICKET_TRIAGE;
use app::model::{analyze, parse_scenario, Analysis};
use std::path::PathBuf;
use std::process::{Command, Output};

fn server(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        // no database is touched: a path that cannot be created proves it
        .env("DATABASE_URL", "sqlite:///nonexistent/dir/db.sqlite")
        .output()
        .expect("the server binary runs")
}

fn scenario_file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn analyze_prints_the_same_analysis_as_the_model_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_file(&dir, "triage.json", SUPPORT_TICKET_TRIAGE);
    let file = file.to_str().unwrap();
    let expected = analyze(&parse_scenario(SUPPORT_TICKET_TRIAGE).unwrap()).unwrap();

    let json = server(&["analyze", file, "--format", "json"]);
    assert!(
        json.status.success(),
        "{}",
        String::from_utf8_lossy(&json.stderr)
    );
    let printed: Analysis = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(printed, expected);

    let md = server(&["analyze", file, "--format", "md"]);
    assert!(md.status.success());
    let memo = String::from_utf8(md.stdout).unwrap();
    assert!(memo.starts_with("# Support ticket triage\n"), "{memo}");
    for approach in &expected.approaches {
        let total = app::format::money(approach.total_usd, "USD");
        assert!(memo.contains(&format!("| {total} |")), "{total}:\n{memo}");
    }
    // without a server there are no chart links
    assert!(!memo.contains("## Charts"));

    let csv = server(&["analyze", file, "--format", "csv"]);
    assert!(csv.status.success());
    let csv = String::from_utf8(csv.stdout).unwrap();
    // a header and months 0..=H
    assert_eq!(csv.lines().count(), 1 + 25, "{csv}");
    let breakdown = server(&["analyze", file, "--format", "breakdown-csv"]);
    let breakdown = String::from_utf8(breakdown.stdout).unwrap();
    assert_eq!(
        breakdown.lines().count(),
        1 + expected.approaches.len(),
        "{breakdown}"
    );

    // standard input works too
    let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
        .args(["analyze", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(SUPPORT_TICKET_TRIAGE.as_bytes())
        .unwrap();
    let piped = child.wait_with_output().unwrap();
    assert!(piped.status.success());
    assert_eq!(piped.stdout, json.stdout);
}

#[test]
fn bad_files_get_the_apis_field_named_errors_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let invalid =
        SUPPORT_TICKET_TRIAGE.replacen("\"horizon_months\": 24", "\"horizon_months\": 0", 1);
    assert_ne!(
        invalid, SUPPORT_TICKET_TRIAGE,
        "the example states its horizon"
    );
    let file = scenario_file(&dir, "bad.json", &invalid);
    let output = server(&["analyze", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let app::model::ScenarioError::Invalid(errors) = parse_scenario(&invalid).unwrap_err() else {
        panic!("a rule, not malformed JSON");
    };
    for error in errors {
        assert!(
            stderr.contains(&format!("{}: {}", error.path, error.message)),
            "{stderr}"
        );
    }

    let malformed = scenario_file(&dir, "malformed.json", "{\"name\":");
    let output = server(&["analyze", malformed.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("malformed JSON"));

    let missing = dir.path().join("missing.json");
    let output = server(&["analyze", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn chart_writes_the_png_and_svg_the_api_serves() {
    let dir = tempfile::tempdir().unwrap();
    let file = scenario_file(&dir, "triage.json", SUPPORT_TICKET_TRIAGE);
    let file = file.to_str().unwrap();
    let png = dir.path().join("chart.png");
    let output = server(&[
        "chart",
        file,
        "--kind",
        "amortization",
        "--output",
        png.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    // 1200 x 630 unless asked otherwise (the IHDR chunk's width and height)
    assert_eq!(u32::from_be_bytes(bytes[16..20].try_into().unwrap()), 1200);
    assert_eq!(u32::from_be_bytes(bytes[20..24].try_into().unwrap()), 630);

    let svg = dir.path().join("breakdown.svg");
    let output = server(&[
        "chart",
        file,
        "--kind",
        "breakdown",
        "--output",
        svg.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "500",
        "--theme",
        "dark",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(
        text.starts_with("<svg") && text.contains("width=\"800\""),
        "{}",
        &text[..200.min(text.len())]
    );

    for (args, says) in [
        (vec!["--kind", "pie", "--output", "x.png"], "--kind"),
        (vec!["--kind", "totals", "--output", "x.gif"], "--output"),
        (
            vec!["--kind", "totals", "--output", "x.png", "--width", "5"],
            "--width",
        ),
        (
            vec!["--kind", "totals", "--output", "x.png", "--theme", "pink"],
            "--theme",
        ),
    ] {
        let mut all = vec!["chart", file];
        all.extend(args);
        let output = server(&all);
        assert_eq!(output.status.code(), Some(2), "{all:?}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains(says),
            "{all:?}"
        );
    }
}
