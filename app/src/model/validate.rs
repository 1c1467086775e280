//! Parsing and validation. Every error names the field by its path and says
//! the rule; all errors are collected, not just the first.

use super::params::{CostParams, Field};
use super::scenario::{Approach, PromptTokens, Scenario, TrainingTokens, MAX_SAMPLES};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;

pub const MAX_APPROACHES: usize = 8;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_ID_CHARS: usize = 64;
pub const MAX_HORIZON_MONTHS: u32 = 120;

/// Monte Carlo values one analysis may keep (see `simulated_values_rule`).
pub const MAX_SIMULATED_VALUES: u64 = 10_000_000;

/// The slowest GPU a plan may assume.
pub const MIN_GPU_TOKENS_PER_SECOND: f64 = 1.0;

/// The lowest planned GPU utilization (1%).
pub const MIN_GPU_UTILIZATION: f64 = 0.01;
/// Upper bound on any money, token or volume figure: far beyond any real
/// budget, and low enough that no total can overflow to infinity.
pub const MAX_VALUE: f64 = 1e12;

/// One problem with one field.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub path: String,
    pub message: String,
}

impl FieldError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Why a scenario document was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum ScenarioError {
    /// Not JSON at all (HTTP 400).
    Malformed(String),
    /// JSON, but not a valid scenario (HTTP 422).
    Invalid(Vec<FieldError>),
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Malformed(message) => write!(f, "malformed JSON: {message}"),
            ScenarioError::Invalid(errors) => {
                let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "invalid scenario: {}", list.join("; "))
            }
        }
    }
}

/// The scenario in `json`, or serde's error with the path of the field it
/// is about. On the server serde_path_to_error tracks the path.
#[cfg(not(target_arch = "wasm32"))]
fn deserialize(json: &str) -> Result<Scenario, (String, serde_json::Error)> {
    let deserializer = &mut serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(deserializer)
        .map_err(|error| (error.path().to_string(), error.into_inner()))
}

/// In the browser (links and drafts this app wrote itself) the path is left
/// out: tracking it doubles every deserializer in the wasm. A missing
/// field's message still names it.
#[cfg(target_arch = "wasm32")]
fn deserialize(json: &str) -> Result<Scenario, (String, serde_json::Error)> {
    serde_json::from_str(json).map_err(|error| (".".to_string(), error))
}

/// Parses and validates a scenario document.
pub fn parse_scenario(json: &str) -> Result<Scenario, ScenarioError> {
    let scenario = read_scenario(json)?;
    let errors = validate(&scenario);
    if errors.is_empty() {
        Ok(scenario)
    } else {
        Err(ScenarioError::Invalid(errors))
    }
}

/// Reads a stored scenario without checking the rules: they may have
/// tightened since it was saved (as the GPU capacity rules did), and a saved
/// scenario must still open. Its analysis then reports the rule it breaks,
/// naming the field, so the owner can mend it.
pub fn read_stored_scenario(json: &str) -> Result<Scenario, ScenarioError> {
    read_scenario(json)
}

fn read_scenario(json: &str) -> Result<Scenario, ScenarioError> {
    deserialize(json).map_err(|(path, inner)| match inner.classify() {
        serde_json::error::Category::Data => {
            let message = strip_position(&inner);
            let path = field_path(&path, &message);
            ScenarioError::Invalid(vec![FieldError::new(path, message)])
        }
        _ => ScenarioError::Malformed(inner.to_string()),
    })
}

/// The path of the offending field; for a missing field serde reports the
/// enclosing object, so the field's own name is appended.
fn field_path(path: &str, message: &str) -> String {
    let parent = if path == "." { "" } else { path };
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    match missing {
        Some(name) if parent.is_empty() => name.to_string(),
        Some(name) => format!("{parent}.{name}"),
        None => parent.to_string(),
    }
}

