//! Fuzzing of the scenario parser, validator and cost model with proptest:
//! truncated and random text, and the shipped examples with random fields
//! replaced, removed or added. For every input: no panic; an accepted
//! scenario analyses to finite numbers only; a rejected one gets an error
//! (malformed JSON, or validation errors that each name a field).
//!
//! The README's test command runs the short form: FUZZ_CASES (default 1500)
//! per target from a fixed seed, so that CI is repeatable. The long form
//! explores from a random seed (a failure prints the input):
//!   FUZZ_CASES=100000 FUZZ_SEED=random cargo test --release -p app --test fuzz
//!
//! Every input also has a deadline: an analysis that never ends (as one did,
//! see `astronomical_gpu_counts_end`) fails with its input instead of
//! hanging the run.

use app::model::examples::ALL;
use app::model::{analyze, parse_scenario, Analysis, ScenarioError};
use proptest::prelude::*;
use proptest::test_runner::RngSeed;
use serde_json::{json, Value};
use std::sync::mpsc;
use std::time::Duration;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1500)
}

fn seed() -> RngSeed {
    match std::env::var("FUZZ_SEED") {
        Ok(seed) if seed == "random" => RngSeed::Random,
        Ok(seed) => RngSeed::Fixed(seed.parse().expect("FUZZ_SEED: a number or \"random\"")),
        Err(_) => RngSeed::Fixed(20_261_129),
    }
}

/// Far above any accepted input's analysis, even in a debug build on a
/// loaded machine (the slowest seen take well under a second). The long form
/// can tighten it with FUZZ_DEADLINE_SECS to hunt for slow inputs.
fn deadline() -> Duration {
    let secs = std::env::var("FUZZ_DEADLINE_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60.0);
    Duration::from_secs_f64(secs)
}

/// serde_json writes NaN and infinity as null, so an analysis survives a
/// JSON round trip unchanged exactly when every number in it is finite.
fn assert_all_finite(analysis: &Analysis) {
    let value = serde_json::to_value(analysis).expect("serialisable");
    let back: Result<Analysis, _> = serde_json::from_value(value);
    assert_eq!(
        back.as_ref().ok(),
        Some(analysis),
        "a number in the analysis is NaN or infinite"
    );
}

/// Checks one input on a thread of its own, failing with the input when it
/// does not finish by the deadline.
fn check(json: &str) {
    let (done, finished) = mpsc::channel();
    let input = json.to_string();
    let worker = std::thread::spawn(move || {
        check_now(&input);
        let _ = done.send(());
    });
    let deadline = deadline();
    match finished.recv_timeout(deadline) {
        Ok(()) => worker.join().unwrap(),
        // The check panicked: re-raise its panic (the message names the defect).
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            std::panic::resume_unwind(worker.join().unwrap_err())
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("no answer within {deadline:?} for input:\n{json}")
        }
    }
}

fn check_now(json: &str) {
    match parse_scenario(json) {
        Ok(scenario) => {
            let analysis = analyze(&scenario).expect("an accepted scenario analyses");
            assert_all_finite(&analysis);
        }
        Err(ScenarioError::Malformed(message)) => assert!(!message.is_empty()),
        Err(ScenarioError::Invalid(errors)) => {
            assert!(!errors.is_empty(), "rejected without a reason");
            for error in &errors {
                assert!(!error.message.is_empty(), "{error:?}");
            }
        }
    }
}

/// Found by this fuzzer (2026-11-29): a subnormal volume made the cost per
/// query infinite.
#[test]
fn a_vanishing_volume_gives_finite_numbers() {
    for example in ALL {
        let mut scenario: Value = serde_json::from_str(example.json).unwrap();
        scenario["volume"]["queries_per_month"] = json!(1.436051672495724e-308);
        check(&scenario.to_string());
    }
}

/// Found by this fuzzer (2026-11-29, in CI): when a month needs more than 2^53
/// GPUs, `count + 1.0` no longer changes the count and the break-even walk
/// never moved on. CI's input had a near-zero GPU utilization (now refused);
/// steep growth over a long horizon reaches such counts with valid inputs.
#[test]
fn astronomical_gpu_counts_end() {
    let voice_agent = || -> Value {
        let mut scenario: Value = serde_json::from_str(app::model::examples::VOICE_AGENT).unwrap();
        scenario["simulation"] = json!({ "samples": 200, "seed": 7 });
        scenario
    };
    let mut steep = voice_agent();
    steep["horizon_months"] = json!(120);
    steep["volume"]["monthly_growth_pct"] = json!(100);
    check(&steep.to_string());

    let mut from_ci = voice_agent();
    let approaches = from_ci["approaches"].as_array_mut().unwrap();
    let self_hosted = approaches
        .iter_mut()
        .find(|a| a.get("self_hosted").is_some())
        .expect("the voice agent example self-hosts");
    self_hosted["self_hosted"]["utilization"] = json!(4.17598263392077e-108);
    check(&from_ci.to_string());
}

