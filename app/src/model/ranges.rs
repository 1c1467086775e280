//! The fields a scenario gives uncertainty ranges, as the Monte Carlo and
//! the sensitivity analysis vary them.

use super::params::{CostParams, Field};
use super::scenario::Scenario;

/// One ranged field: which approach, which field, and its triangle.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RangedField {
    pub approach: usize,
    pub field: Field,
    pub low: f64,
    pub mode: f64,
    pub high: f64,
}

pub(crate) fn ranged_fields(scenario: &Scenario, params: &[CostParams]) -> Vec<RangedField> {
    let mut ranged = Vec::new();
    for (index, approach) in scenario.approaches.iter().enumerate() {
        for (path, [low, high]) in &approach.ranges {
            if let Some(field) = Field::from_path(path) {
                ranged.push(RangedField {
                    approach: index,
                    field,
                    low: *low,
                    mode: params[index].get(field),
                    high: *high,
                });
            }
        }
    }
    ranged
}