/// serde's message without " at line 1 column 17", which means nothing next to a path.
fn strip_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Every rule the engine relies on. Empty when the scenario is valid.
pub fn validate(scenario: &Scenario) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut fail = |path: String, message: String| errors.push(FieldError::new(path, message));

    if scenario.name.trim().is_empty() {
        fail("name".into(), "must not be empty".into());
    }
    if scenario.name.chars().count() > MAX_NAME_CHARS {
        fail(
            "name".into(),
            format!("must be at most {MAX_NAME_CHARS} characters"),
        );
    }
    let currency = &scenario.currency;
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        fail(
            "currency".into(),
            "must be a three-letter ISO 4217 code such as USD".into(),
        );
    }
    if !(1..=MAX_HORIZON_MONTHS).contains(&scenario.horizon_months) {
        fail(
            "horizon_months".into(),
            format!("must be between 1 and {MAX_HORIZON_MONTHS}"),
        );
    }
    if let Some(target) = scenario.latency_target_ms {
        if let Some(rule) = positive(target) {
            fail("latency_target_ms".into(), rule);
        }
    }
    if let Some(rule) = amount(scenario.volume.queries_per_month) {
        fail("volume.queries_per_month".into(), rule);
    }
    let growth = scenario.volume.monthly_growth_pct;
    if !growth.is_finite() || !(-50.0..=100.0).contains(&growth) {
        fail(
            "volume.monthly_growth_pct".into(),
            "must be between -50 and 100".into(),
        );
    }
    if let Some(simulation) = &scenario.simulation {
        if !(1..=MAX_SAMPLES).contains(&simulation.samples) {
            fail(
                "simulation.samples".into(),
                format!("must be between 1 and {MAX_SAMPLES}"),
            );
        } else if let Some(rule) = simulated_values_rule(scenario, simulation.samples) {
            fail("simulation.samples".into(), rule);
        }
    }

    if scenario.approaches.is_empty() {
        fail(
            "approaches".into(),
            "must list at least one approach".into(),
        );
    }
    if scenario.approaches.len() > MAX_APPROACHES {
        fail(
            "approaches".into(),
            format!("must list at most {MAX_APPROACHES} approaches"),
        );
    }
    let mut seen = HashSet::new();
    for (index, approach) in scenario.approaches.iter().enumerate() {
        let at = |field: &str| format!("approaches[{index}].{field}");
        let id = approach.id.trim();
        if id.is_empty() {
            fail(at("id"), "must not be empty".into());
        } else if approach.id.chars().count() > MAX_ID_CHARS {
            fail(
                at("id"),
                format!("must be at most {MAX_ID_CHARS} characters"),
            );
        } else if !seen.insert(approach.id.as_str()) {
            fail(at("id"), format!("duplicates the id \"{}\"", approach.id));
        }
        if approach.label.chars().count() > MAX_NAME_CHARS {
            fail(
                at("label"),
                format!("must be at most {MAX_NAME_CHARS} characters"),
            );
        }
        if let Some(model) = &approach.model {
            if model.chars().count() > MAX_NAME_CHARS {
                fail(
                    at("model"),
                    format!("must be at most {MAX_NAME_CHARS} characters"),
                );
            }
        }
        if let Some(prompt) = &approach.prompt {
            check_prompt_tokens(approach, prompt, &at, &mut fail);
        }
        if let Some(tokens) = approach.training.as_ref().and_then(|t| t.tokens.as_ref()) {
            check_training_tokens(approach, tokens, &at, &mut fail);
        }
        if approach.retraining.is_some() && approach.training.is_none() {
            fail(
                at("retraining"),
                "needs a training section: each retraining run costs training.usd_per_run".into(),
            );
        }
        let params = CostParams::from_approach(approach, scenario.cost_basis);
        for field in Field::ALL {
            if field.exists_in(approach) {
                if let Some(rule) = field_rule(field, params.get(field)) {
                    fail(at(field.path()), rule);
                }
            }
        }
        for (path, [low, high]) in &approach.ranges {
            let at_range = format!("approaches[{index}].ranges[\"{path}\"]");
            let Some(field) = Field::from_path(path).filter(|f| f.exists_in(approach)) else {
                fail(
                    at_range,
                    format!("names no field of this approach: \"{path}\""),
                );
                continue;
            };
            let value = params.get(field);
            if let Some(rule) = field_rule(field, *low).or_else(|| field_rule(field, *high)) {
                fail(at_range, format!("bounds {rule}"));
            } else if low > high {
                fail(
                    at_range,
                    format!("low ({low}) must not exceed high ({high})"),
                );
            } else if value < *low || value > *high {
                fail(
                    at_range,
                    format!("must contain the field's value {value} (range is {low} to {high})"),
                );
            }
        }
    }
    if let Some(readiness) = &scenario.readiness {
        if let Some(weeks) = readiness.prompt_iteration_weeks {
            if !(weeks.is_finite() && (0.0..=520.0).contains(&weeks)) {
                fail(
                    "readiness.prompt_iteration_weeks".into(),
                    "must be between 0 and 520 weeks".into(),
                );
            }
        }
        if let Some(recall) = readiness.retrieval_recall {
            if !(recall.is_finite() && (0.0..=1.0).contains(&recall)) {
                fail(
                    "readiness.retrieval_recall".into(),
                    "must be between 0 and 1 (a fraction of relevant chunks retrieved)".into(),
                );
            }
        }
    }
    errors
}

