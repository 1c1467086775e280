//! What differs between two scenarios (or two revisions of one) and how the
//! answer moved: the figures `/compare` leads with. Inputs are compared as
//! their JSON (so every field, present or absent, is covered without a list
//! to keep up), approaches matched by id; answers by approach id and pair.

use super::analysis::Analysis;
use super::scenario::Scenario;
use serde_json::Value;

/// One input that differs: its path, and its value on each side (`None`:
/// absent there).
#[derive(Clone, Debug, PartialEq)]
pub struct InputChange {
    pub path: String,
    pub a: Option<String>,
    pub b: Option<String>,
}

/// A figure on each side and B minus A (`None` where a side has none).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moved {
    pub a: Option<f64>,
    pub b: Option<f64>,
}

impl Moved {
    pub fn delta(&self) -> Option<f64> {
        Some(self.b? - self.a?)
    }

    pub fn changed(&self) -> bool {
        self.a != self.b
    }
}

/// One approach present on both sides (by id).
#[derive(Clone, Debug, PartialEq)]
pub struct ApproachMove {
    pub id: String,
    pub label: String,
    pub total_usd: Moved,
    /// Probability of being the cheapest (Monte Carlo), when a side has one.
    pub p_cheapest: Moved,
}

/// One pair of approaches present on both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct PairMove {
    pub a: String,
    pub b: String,
    pub payback_month: Moved,
    pub break_even_queries_per_month: Moved,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnswerChange {
    pub winner: (String, String),
    pub saving_usd: Moved,
    pub approaches: Vec<ApproachMove>,
    pub pairs: Vec<PairMove>,
}

/// Every input that differs, in document order (A's, then what only B has).
pub fn input_changes(a: &Scenario, b: &Scenario) -> Vec<InputChange> {
    let (a, b) = (keyed(a), keyed(b));
    let mut changes = Vec::new();
    walk("", Some(&a), Some(&b), &mut changes);
    changes
}

/// The scenario as JSON with its approaches keyed by id (an approach moved
/// in the list is the same approach).
fn keyed(scenario: &Scenario) -> Value {
    let mut value = serde_json::to_value(scenario).unwrap_or(Value::Null);
    if let Some(approaches) = value.get_mut("approaches").and_then(Value::as_array_mut) {
        let by_id: serde_json::Map<String, Value> = approaches
            .drain(..)
            .map(|approach| {
                let id = approach["id"].as_str().unwrap_or_default().to_string();
                (id, approach)
            })
            .collect();
        value["approaches"] = Value::Object(by_id);
    }
    value
}

fn walk(path: &str, a: Option<&Value>, b: Option<&Value>, changes: &mut Vec<InputChange>) {
    let child = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else if path == "approaches" || path.ends_with(".ranges") {
            // ids and range keys (which hold dots) as in the API's error paths
            format!("{path}[\"{key}\"]")
        } else {
            format!("{path}.{key}")
        }
    };
    match (a, b) {
        (Some(Value::Object(x)), Some(Value::Object(y))) => {
            for (key, value) in x {
                walk(&child(key), Some(value), y.get(key), changes);
            }
            for (key, value) in y.iter().filter(|(key, _)| !x.contains_key(*key)) {
                walk(&child(key), None, Some(value), changes);
            }
        }
        (x, y) => {
            // absent and null read alike: an optional input not set
            let x = x.filter(|v| !v.is_null());
            let y = y.filter(|v| !v.is_null());
            if x != y {
                changes.push(InputChange {
                    path: path.to_string(),
                    a: x.map(shown),
                    b: y.map(shown),
                });
            }
        }
    }
}