/// Values that break things: edges of every rule, wrong types, hostile text.
fn nasty_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<f64>()
            .prop_filter("JSON numbers are finite", |x| x.is_finite())
            .prop_map(|x| json!(x)),
        prop::sample::select(vec![
            json!(0),
            json!(-1),
            json!(-0.0),
            json!(1e-320),
            json!(1e12),
            json!(1e12 + 1.0),
            json!(1e300),
            json!(-1e300),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(0.7),
            json!(4294967296u64),
            json!(120),
            json!(121),
            json!(100000),
            json!(100001),
            json!(null),
            json!(true),
            json!([]),
            json!({}),
            json!([1, 2]),
            json!([5, 1]),
            json!("<script>alert(1)</script>"),
            json!(""),
            json!("fine_tuning"),
            json!("quality_adjusted"),
            json!({"training.runs": [1, 2]}),
        ]),
        ".{0,12}".prop_map(Value::String),
    ]
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Insert(usize, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), nasty_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        1 => any::<usize>().prop_map(Mutation::Remove),
        1 => (any::<usize>(), "[a-z_.]{1,12}", nasty_value()).prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
    ]
}

/// Paths (object keys and array indices) to every node below the root.
fn paths(value: &Value, prefix: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                prefix.push(json!(key));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (index, child) in items.iter().enumerate() {
                prefix.push(json!(index));
                out.push(prefix.clone());
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn parent_and_last<'a>(root: &'a mut Value, path: &[Value]) -> Option<(&'a mut Value, Value)> {
    let (last, parents) = path.split_last()?;
    let mut node = root;
    for step in parents {
        node = match step {
            Value::String(key) => node.get_mut(key.as_str())?,
            Value::Number(n) => node.get_mut(n.as_u64()? as usize)?,
            _ => return None,
        };
    }
    Some((node, last.clone()))
}

fn apply(root: &mut Value, mutation: Mutation) {
    let mut all = Vec::new();
    paths(root, &mut Vec::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let pick = |i: usize| all[i % all.len()].clone();
    match mutation {
        Mutation::Replace(i, value) => {
            if let Some((parent, last)) = parent_and_last(root, &pick(i)) {
                match (parent, last) {
                    (Value::Object(map), Value::String(key)) => {
                        map.insert(key, value);
                    }
                    (Value::Array(items), Value::Number(n)) => {
                        if let Some(slot) = n.as_u64().and_then(|n| items.get_mut(n as usize)) {
                            *slot = value;
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Remove(i) => {
            if let Some((parent, last)) = parent_and_last(root, &pick(i)) {
                match (parent, last) {
                    (Value::Object(map), Value::String(key)) => {
                        map.remove(&key);
                    }
                    (Value::Array(items), Value::Number(n)) => {
                        if let Some(n) = n.as_u64().filter(|n| (*n as usize) < items.len()) {
                            items.remove(n as usize);
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::Insert(i, key, value) => {
            if let Some((Value::Object(map), _)) = parent_and_last(root, &pick(i)) {
                map.insert(key, value);
            }
        }
    }
}

/// A shipped example with fewer Monte Carlo samples (debug builds are slow),
/// then 1-4 mutations.
fn mutated_example() -> impl Strategy<Value = String> {
    (
        prop::sample::select(ALL.to_vec()),
        prop::collection::vec(mutation(), 1..=4),
    )
        .prop_map(|(example, mutations)| {
            let mut value: Value = serde_json::from_str(example.json).unwrap();
            value["simulation"] = json!({ "samples": 200, "seed": 7 });
            for m in mutations {
                apply(&mut value, m);
            }
            value.to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_seed: seed(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_examples_are_accepted_soundly_or_refused_with_reasons(json in mutated_example()) {
        check(&json);
    }

    #[test]
    fn truncated_examples_never_panic(index in any::<usize>(), cut in any::<usize>()) {
        let json = ALL[index % ALL.len()].json;
        let end = cut % (json.len() + 1);
        if json.is_char_boundary(end) {
            check(&json[..end]);
        }
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        check(&text);
    }
}

#[test]
fn the_mutator_really_mutates() {
    // Guards the fuzzer itself: replacing a field changes the document.
    let mut value: Value = serde_json::from_str(ALL[0].json).unwrap();
    let before = value.clone();
    apply(&mut value, Mutation::Replace(3, json!(-1)));
    assert_ne!(value, before);
    let mut removed = before.clone();
    apply(&mut removed, Mutation::Remove(0));
    assert_ne!(removed, before);
}