/// Tokens worked out from the prompt's parts: sane parts, and the per-query
/// token counts equal to their sums.
fn check_prompt_tokens(
    approach: &Approach,
    prompt: &PromptTokens,
    at: &dyn Fn(&str) -> String,
    fail: &mut dyn FnMut(String, String),
) {
    let parts = [
        ("prompt.system_tokens", prompt.system_tokens),
        ("prompt.user_tokens", prompt.user_tokens),
        ("prompt.shots", prompt.shots),
        ("prompt.tokens_per_shot", prompt.tokens_per_shot),
        ("prompt.chunks", prompt.chunks),
        ("prompt.tokens_per_chunk", prompt.tokens_per_chunk),
    ];
    let mut valid = true;
    for (path, value) in parts {
        if let Some(rule) = amount(value) {
            fail(at(path), rule);
            valid = false;
        }
    }
    if !valid {
        return;
    }
    let sums = [
        (
            "per_query.input_tokens",
            approach.per_query.input_tokens,
            prompt.input_tokens(),
            "system + user + chunks x tokens per chunk",
        ),
        (
            "per_query.cached_input_tokens",
            approach.per_query.cached_input_tokens,
            prompt.cached_input_tokens(),
            "examples x tokens per example",
        ),
    ];
    for (path, stated, expected, rule) in sums {
        if (stated - expected).abs() > 1e-9 * expected.abs().max(1.0) {
            fail(at(path), format!("must equal {rule} = {expected}"));
        }
    }
}

/// A token-priced training run: sane inputs, and `usd_per_run` worked out
/// from them (so the stored figure and its derivation never disagree).
fn check_training_tokens(
    approach: &Approach,
    tokens: &TrainingTokens,
    at: &dyn Fn(&str) -> String,
    fail: &mut dyn FnMut(String, String),
) {
    let inputs = [
        (
            "training.tokens.tokens_per_example",
            tokens.tokens_per_example,
        ),
        ("training.tokens.epochs", tokens.epochs),
        (
            "training.tokens.usd_per_1m_tokens",
            tokens.usd_per_1m_tokens,
        ),
    ];
    let mut inputs_valid = true;
    for (path, value) in inputs {
        if let Some(rule) = amount(value) {
            fail(at(path), rule);
            inputs_valid = false;
        }
    }
    let Some(data) = &approach.data else {
        fail(
            at("training.tokens"),
            "needs a data section: the run is priced per training example (data.examples)".into(),
        );
        return;
    };
    if !inputs_valid || amount(data.examples).is_some() {
        return;
    }
    let expected = tokens.usd_per_run(data.examples);
    let stated = approach
        .training
        .as_ref()
        .map_or(f64::NAN, |t| t.usd_per_run);
    if (stated - expected).abs() > 1e-9 * expected.abs().max(1.0) {
        fail(
            at("training.usd_per_run"),
            format!(
                "must equal examples x tokens per example x epochs x price per 1M tokens / 1M = {expected}"
            ),
        );
    }
}

/// The Monte Carlo keeps every month of every sample of each approach with
/// ranges (for the percentile bands): bounded so that one analysis needs at
/// most about 80 MB. The default 10,000 samples always fit.
fn simulated_values_rule(scenario: &Scenario, samples: u32) -> Option<String> {
    let ranged = scenario
        .approaches
        .iter()
        .filter(|a| !a.ranges.is_empty())
        .count() as u64;
    let months = u64::from(scenario.horizon_months.min(MAX_HORIZON_MONTHS)) + 1;
    let per_sample = ranged * months;
    (per_sample > 0 && u64::from(samples) * per_sample > MAX_SIMULATED_VALUES).then(|| {
        format!(
            "must be at most {} for {ranged} approaches with ranges over {} months \
             (samples x approaches with ranges x (months + 1) may be at most {MAX_SIMULATED_VALUES})",
            MAX_SIMULATED_VALUES / per_sample,
            months - 1,
        )
    })
}

