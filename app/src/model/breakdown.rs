//! Where an approach's money goes over the horizon: its total split into
//! people, data, training, evals, inference, errors, fixed costs, the
//! incumbent's bill before launch and setup. The parts add up to the total.

use super::cost::{MonthUsd, Timeline};
use super::params::CostParams;
use serde::{Deserialize, Serialize};

/// One approach's total over the horizon by what it pays for.
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Default)]
pub struct Breakdown {
    /// Engineer hours: setup, every training run, upkeep once live.
    pub people: f64,
    /// Collecting and labelling training examples.
    pub data: f64,
    /// Training compute of every run (initial and retraining).
    pub training: f64,
    /// Every eval run: while building and after each training run.
    pub evals: f64,
    /// Tokens, per-query extras and GPUs once live.
    pub inference: f64,
    /// The cost of wrong answers (quality-adjusted basis only).
    pub errors: f64,
    /// The fixed monthly cost over every month.
    pub fixed: f64,
    /// What the incumbent costs to serve the traffic until launch.
    pub before_launch: f64,
    /// Setup cost other than people.
    pub setup: f64,
}

/// One category: its label and its part of a breakdown.
pub type Category = (&'static str, fn(&Breakdown) -> f64);

/// The categories in the order charts and tables show them, with labels.
pub const CATEGORIES: [Category; 9] = [
    ("People", |b| b.people),
    ("Data", |b| b.data),
    ("Training", |b| b.training),
    ("Evals", |b| b.evals),
    ("Inference", |b| b.inference),
    ("Errors", |b| b.errors),
    ("Fixed", |b| b.fixed),
    ("Before launch", |b| b.before_launch),
    ("Setup", |b| b.setup),
];

impl Breakdown {
    pub fn total(&self) -> f64 {
        CATEGORIES.iter().map(|(_, part)| part(self)).sum()
    }

    /// What fraction of the total `part` (one of this breakdown's parts) is;
    /// none for a part that is nothing or a total that is nothing.
    pub fn share(&self, part: f64) -> Option<f64> {
        let total = self.total();
        (part > 0.0 && total > 0.0).then(|| part / total)
    }
}

impl CostParams {
    /// The total at a month-1 volume of `queries_per_month`, split by category.
    pub fn breakdown(&self, timeline: &Timeline, queries_per_month: f64) -> Breakdown {
        let mut parts = self.breakdown_outside_months(timeline);
        self.for_each_month(timeline, queries_per_month, |_, month| {
            parts.add_month(&month)
        });
        parts
    }

    /// The parts that do not come month by month from serving queries:
    /// `add_month` adds those (the analysis does it in the walk that builds
    /// the curve).
    pub fn breakdown_outside_months(&self, timeline: &Timeline) -> Breakdown {
        let horizon = timeline.horizon();
        let launch = (self.launch_months as usize).min(horizon);
        let events = self.retraining_events(horizon) as f64;
        let runs = self.training_runs + events * self.retraining_runs;
        let hours = self.setup_hours
            + self.hours_per_run * runs
            + self.hours_per_month * (horizon - launch) as f64;
        Breakdown {
            people: self.engineer_usd_per_hour * hours,
            data: self.data_examples * self.data_usd_per_example,
            training: self.training_usd_per_run * runs,
            evals: self.eval_run_usd() * (self.eval_runs_at_setup + runs),
            fixed: self.monthly_fixed_usd * horizon as f64,
            setup: self.setup_usd,
            ..Breakdown::default()
        }
    }
}

impl Breakdown {
    /// Adds a month's serving costs: the approach's inference and errors
    /// once live, the incumbent's bill before launch.
    pub fn add_month(&mut self, month: &MonthUsd) {
        if month.live {
            self.inference += month.variable;
            self.errors += month.errors;
        } else {
            self.before_launch += month.variable;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::params::cost_params;
    use crate::model::parse_scenario;

    #[test]
    fn the_parts_add_up_to_the_total_and_land_where_they_belong() {
        let scenario = parse_scenario(
            r#"{"name":"t","horizon_months":12,"cost_basis":"quality_adjusted",
            "volume":{"queries_per_month":1000,"monthly_growth_pct":5},
            "team":{"usd_per_engineer_hour":100},
            "approaches":[
              {"id":"p","kind":"prompting","setup_usd":500,"per_query":{"extra_usd":0.01},
               "quality":{"accuracy":0.9,"usd_per_error":1},"effort":{"setup_hours":10}},
              {"id":"ft","kind":"fine_tuning","setup_usd":1000,"monthly_fixed_usd":50,
               "per_query":{"extra_usd":0.002},"launch_months":3,
               "data":{"examples":100,"usd_per_example":2},
               "training":{"runs":4,"usd_per_run":25},
               "retraining":{"every_months":4,"runs":1},
               "effort":{"setup_hours":100,"hours_per_run":5,"hours_per_month":2},
               "evals":{"cases":50,"usd_per_case":0.5}}]}"#,
        )
        .unwrap();
        let params = cost_params(&scenario);
        let timeline = crate::model::cost::timeline(&scenario);
        let ft = params[1].breakdown(&timeline, 1000.0);
        let total = params[1].total_usd(&timeline, 1000.0);
        assert!(
            (ft.total() - total).abs() <= 1e-9 * total,
            "{ft:?} vs {total}"
        );
        // launched in month 4: retraining in months 8 and 12
        let runs = 4.0 + 2.0;
        assert_eq!(ft.people, 100.0 * (100.0 + 5.0 * runs + 2.0 * 9.0));
        assert_eq!(ft.training, 25.0 * runs);
        assert_eq!(ft.evals, 25.0 * (1.0 + runs));
        assert_eq!(ft.data, 200.0);
        assert_eq!(ft.fixed, 600.0);
        // months 1-3 are the incumbent's traffic at its price: 0.01 + 0.1 errors
        let early: f64 = [1.0, 1.05, 1.05 * 1.05].iter().map(|f| 1000.0 * f).sum();
        assert!((ft.before_launch - 0.11 * early).abs() < 1e-9);
        assert_eq!(ft.errors, 0.0);
        let p = params[0].breakdown(&timeline, 1000.0);
        assert_eq!(p.before_launch, 0.0);
        assert_eq!(p.people, 1000.0);
        assert!(p.errors > 0.0 && p.inference > 0.0);
        assert!((p.total() - params[0].total_usd(&timeline, 1000.0)).abs() < 1e-9 * p.total());
    }
}
