//! Parsing and validation. Every error names the field by its path and says
//! the rule; all errors are collected, not just the first.

use super::inputs::{Section, INPUTS, TEXTS};
use super::params::{CostParams, Field};
use super::scenario::{Approach, Scenario, MAX_SAMPLES};
use serde::{Deserialize, Serialize};

pub use super::inputs::{MAX_HORIZON_MONTHS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_VALUE};

pub const MAX_APPROACHES: usize = 8;

/// Monte Carlo values one analysis may keep (see `simulated_values_rule`).
pub const MAX_SIMULATED_VALUES: u64 = 10_000_000;

/// One problem with one field.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
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

/// Why a scenario document was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ScenarioError {
    /// Not JSON at all (HTTP 400).
    #[error("malformed JSON: {0}")]
    Malformed(String),
    /// JSON, but not a valid scenario (HTTP 422).
    #[error("invalid scenario: {}", list(.0))]
    Invalid(Vec<FieldError>),
}

fn list(errors: &[FieldError]) -> String {
    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
    list.join("; ")
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
/// Each input's own rule comes from the field registry; the rules between
/// fields (unique ids, sums, ranges) are written out here.
pub fn validate(scenario: &Scenario) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut fail = |path: String, message: String| errors.push(FieldError::new(path, message));

    for text in TEXTS.iter().filter(|t| !t.scope_is_approach) {
        if let Some(rule) = text.check(&scenario.name) {
            fail(text.path.into(), rule);
        }
    }
    let currency = &scenario.currency;
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        fail(
            "currency".into(),
            "must be a three-letter ISO 4217 code such as USD".into(),
        );
    }
    if let Some(prices) = &scenario.prices_from {
        if !(1..=160).contains(&prices.chars().count()) {
            fail(
                "prices_from".into(),
                "must name the price catalog in 1 to 160 characters".into(),
            );
        }
    }
    let scenario_inputs = |section: Section| {
        INPUTS
            .iter()
            .filter(move |i| i.section == section && !i.is_approach_input())
    };
    for input in scenario_inputs(Section::Scenario) {
        if let Some(rule) = input.get_in(scenario).and_then(|v| input.check(v)) {
            fail(input.path.into(), rule);
        }
    }
    if let Some(simulation) = &scenario.simulation {
        if (1..=MAX_SAMPLES).contains(&simulation.samples) {
            if let Some(rule) = simulated_values_rule(scenario, simulation.samples) {
                fail("simulation.samples".into(), rule);
            }
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
    // at most eight ids: a list is enough (and keeps hashing out of the wasm)
    let mut seen: Vec<&str> = Vec::new();
    for (index, approach) in scenario.approaches.iter().enumerate() {
        let at = |field: &str| format!("approaches[{index}].{field}");
        let mut field_errors = false;
        for text in TEXTS.iter().filter(|t| t.scope_is_approach) {
            let value = match text.path {
                "id" => Some(approach.id.as_str()),
                "label" => Some(approach.label.as_str()),
                "model" => approach.model.as_deref(),
                _ => None,
            };
            if let Some(rule) = value.and_then(|v| text.check(v)) {
                fail(at(text.path), rule);
                field_errors |= text.path == "id";
            }
        }
        if !field_errors && seen.contains(&approach.id.as_str()) {
            fail(at("id"), format!("duplicates the id \"{}\"", approach.id));
        }
        seen.push(&approach.id);
        // sections with a broken input: their sums are not checked
        let mut broken: Vec<Section> = Vec::new();
        for input in INPUTS.iter().filter(|i| i.is_approach_input()) {
            if let Some(rule) = input.get(approach).and_then(|v| input.check(v)) {
                fail(at(input.path), rule);
                broken.push(input.section);
            }
        }
        if approach.prompt.is_some() && !broken.contains(&Section::Prompt) {
            check_prompt_tokens(approach, &at, &mut fail);
        }
        if Section::TrainingTokens.present(approach) {
            check_training_tokens(approach, &broken, &at, &mut fail);
        }
        if approach.retraining.is_some() && approach.training.is_none() {
            fail(
                at("retraining"),
                "needs a training section: each retraining run costs training.usd_per_run".into(),
            );
        }
        // a range must contain its field's value as the cost model reads it
        let params = (!approach.ranges.is_empty())
            .then(|| CostParams::from_approach(approach, scenario.cost_basis));
        for (path, [low, high]) in &approach.ranges {
            let at_range = format!("approaches[{index}].ranges[\"{path}\"]");
            let Some(field) = Field::from_path(path).filter(|f| f.exists_in(approach)) else {
                fail(
                    at_range,
                    format!("names no field of this approach: \"{path}\""),
                );
                continue;
            };
            let value = params.as_ref().map_or(0.0, |p| p.get(field));
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
    check_launch(scenario, &mut fail);
    for input in scenario_inputs(Section::Checklist) {
        if let Some(rule) = input.get_in(scenario).and_then(|v| input.check(v)) {
            fail(input.path.into(), rule);
        }
    }
    errors
}

/// The incumbent must be an approach, and serves from month 1; every launch
/// (and its range) falls within the horizon.
fn check_launch(scenario: &Scenario, fail: &mut dyn FnMut(String, String)) {
    if let Some(id) = &scenario.incumbent {
        if !scenario.approaches.iter().any(|a| &a.id == id) {
            fail(
                "incumbent".into(),
                format!("names no approach: \"{id}\" (it must be one of the approaches' ids)"),
            );
            return;
        }
    }
    let horizon = scenario.horizon_months;
    let incumbent = scenario.incumbent_index();
    let path = Field::LaunchMonths.path();
    for (index, approach) in scenario.approaches.iter().enumerate() {
        let launch = approach.launch_months.unwrap_or(0);
        let range = approach.ranges.get(path);
        if index == incumbent && (launch > 0 || range.is_some_and(|r| r[1] > 0.0)) {
            let at = match range {
                Some(_) if launch == 0 => format!("approaches[{index}].ranges[\"{path}\"]"),
                _ => format!("approaches[{index}].{path}"),
            };
            fail(
                at,
                format!(
                    "must be 0: \"{}\" is the incumbent (what the team runs today), which \
                     serves from month 1; choose another incumbent or clear the delay",
                    approach.id
                ),
            );
        } else if launch > horizon {
            fail(
                format!("approaches[{index}].{path}"),
                format!("must be at most the horizon ({horizon} months)"),
            );
        } else if range.is_some_and(|r| r[1] > f64::from(horizon)) {
            fail(
                format!("approaches[{index}].ranges[\"{path}\"]"),
                format!("must end within the horizon ({horizon} months)"),
            );
        }
    }
}

/// Tokens worked out from the prompt's parts (each part already valid):
/// the per-query token counts must equal their sums.
fn check_prompt_tokens(
    approach: &Approach,
    at: &dyn Fn(&str) -> String,
    fail: &mut dyn FnMut(String, String),
) {
    let Some(prompt) = &approach.prompt else {
        return;
    };
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

/// A token-priced training run needs examples, and `usd_per_run` worked out
/// from them (so the stored figure and its derivation never disagree).
fn check_training_tokens(
    approach: &Approach,
    broken: &[Section],
    at: &dyn Fn(&str) -> String,
    fail: &mut dyn FnMut(String, String),
) {
    let Some(tokens) = approach.training.as_ref().and_then(|t| t.tokens.as_ref()) else {
        return;
    };
    let Some(data) = &approach.data else {
        fail(
            at("training.tokens"),
            "needs a data section: the run is priced per training example (data.examples)".into(),
        );
        return;
    };
    if broken.contains(&Section::TrainingTokens) || broken.contains(&Section::Data) {
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

/// The rule for one numeric field of an approach, as a message when broken
/// (the field registry's bounds).
pub fn field_rule(field: Field, value: f64) -> Option<String> {
    super::inputs::of_field(field).check(value)
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

    /// "Not empty" is the API document's pattern `\S`: ECMAScript's
    /// whitespace, which (unlike Rust's) leaves out U+0085 (found by schemathesis).
    #[test]
    fn a_text_is_blank_exactly_when_the_documents_pattern_says_so() {
        let with_id = |id: &str| VALID.replace(r#""id":"a""#, &format!(r#""id":"{id}""#));
        assert_eq!(
            paths(&errors_of(&with_id(" \\t\\u2003"))),
            ["approaches[0].id"]
        );
        assert!(parse_scenario(&with_id("\\u0085")).is_ok());
        assert!(parse_scenario(&with_id(" x ")).is_ok());
    }

    #[test]
    fn the_catalog_prices_came_from_is_named() {
        let with = |prices: &str| VALID.replacen('{', &format!("{{\"prices_from\":{prices},"), 1);
        let scenario = parse_scenario(&with(r#""litellm 1.110.2, as of 2026-11-20""#)).unwrap();
        assert_eq!(
            scenario.prices_from.unwrap(),
            "litellm 1.110.2, as of 2026-11-20"
        );
        let errors = errors_of(&with(r#""""#));
        assert_eq!(paths(&errors), ["prices_from"]);
        assert!(errors_of(&with(&format!("\"{}\"", "x".repeat(161))))[0]
            .message
            .contains("160"));
    }

    #[test]
    fn whole_numbers_may_be_written_with_a_zero_fraction() {
        let json = VALID.replace(r#""horizon_months":12"#, r#""horizon_months":12.0"#);
        assert_eq!(parse_scenario(&json).unwrap().horizon_months, 12);
        let errors =
            errors_of(&VALID.replace(r#""horizon_months":12"#, r#""horizon_months":12.5"#));
        assert_eq!(paths(&errors), ["horizon_months"]);
        assert!(errors[0].message.contains("whole number"), "{errors:?}");
        let errors = errors_of(&VALID.replace(r#""horizon_months":12"#, r#""horizon_months":-1"#));
        assert_eq!(paths(&errors), ["horizon_months"]);
        let seeded = VALID.replacen(
            r#""name":"t","#,
            r#""name":"t","simulation":{"seed":26340.0},"#,
            1,
        );
        assert_eq!(parse_scenario(&seeded).unwrap().simulation().seed, 26340);
        let huge = VALID.replacen(
            r#""name":"t","#,
            r#""name":"t","simulation":{"seed":18446744073709551615},"#,
            1,
        );
        assert_eq!(parse_scenario(&huge).unwrap().simulation().seed, u64::MAX);
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

    fn two_approaches(first: &str, second: &str, extra: &str) -> String {
        format!(
            r#"{{"name":"t","horizon_months":12,"volume":{{"queries_per_month":1}}{extra},
            "approaches":[{{"id":"p","kind":"prompting","setup_usd":0,"per_query":{{}}{first}}},
                          {{"id":"ft","kind":"fine_tuning","setup_usd":0,"per_query":{{}}{second}}}]}}"#
        )
    }

    #[test]
    fn people_evals_launch_and_trend_are_checked_naming_the_field() {
        let errors = errors_of(&two_approaches(
            r#","effort":{"setup_hours":-1},"price_trend_pct_per_year":-95"#,
            r#","evals":{"cases":1,"usd_per_case":-2},"launch_months":13"#,
            r#","team":{"usd_per_engineer_hour":-5}"#,
        ));
        assert_eq!(
            paths(&errors),
            [
                "team.usd_per_engineer_hour",
                "approaches[0].price_trend_pct_per_year",
                "approaches[0].effort.setup_hours",
                "approaches[1].evals.usd_per_case",
                "approaches[1].launch_months",
            ],
            "{errors:?}"
        );
        assert!(
            errors[1].message.contains("between -90 and 100"),
            "{errors:?}"
        );
        assert!(
            errors[4].message.contains("at most the horizon (12"),
            "{errors:?}"
        );
        let errors = errors_of(&two_approaches("", r#","launch_months":2.5"#, ""));
        assert_eq!(paths(&errors), ["approaches[1].launch_months"]);
        assert!(errors[0].message.contains("whole number"), "{errors:?}");
        // null is absent, as for every optional field (found by the API fuzzer)
        let null = parse_scenario(&two_approaches("", r#","launch_months":null"#, "")).unwrap();
        assert_eq!(null.approaches[1].launch_months, None);
        let whole = parse_scenario(&two_approaches("", r#","launch_months":3.0"#, "")).unwrap();
        assert_eq!(whole.approaches[1].launch_months, Some(3));
    }

    #[test]
    fn the_incumbent_is_an_approach_and_serves_from_month_one() {
        let errors = errors_of(&two_approaches("", "", r#","incumbent":"gpt""#));
        assert_eq!(paths(&errors), ["incumbent"]);
        assert!(errors[0].message.contains("\"gpt\""), "{errors:?}");
        // the first approach is the incumbent unless another is named
        let errors = errors_of(&two_approaches(r#","launch_months":2"#, "", ""));
        assert_eq!(paths(&errors), ["approaches[0].launch_months"]);
        assert!(errors[0].message.contains("incumbent"), "{errors:?}");
        let valid = two_approaches(r#","launch_months":2"#, "", r#","incumbent":"ft""#);
        assert_eq!(parse_scenario(&valid).unwrap().incumbent_index(), 1);
        // nor may a range delay it
        let errors = errors_of(&two_approaches(
            r#","launch_months":0,"ranges":{"launch_months":[0,3]}"#,
            "",
            "",
        ));
        assert_eq!(paths(&errors), [r#"approaches[0].ranges["launch_months"]"#]);
        let errors = errors_of(&two_approaches(
            "",
            r#","launch_months":3,"ranges":{"launch_months":[0,30]}"#,
            "",
        ));
        assert_eq!(paths(&errors), [r#"approaches[1].ranges["launch_months"]"#]);
        assert!(errors[0].message.contains("horizon"), "{errors:?}");
    }
}