/// The rule for one numeric field of an approach, as a message when broken.
pub fn field_rule(field: Field, value: f64) -> Option<String> {
    match field {
        // Lower bounds keep a GPU's monthly capacity physical: near zero, one
        // query needs more GPUs than any number can count (and the searches
        // for break-even volumes stop finding anything).
        Field::GpuTokensPerSecond => amount(value).or_else(|| {
            (value < MIN_GPU_TOKENS_PER_SECOND)
                .then(|| format!("must be at least {MIN_GPU_TOKENS_PER_SECOND} token per second"))
        }),
        Field::GpuUtilization => (!(value.is_finite()
            && (MIN_GPU_UTILIZATION..=1.0).contains(&value)))
        .then(|| format!("must be between {MIN_GPU_UTILIZATION} and 1 (a fraction of GPU time)")),
        Field::Accuracy => (!(value.is_finite() && (0.0..=1.0).contains(&value)))
            .then(|| "must be between 0 and 1".to_string()),
        Field::RetrainingEveryMonths => (!(value.is_finite()
            && (1.0..=f64::from(MAX_HORIZON_MONTHS)).contains(&value)))
        .then(|| format!("must be between 1 and {MAX_HORIZON_MONTHS} months")),
        Field::MinGpus => (!(value.is_finite() && (0.0..=10_000.0).contains(&value)))
            .then(|| "must be between 0 and 10000".to_string()),
        _ => amount(value),
    }
}

/// A finite, non-negative figure no larger than MAX_VALUE.
fn amount(value: f64) -> Option<String> {
    if !value.is_finite() {
        Some("must be a finite number".into())
    } else if value < 0.0 {
        Some("must not be negative".into())
    } else if value > MAX_VALUE {
        Some("must be at most 1e12".into())
    } else {
        None
    }
}

