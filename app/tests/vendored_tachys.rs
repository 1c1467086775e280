//! The patched renderer (`vendor/tachys`, see its PATCH.md) is the one every
//! build uses, at the version Leptos asks for. If an upgrade of Leptos asked
//! for a newer tachys, cargo would quietly take it from crates.io and the
//! patch (and the first-page budget it holds) would be lost: this fails first.

use serde_json::Value;
use std::process::Command;

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON")
}

/// "0.2.19" as numbers.
fn version(text: &str) -> Vec<u64> {
    text.trim_start_matches(['^', '=', '~', ' '])
        .split('.')
        .map(|part| part.parse().expect("a numeric version"))
        .collect()
}

#[test]
fn the_resolved_tachys_is_the_patched_copy_at_the_version_leptos_asks_for() {
    let metadata = metadata();
    let packages = metadata["packages"].as_array().expect("packages");
    let tachys: Vec<&Value> = packages.iter().filter(|p| p["name"] == "tachys").collect();
    assert_eq!(tachys.len(), 1, "exactly one tachys in the build");
    let tachys = tachys[0];
    assert!(
        tachys["source"].is_null(),
        "tachys comes from {} instead of vendor/tachys: the [patch] no longer applies",
        tachys["source"]
    );
    let manifest = tachys["manifest_path"].as_str().unwrap_or_default();
    assert!(
        manifest.ends_with("vendor/tachys/Cargo.toml"),
        "tachys is read from {manifest}"
    );
    let vendored = version(tachys["version"].as_str().unwrap_or_default());

    let leptos = packages
        .iter()
        .find(|p| p["name"] == "leptos")
        .expect("leptos is a dependency");
    let wanted = leptos["dependencies"]
        .as_array()
        .and_then(|deps| deps.iter().find(|d| d["name"] == "tachys"))
        .and_then(|d| d["req"].as_str())
        .expect("leptos depends on tachys");
    let wanted = version(wanted);
    assert_eq!(
        vendored[..2],
        wanted[..2],
        "Leptos asks for tachys {wanted:?}, vendor/tachys is {vendored:?}"
    );
    assert!(
        vendored >= wanted,
        "Leptos asks for tachys {wanted:?}, vendor/tachys is older: {vendored:?}"
    );

    let notes = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../vendor/tachys/PATCH.md"
    ))
    .expect("vendor/tachys/PATCH.md");
    let named = format!("tachys {}", tachys["version"].as_str().unwrap_or_default());
    assert!(
        notes.contains(&named),
        "PATCH.md describes the patch of {named}"
    );
}

#[test]
fn the_vendored_copy_holds_exactly_its_reviewed_patch() {
    // `git apply -R --check` succeeds only if every line the patch adds is
    // in the copy, in place: a copy replaced by upstream's (or edited past
    // the patch) fails here.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let output = Command::new("git")
        .args(["apply", "-R", "--check", "vendor/tachys/PATCH.diff"])
        .current_dir(root)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "vendor/tachys does not hold PATCH.diff: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