/// A value as a person reads it: 8 (not 8.0), text without quotes, lists
/// of such; a whole section (an approach only one side has) as its JSON.
fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => n.as_f64().map_or(n.to_string(), |f| f.to_string()),
        Value::String(text) => text.clone(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(shown).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

/// How the answer moved from A to B.
pub fn answer_change(a: &Analysis, b: &Analysis) -> AnswerChange {
    let p = |analysis: &Analysis, id: &str| {
        analysis
            .uncertainty
            .as_ref()
            .and_then(|u| u.p_cheapest.get(id).copied())
    };
    let approaches = a
        .approaches
        .iter()
        .filter_map(|x| {
            let y = b.approach(&x.id)?;
            Some(ApproachMove {
                id: x.id.to_string(),
                label: y.label.clone(),
                total_usd: Moved {
                    a: Some(x.total_usd),
                    b: Some(y.total_usd),
                },
                p_cheapest: Moved {
                    a: p(a, &x.id),
                    b: p(b, &x.id),
                },
            })
        })
        .collect();
    let pairs = a
        .pairs
        .iter()
        .filter_map(|x| {
            let y = b.pair(&x.a, &x.b)?;
            Some(PairMove {
                a: x.a.to_string(),
                b: x.b.to_string(),
                payback_month: Moved {
                    a: x.payback_month.map(f64::from),
                    b: y.payback_month.map(f64::from),
                },
                break_even_queries_per_month: Moved {
                    a: x.break_even_queries_per_month,
                    b: y.break_even_queries_per_month,
                },
            })
        })
        .collect();
    AnswerChange {
        winner: (
            a.cheapest.approach.to_string(),
            b.cheapest.approach.to_string(),
        ),
        saving_usd: Moved {
            a: Some(a.cheapest.saving_usd),
            b: Some(b.cheapest.saving_usd),
        },
        approaches,
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze;
    use crate::model::examples::{example, SUPPORT_TICKET_TRIAGE};

    #[test]
    fn every_changed_input_is_named_by_its_path() {
        let a = example(SUPPORT_TICKET_TRIAGE);
        let mut b = a.clone();
        b.volume.monthly_growth_pct = 8.0;
        b.approaches.reverse(); // order alone changes nothing
        let ft = b.approaches.iter_mut().find(|x| x.id == "ft").unwrap();
        ft.training.as_mut().unwrap().runs = 12.0;
        ft.ranges.remove("training.runs");
        b.approaches.retain(|x| x.id != "rag");
        let rag = serde_json::to_value(&a.approaches[2]).unwrap().to_string();
        let change = |path: &str, a: Option<&str>, b: Option<&str>| InputChange {
            path: path.into(),
            a: a.map(Into::into),
            b: b.map(Into::into),
        };
        // sorted by path within each object, approaches by id
        assert_eq!(
            input_changes(&a, &b),
            [
                change(
                    "approaches[\"ft\"].ranges[\"training.runs\"]",
                    Some("[5, 15]"),
                    None
                ),
                change("approaches[\"ft\"].training.runs", Some("8"), Some("12")),
                change("approaches[\"rag\"]", Some(&rag), None),
                change("volume.monthly_growth_pct", Some("3"), Some("8")),
            ]
        );
        assert!(input_changes(&a, &a).is_empty());
    }

    #[test]
    fn the_answer_moves_by_approach_and_pair() {
        let a = example(SUPPORT_TICKET_TRIAGE);
        let mut b = a.clone();
        b.volume.queries_per_month = 8e6;
        let (x, y) = (analyze(&a).unwrap(), analyze(&b).unwrap());
        let change = answer_change(&x, &y);
        assert_eq!(change.winner, ("fewshot".to_string(), "ft".to_string()));
        assert_eq!(change.approaches.len(), 4);
        let ft = change.approaches.iter().find(|m| m.id == "ft").unwrap();
        assert_eq!(
            ft.total_usd.delta(),
            Some(y.approach("ft").unwrap().total_usd - x.approach("ft").unwrap().total_usd)
        );
        assert!(ft.p_cheapest.b > ft.p_cheapest.a);
        assert_eq!(change.pairs.len(), 6);
        // a break-even does not depend on the volume it is compared with
        assert!(change
            .pairs
            .iter()
            .all(|p| !p.break_even_queries_per_month.changed()));
    }
}