fn positive(value: f64) -> Option<String> {
    match amount(value) {
        None if value == 0.0 => Some("must be greater than 0".into()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(json: &str) -> Vec<FieldError> {
        match parse_scenario(json) {
            Err(ScenarioError::Invalid(errors)) => errors,
            other => panic!("expected validation errors, got {other:?}"),
        }
    }

    fn paths(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    const VALID: &str = r#"{"name":"t","horizon_months":12,
        "volume":{"queries_per_month":1000},
        "approaches":[{"id":"a","kind":"prompting","setup_usd":0,"per_query":{}}]}"#;

    #[test]
    fn a_minimal_scenario_is_valid() {
        let scenario = parse_scenario(VALID).unwrap();
        assert_eq!(scenario.currency, "USD");
    }

    #[test]
    fn malformed_json_is_not_a_validation_error() {
        assert!(matches!(
            parse_scenario("{\"name\": "),
            Err(ScenarioError::Malformed(_))
        ));
    }

    #[test]
    fn missing_and_unknown_fields_name_their_place() {
        let errors = errors_of(
            r#"{"name":"t","horizon_months":12,"volume":{"queries_per_month":1},
            "approaches":[{"id":"a","kind":"prompting","per_query":{}}]}"#,
        );
        assert_eq!(paths(&errors), ["approaches[0].setup_usd"]);
        assert!(errors[0].message.contains("missing field"), "{errors:?}");

        let errors = errors_of(
            r#"{"name":"t","horizon_months":12,"volume":{"queries_per_month":1,"colour":2},
            "approaches":[]}"#,
        );
        assert_eq!(paths(&errors), ["volume.colour"]);
        assert!(errors[0].message.contains("unknown field"), "{errors:?}");
    }

    #[test]
    fn a_long_simulation_of_many_ranged_approaches_is_refused_with_its_limit() {
        let scenario = |samples: u32, ranged: usize| {
            let approaches: Vec<String> = (0..8)
                .map(|i| {
                    let ranges = if i < ranged { r#"{"setup_usd":[0,2]}"# } else { "{}" };
                    format!(
                        r#"{{"id":"a{i}","kind":"prompting","setup_usd":1,"per_query":{{}},"ranges":{ranges}}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"name":"t","horizon_months":120,"volume":{{"queries_per_month":1}},
                "simulation":{{"samples":{samples},"seed":1}},"approaches":[{}]}}"#,
                approaches.join(",")
            )
        };
        let errors = errors_of(&scenario(100_000, 8));
        assert_eq!(paths(&errors), ["simulation.samples"], "{errors:?}");
        assert!(
            errors[0]
                .message
                .contains("at most 10330 for 8 approaches with ranges over 120 months"),
            "{errors:?}"
        );
        // The default sample count fits the largest scenario; few ranges allow more.
        for (samples, ranged) in [(10_000, 8), (82_000, 1), (100_000, 0)] {
            let accepted = parse_scenario(&scenario(samples, ranged));
            assert!(accepted.is_ok(), "{samples} x {ranged}: {accepted:?}");
        }
    }

    #[test]
    fn a_scenario_saved_under_looser_rules_still_opens_and_names_the_rule() {
        let json = VALID.replace(
            r#""per_query":{}"#,
            r#""per_query":{"output_tokens":100},
            "self_hosted":{"usd_per_gpu_hour":1,"tokens_per_second":100,"utilization":0.005}"#,
        );
        assert!(parse_scenario(&json).is_err(), "refused when saved anew");
        let stored = read_stored_scenario(&json).expect("a stored scenario still opens");
        let errors = crate::model::analyze(&stored).unwrap_err();
        assert_eq!(paths(&errors), ["approaches[0].self_hosted.utilization"]);
        assert!(read_stored_scenario("{").is_err());
    }

    #[test]
    fn a_gpu_must_have_physical_capacity() {
        for (field, value, message) in [
            (
                Field::GpuTokensPerSecond,
                0.5,
                "at least 1 token per second",
            ),
            (
                Field::GpuTokensPerSecond,
                7e-309,
                "at least 1 token per second",
            ),
            (
                Field::GpuTokensPerSecond,
                0.0,
                "at least 1 token per second",
            ),
            (Field::GpuTokensPerSecond, -1.0, "must not be negative"),
            (Field::GpuUtilization, 0.009, "between 0.01 and 1"),
            (Field::GpuUtilization, 4e-108, "between 0.01 and 1"),
            (Field::GpuUtilization, 1.01, "between 0.01 and 1"),
        ] {
            let error = field_rule(field, value).unwrap_or_default();
            assert!(error.contains(message), "{field:?} = {value}: {error:?}");
        }
        for (field, value) in [
            (Field::GpuTokensPerSecond, 1.0),
            (Field::GpuUtilization, 0.01),
            (Field::GpuUtilization, 1.0),
        ] {
            assert_eq!(field_rule(field, value), None, "{field:?} = {value}");
        }
    }

    #[test]
    fn every_broken_rule_is_reported_at_once() {
        let errors = errors_of(
            r#"{"name":"","horizon_months":121,"volume":{"queries_per_month":-5,"monthly_growth_pct":101},
            "approaches":[
              {"id":"a","kind":"prompting","setup_usd":-1,"per_query":{"input_tokens":-3},
               "quality":{"accuracy":1.5,"usd_per_error":1}},
              {"id":"a","kind":"fine_tuning","setup_usd":0,"per_query":{},
               "retraining":{"every_months":3,"runs":1},
               "self_hosted":{"usd_per_gpu_hour":1,"tokens_per_second":100,"utilization":0},
               "ranges":{"training.runs":[1,2],"setup_usd":[5,1],"bogus":[0,1]}}]}"#,
        );
        let found = paths(&errors);
        for expected in [
            "name",
            "horizon_months",
            "volume.queries_per_month",
            "volume.monthly_growth_pct",
            "approaches[0].setup_usd",
            "approaches[0].per_query.input_tokens",
            "approaches[0].quality.accuracy",
            "approaches[1].id",
            "approaches[1].retraining",
            "approaches[1].self_hosted.utilization",
            "approaches[1].ranges[\"training.runs\"]",
            "approaches[1].ranges[\"setup_usd\"]",
            "approaches[1].ranges[\"bogus\"]",
        ] {
            assert!(
                found.contains(&expected),
                "{expected} missing from {found:?}"
            );
        }
    }

    #[test]
    fn a_range_must_contain_the_value_and_respect_the_field_rule() {
        let base = |ranges: &str| {
            format!(
                r#"{{"name":"t","horizon_months":12,"volume":{{"queries_per_month":1}},
                "approaches":[{{"id":"a","kind":"prompting","setup_usd":10,"per_query":{{}},
                "quality":{{"accuracy":0.9,"usd_per_error":1}},"ranges":{ranges}}}]}}"#
            )
        };
        assert!(parse_scenario(&base(r#"{"setup_usd":[5,15]}"#)).is_ok());
        let errors = errors_of(&base(r#"{"setup_usd":[11,15]}"#));
        assert!(errors[0].message.contains("contain"), "{errors:?}");
        let errors = errors_of(&base(r#"{"quality.accuracy":[0.5,1.2]}"#));
        assert!(errors[0].message.contains("between 0 and 1"), "{errors:?}");
    }

    #[test]
    fn a_run_priced_by_tokens_must_add_up_and_needs_examples() {
        let scenario = |training: &str, data: &str| {
            format!(
                r#"{{"name":"t","horizon_months":12,"volume":{{"queries_per_month":1000}},
                "approaches":[{{"id":"ft","kind":"fine_tuning","setup_usd":0,"per_query":{{}}
                {data}, "training": {training}}}]}}"#
            )
        };
        let data = r#","data":{"examples":2000,"usd_per_example":1}"#;
        let priced = |usd: &str| {
            format!(
                r#"{{"runs":8,"usd_per_run":{usd},"tokens":{{"tokens_per_example":500,"epochs":3,"usd_per_1m_tokens":5}}}}"#
            )
        };
        // 2,000 x 500 x 3 = 3M tokens at $5 per 1M
        assert!(parse_scenario(&scenario(&priced("15"), data)).is_ok());
        let errors = errors_of(&scenario(&priced("16"), data));
        assert_eq!(paths(&errors), ["approaches[0].training.usd_per_run"]);
        assert!(errors[0].message.ends_with("= 15"), "{}", errors[0].message);
        let errors = errors_of(&scenario(&priced("15"), ""));
        assert_eq!(paths(&errors), ["approaches[0].training.tokens"]);
        let negative = r#"{"runs":8,"usd_per_run":0,"tokens":{"tokens_per_example":-1,"epochs":3,"usd_per_1m_tokens":5}}"#;
        let errors = errors_of(&scenario(negative, data));
        assert_eq!(
            paths(&errors),
            ["approaches[0].training.tokens.tokens_per_example"]
        );
    }

    #[test]
    fn tokens_from_the_prompt_parts_must_add_up() {
        let json = |input: u32, cached: u32| {
            format!(
                r#"{{"name":"t","horizon_months":12,"volume":{{"queries_per_month":1000}},
                "approaches":[{{"id":"rag","kind":"rag","setup_usd":0,
                "prompt":{{"system_tokens":1000,"user_tokens":200,"chunks":5,"tokens_per_chunk":300,
                           "shots":2,"tokens_per_shot":100}},
                "per_query":{{"input_tokens":{input},"cached_input_tokens":{cached}}}}}]}}"#
            )
        };
        assert!(parse_scenario(&json(2700, 200)).is_ok());
        let errors = errors_of(&json(2600, 0));
        assert_eq!(
            paths(&errors),
            [
                "approaches[0].per_query.input_tokens",
                "approaches[0].per_query.cached_input_tokens"
            ]
        );
        assert!(
            errors[0].message.ends_with("= 2700"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn the_checklist_rejects_impossible_figures() {
        let json = VALID.replacen(
            r#""name":"t","#,
            r#""name":"t","readiness":{"prompt_iteration_weeks":-2,"retrieval_recall":1.5,"rag_added":true},"#,
            1,
        );
        let errors = errors_of(&json);
        assert_eq!(
            paths(&errors),
            [
                "readiness.prompt_iteration_weeks",
                "readiness.retrieval_recall"
            ]
        );
    }

    #[test]
    fn more_than_eight_approaches_are_refused() {
        let approaches: Vec<String> = (0..9)
            .map(|i| format!(r#"{{"id":"a{i}","kind":"rag","setup_usd":0,"per_query":{{}}}}"#))
            .collect();
        let json = format!(
            r#"{{"name":"t","horizon_months":12,"volume":{{"queries_per_month":1}},"approaches":[{}]}}"#,
            approaches.join(",")
        );
        assert_eq!(paths(&errors_of(&json)), ["approaches"]);
    }

    #[test]
    fn long_names_and_odd_currencies_are_refused() {
        let name = "x".repeat(121);
        let json = VALID.replace(
            "\"name\":\"t\"",
            &format!("\"name\":\"{name}\",\"currency\":\"usd\""),
        );
        assert_eq!(paths(&errors_of(&json)), ["name", "currency"]);
    }
}
