//! Prices of one approach: per query, one-time, per month and cumulative.
//! The formulas are the product's contract (issue 3); change them only with it.

use super::params::{CostParams, Field, Served};
use super::scenario::Scenario;

/// Hours in a month, as used for GPU pricing.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Monthly growth factors of a scenario: month m (1-based) has volume
/// `queries_per_month * factor[m - 1]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    factors: Vec<f64>,
    factor_sum: f64,
}

/// The months and growth of a scenario.
pub(crate) fn timeline(scenario: &Scenario) -> Timeline {
    Timeline::new(scenario.horizon_months, scenario.volume.monthly_growth_pct)
}

impl Timeline {
    pub fn new(horizon_months: u32, monthly_growth_pct: f64) -> Timeline {
        let rate = 1.0 + monthly_growth_pct / 100.0;
        let mut factors = Vec::with_capacity(horizon_months as usize);
        let mut factor = 1.0;
        for _ in 0..horizon_months {
            factors.push(factor);
            factor *= rate;
        }
        let factor_sum = factors.iter().sum();
        Timeline {
            factors,
            factor_sum,
        }
    }

    pub fn horizon(&self) -> usize {
        self.factors.len()
    }

    /// Growth factor of each month 1..=H, in order.
    pub fn factors(&self) -> &[f64] {
        &self.factors
    }

    /// Total queries over the horizon per query of month-1 volume.
    pub fn factor_sum(&self) -> f64 {
        self.factor_sum
    }
}

impl CostParams {
    /// Tokens one query moves through the model.
    pub fn tokens_per_query(&self) -> f64 {
        self.input_tokens + self.cached_input_tokens + self.output_tokens
    }

    /// Token cost of one query in month 1, the batch share at its discount.
    pub fn tokens_usd(&self) -> f64 {
        // Without a batch share the factor is exactly 1: old numbers stay.
        let batch = 1.0 - self.batch_share * self.batch_discount;
        (self.input_tokens * self.usd_per_1m_input
            + self.cached_input_tokens * self.usd_per_1m_cached_input
            + self.output_tokens * self.usd_per_1m_output)
            / 1e6
            * batch
    }

    /// The cost of wrong answers per query, when quality counts.
    pub fn errors_usd(&self) -> f64 {
        if self.quality_adjusted {
            (1.0 - self.accuracy) * self.usd_per_error
        } else {
            0.0
        }
    }

    /// Per-query cost in month 1 (token prices move by the trend after it).
    pub fn per_query_usd(&self) -> f64 {
        self.tokens_usd() + self.extra_usd + self.errors_usd()
    }

    /// The factor token prices move by each month: (1 + trend)^(1/12), so
    /// month m pays (1 + trend)^((m - 1)/12). Exactly 1 without a trend.
    pub fn trend_per_month(&self) -> f64 {
        if self.price_trend_pct_per_year == 0.0 {
            // what powf gives for a base of 1, without calling it
            return 1.0;
        }
        (1.0 + self.price_trend_pct_per_year / 100.0).powf(1.0 / 12.0)
    }

    /// What serving queries costs this approach (see `Served`).
    pub fn served(&self) -> Served {
        Served {
            tokens_usd: self.tokens_usd(),
            extra_usd: self.extra_usd,
            errors_usd: self.errors_usd(),
            trend_per_month: self.trend_per_month(),
            self_hosted: self.self_hosted,
            tokens_per_query: self.tokens_per_query(),
            gpu_tokens_per_month: self.gpu_tokens_per_month(),
            gpu_usd_per_month: self.gpu_usd_per_month(),
            min_gpus: f64::from(self.min_gpus),
        }
    }

    /// One eval run: cases x cost per case.
    pub fn eval_run_usd(&self) -> f64 {
        self.eval_cases * self.eval_usd_per_case
    }

    /// One training run (initial or retraining): its compute, the eval run
    /// after it and the engineer hours around it.
    pub fn run_usd(&self) -> f64 {
        self.training_usd_per_run
            + self.eval_run_usd()
            + self.engineer_usd_per_hour * self.hours_per_run
    }

    /// C(0): setup, people, data, the initial runs and the evals while building.
    pub fn one_time_usd(&self) -> f64 {
        self.setup_usd
            + self.engineer_usd_per_hour * self.setup_hours
            + self.data_examples * self.data_usd_per_example
            + self.training_runs * self.run_usd()
            + self.eval_runs_at_setup * self.eval_run_usd()
    }

    pub fn retraining_event_usd(&self) -> f64 {
        self.retraining_runs * self.run_usd()
    }

    /// Upkeep hours of a live month, priced.
    pub fn people_month_usd(&self) -> f64 {
        self.engineer_usd_per_hour * self.hours_per_month
    }

    fn launch(&self) -> usize {
        self.launch_months as usize
    }

    /// Whether a retraining event starts month `month` (1-based): months
    /// L + 1 + k, L + 1 + 2k, ... for a cadence of k months after launch L.
    pub fn retrains_in(&self, month: usize) -> bool {
        let every = self.retraining_every_months as usize;
        let launch = self.launch();
        every > 0 && month > launch + every && (month - 1 - launch).is_multiple_of(every)
    }

    /// Tokens one GPU serves in a month at the planned utilization.
    pub fn gpu_tokens_per_month(&self) -> f64 {
        self.gpu_tokens_per_second * self.gpu_utilization * 3600.0 * HOURS_PER_MONTH
    }

    pub fn gpu_usd_per_month(&self) -> f64 {
        self.gpu_usd_per_hour * HOURS_PER_MONTH
    }

    /// GPUs needed to serve `volume` queries in a month (0 when not self-hosted).
    pub fn gpus_for(&self, volume: f64) -> f64 {
        if !self.self_hosted {
            return 0.0;
        }
        gpu_count(
            volume,
            self.tokens_per_query(),
            self.gpu_tokens_per_month(),
            f64::from(self.min_gpus),
        )
    }

    /// Cost of month `month` (1-based) at `volume` queries that month.
    pub fn month_usd(&self, month: usize, volume: f64) -> f64 {
        let months_in = (month.max(1) - 1) as i32;
        if month <= self.launch() {
            let trend = self.incumbent.trend_per_month.powi(months_in);
            return self.monthly_fixed_usd + self.incumbent.variable_usd(trend, volume);
        }
        let trend = self.trend_per_month().powi(months_in);
        self.month_cost(&self.month_prices(), trend, self.retrains_in(month), volume)
    }

    fn month_prices(&self) -> MonthPrices {
        MonthPrices {
            tokens: self.tokens_usd(),
            extra: self.extra_usd,
            errors: self.errors_usd(),
            gpu_month: self.gpu_usd_per_month(),
            retraining: self.retraining_event_usd(),
            people: self.people_month_usd(),
        }
    }

    /// The formula of a live month, with the month-independent prices
    /// computed once by the caller (curves evaluate it H times per approach
    /// per sample). Without a trend (`trend` 1) and without people it adds
    /// up in the very order it always did, so old numbers stay to the bit.
    fn month_cost(&self, prices: &MonthPrices, trend: f64, retrains: bool, volume: f64) -> f64 {
        self.live_month(prices, trend, retrains, volume).usd()
    }

    fn live_month(
        &self,
        prices: &MonthPrices,
        trend: f64,
        retrains: bool,
        volume: f64,
    ) -> MonthUsd {
        let served = served_per_query(prices.tokens, trend, prices.extra);
        let per_query = served + prices.errors;
        let gpus = self.gpus_for(volume) * prices.gpu_month;
        MonthUsd {
            base: self.monthly_fixed_usd + gpus + per_query * volume,
            retraining: if retrains { prices.retraining } else { 0.0 },
            people: prices.people,
            retrains,
            per_query,
            live: true,
            variable: gpus + served * volume,
            errors: prices.errors * volume,
        }
    }

    /// Cumulative cost C(0..=H) at a month-1 volume of `queries_per_month`.
    pub fn cumulative_usd(&self, timeline: &Timeline, queries_per_month: f64) -> Vec<f64> {
        let mut curve = Vec::with_capacity(timeline.horizon() + 1);
        self.for_each_cumulative(timeline, queries_per_month, |_, value| curve.push(value));
        curve
    }

    /// Calls `visit(m, C(m))` for m in 0..=H, in order, without allocating.
    pub fn for_each_cumulative(
        &self,
        timeline: &Timeline,
        queries_per_month: f64,
        mut visit: impl FnMut(usize, f64),
    ) {
        let mut total = self.one_time_usd();
        visit(0, total);
        self.for_each_month(timeline, queries_per_month, |month, cost| {
            total += cost.usd();
            visit(month, total);
        });
    }

    /// Calls `visit(m, cost of month m)` for m in 1..=H, in order: the
    /// increments of the cumulative curve, in parts (see `MonthUsd`).
    pub fn for_each_month(
        &self,
        timeline: &Timeline,
        queries_per_month: f64,
        mut visit: impl FnMut(usize, MonthUsd),
    ) {
        let prices = self.month_prices();
        let launch = self.launch();
        let (step, incumbent_step) = (self.trend_per_month(), self.incumbent.trend_per_month);
        let (mut trend, mut incumbent_trend) = (1.0, 1.0);
        // retraining months L + 1 + k, L + 1 + 2k, ...: counted down, not divided
        let every = self.retraining_every_months as usize;
        let mut until_retraining = every;
        for (index, factor) in timeline.factors().iter().enumerate() {
            let month = index + 1;
            let volume = queries_per_month * factor;
            let cost = if month <= launch {
                let per_query = self.incumbent.per_query_usd(incumbent_trend);
                MonthUsd::before_launch(
                    self.monthly_fixed_usd,
                    self.incumbent.variable_usd_at(per_query, volume),
                    per_query,
                )
            } else {
                let retrains = every > 0 && month > launch + 1 && {
                    until_retraining -= 1;
                    until_retraining == 0
                };
                if retrains {
                    until_retraining = every;
                }
                self.live_month(&prices, trend, retrains, volume)
            };
            visit(month, cost);
            trend *= step;
            incumbent_trend *= incumbent_step;
        }
    }

    /// Whether every month is priced alike: live from month 1, no trend.
    /// Such an approach's totals have a closed form.
    pub fn is_steady(&self) -> bool {
        self.launch_months == 0 && self.price_trend_pct_per_year == 0.0
    }

    /// C(H) without building the curve: the volume-free part, the slope
    /// times the volume and the GPUs (the same terms the break-even searches
    /// walk). A steady approach keeps the form it always had, to the bit.
    pub fn total_usd(&self, timeline: &Timeline, queries_per_month: f64) -> f64 {
        if !self.is_steady() {
            return self.volume_free_usd(timeline)
                + self.variable_slope(timeline) * queries_per_month
                + self.gpu_usd(timeline, queries_per_month);
        }
        self.volume_free_usd(timeline)
            + self.per_query_usd() * queries_per_month * timeline.factor_sum()
            + self.gpu_usd(timeline, queries_per_month)
    }

    /// d C(H) / d q apart from GPUs: each month's per-query price (the
    /// incumbent's before launch) times its growth factor. A steady approach
    /// keeps the closed form it always had.
    pub fn variable_slope(&self, timeline: &Timeline) -> f64 {
        if self.is_steady() {
            return self.steady_slope(timeline);
        }
        // the per-query prices of `for_each_month`, summed in the same order
        // (so to the same bits as `months_and_slope`), without the rest of
        // each month's cost: the winners without batch or a trend need only this
        let (tokens, extra, errors) = (self.tokens_usd(), self.extra_usd, self.errors_usd());
        let (before, live) = timeline
            .factors()
            .split_at(self.launch().min(timeline.horizon()));
        let (step, incumbent_step) = (self.trend_per_month(), self.incumbent.trend_per_month);
        let (mut trend, mut incumbent_trend) = (1.0, 1.0);
        let mut slope = 0.0;
        for factor in before {
            slope += self.incumbent.per_query_usd(incumbent_trend) * factor;
            // multiplied month by month as there, not powi: the same bits
            trend *= step;
            incumbent_trend *= incumbent_step;
        }
        for factor in live {
            slope += (served_per_query(tokens, trend, extra) + errors) * factor;
            trend *= step;
        }
        slope
    }

    fn steady_slope(&self, timeline: &Timeline) -> f64 {
        self.per_query_usd() * timeline.factor_sum()
    }

    /// `for_each_month`, returning `variable_slope` from the same walk.
    pub fn months_and_slope(
        &self,
        timeline: &Timeline,
        queries_per_month: f64,
        mut visit: impl FnMut(usize, MonthUsd),
    ) -> f64 {
        let factors = timeline.factors();
        let mut slope = 0.0;
        self.for_each_month(timeline, queries_per_month, |month, cost| {
            slope += cost.per_query * factors[month - 1];
            visit(month, cost);
        });
        if self.is_steady() {
            self.steady_slope(timeline)
        } else {
            slope
        }
    }

    /// GPUs billed over the horizon at month-1 volume q: the approach's own
    /// once live, the incumbent's (if it self-hosts) before launch.
    pub fn gpu_usd(&self, timeline: &Timeline, queries_per_month: f64) -> f64 {
        let launch = self.launch().min(timeline.horizon());
        let (before, live) = timeline.factors().split_at(launch);
        let mut usd = 0.0;
        if self.self_hosted {
            let gpus: f64 = live
                .iter()
                .map(|factor| self.gpus_for(queries_per_month * factor))
                .sum();
            usd = gpus * self.gpu_usd_per_month();
        }
        let incumbent = &self.incumbent;
        if incumbent.self_hosted && launch > 0 {
            let gpus: f64 = before
                .iter()
                .map(|factor| incumbent.gpus_for(queries_per_month * factor))
                .sum();
            usd += gpus * incumbent.gpu_usd_per_month;
        }
        usd
    }

    /// Everything in C(H) that does not depend on volume: one-time cost, fixed
    /// monthly cost, retraining events and upkeep hours once live.
    pub fn volume_free_usd(&self, timeline: &Timeline) -> f64 {
        let horizon = timeline.horizon();
        let live = horizon.saturating_sub(self.launch());
        self.one_time_usd()
            + self.monthly_fixed_usd * horizon as f64
            + self.retraining_events(horizon) as f64 * self.retraining_event_usd()
            + self.people_month_usd() * live as f64
    }

    /// How many retraining events fall in months 1..=horizon: months
    /// L + 1 + k, L + 1 + 2k, ... so floor((horizon - L - 1) / k).
    pub fn retraining_events(&self, horizon: usize) -> usize {
        match self.retraining_every_months as usize {
            0 => 0,
            every => horizon.saturating_sub(self.launch() + 1) / every,
        }
    }
}

impl Served {
    pub fn gpus_for(&self, volume: f64) -> f64 {
        if !self.self_hosted {
            return 0.0;
        }
        gpu_count(
            volume,
            self.tokens_per_query,
            self.gpu_tokens_per_month,
            self.min_gpus,
        )
    }

    /// Per-query cost with token prices at `trend` times month 1's.
    pub fn per_query_usd(&self, trend: f64) -> f64 {
        per_query_at(self.tokens_usd, trend, self.extra_usd, self.errors_usd)
    }

    /// The variable cost of a month of `volume` queries: GPUs and queries.
    pub fn variable_usd(&self, trend: f64, volume: f64) -> f64 {
        self.variable_usd_at(self.per_query_usd(trend), volume)
    }

    /// `variable_usd` with the month's per-query cost already worked out.
    fn variable_usd_at(&self, per_query: f64, volume: f64) -> f64 {
        self.gpus_for(volume) * self.gpu_usd_per_month + per_query * volume
    }
}

/// Which terms of the cost formulas a field enters: what changes when a
/// Monte Carlo sample draws another value for it. Kept next to the formulas
/// it describes; a test perturbs every field and checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// No cost at all (latency).
    Nothing,
    /// Only the one-time cost C(0).
    OneTime,
    /// C(0) and the cost of a retraining event (the price of a run).
    Runs,
    /// Any month (per-query prices, GPUs, upkeep, launch and cadence).
    Months,
}

impl Field {
    pub fn reach(self) -> Reach {
        match self {
            Field::LatencyMsP50 => Reach::Nothing,
            Field::SetupUsd
            | Field::DataExamples
            | Field::DataUsdPerExample
            | Field::TrainingRuns
            | Field::SetupHours
            | Field::EvalRunsAtSetup => Reach::OneTime,
            Field::TrainingUsdPerRun
            | Field::RetrainingRuns
            | Field::HoursPerRun
            | Field::EvalCases
            | Field::EvalUsdPerCase => Reach::Runs,
            Field::RetrainingEveryMonths
            | Field::InputTokens
            | Field::CachedInputTokens
            | Field::OutputTokens
            | Field::UsdPer1mInput
            | Field::UsdPer1mCachedInput
            | Field::UsdPer1mOutput
            | Field::ExtraUsd
            | Field::MonthlyFixedUsd
            | Field::GpuUsdPerHour
            | Field::GpuTokensPerSecond
            | Field::GpuUtilization
            | Field::MinGpus
            | Field::Accuracy
            | Field::UsdPerError
            | Field::BatchShare
            | Field::BatchDiscount
            | Field::HoursPerMonth
            | Field::LaunchMonths
            | Field::PriceTrendPctPerYear => Reach::Months,
        }
    }
}

/// The cost of one month in the parts the Monte Carlo varies separately:
/// `usd()` adds them in the order the formula always has, so a month whose
/// `base` is shared can be re-priced with another retraining cost exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MonthUsd {
    /// Fixed cost, GPUs and queries (before launch: fixed cost and the
    /// incumbent's variable cost).
    pub base: f64,
    /// The retraining event starting this month (0 without one).
    pub retraining: f64,
    /// Upkeep hours, priced (0 before launch).
    pub people: f64,
    pub retrains: bool,
    /// P_m, the month's cost per query (the incumbent's before launch):
    /// the month's share of d C(H) / d q, GPUs apart.
    pub per_query: f64,
    /// Whether the approach serves its own traffic this month.
    pub live: bool,
    /// GPUs, tokens and extras: once live, the approach's own (errors
    /// apart); before launch, the incumbent's whole variable cost.
    pub variable: f64,
    /// The quality-adjusted cost of wrong answers (0 before launch).
    pub errors: f64,
}

impl MonthUsd {
    fn before_launch(fixed: f64, variable: f64, per_query: f64) -> MonthUsd {
        MonthUsd {
            base: fixed + variable,
            retraining: 0.0,
            people: 0.0,
            retrains: false,
            per_query,
            live: false,
            variable,
            errors: 0.0,
        }
    }

    /// The month's cost: ((base + retraining) + people). Adding 0.0 leaves a
    /// non-negative number unchanged, so a month before launch costs `base`.
    pub fn usd(&self) -> f64 {
        self.base + self.retraining + self.people
    }
}

struct MonthPrices {
    tokens: f64,
    extra: f64,
    errors: f64,
    gpu_month: f64,
    retraining: f64,
    people: f64,
}

/// P_m: token cost at `trend` times month 1's, plus extras and the cost of
/// errors. One formula for an approach's own queries and the incumbent's.
fn per_query_at(tokens_usd: f64, trend: f64, extra_usd: f64, errors_usd: f64) -> f64 {
    served_per_query(tokens_usd, trend, extra_usd) + errors_usd
}

/// P_m without the cost of errors: what serving one query costs.
fn served_per_query(tokens_usd: f64, trend: f64, extra_usd: f64) -> f64 {
    tokens_usd * trend + extra_usd
}

/// GPUs billed for a month of `volume` queries: the load rounded up, at
/// least the minimum. One formula for an approach's own GPUs and for the
/// incumbent's before a launch.
fn gpu_count(volume: f64, tokens_per_query: f64, tokens_per_gpu_month: f64, min_gpus: f64) -> f64 {
    gpu_load(volume, tokens_per_query, tokens_per_gpu_month)
        .ceil()
        .max(min_gpus)
}

/// GPU-months of work that `volume` queries of `tokens_per_query` need; its
/// ceiling is the GPU count. Kept in one place so that the exact break-even
/// search steps at the very same points as the monthly prices.
pub fn gpu_load(volume: f64, tokens_per_query: f64, tokens_per_gpu_month: f64) -> f64 {
    volume * tokens_per_query / tokens_per_gpu_month
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::CostBasis;
    use crate::model::test_support::approach_from_json;

    fn params(json: &str, basis: CostBasis) -> CostParams {
        CostParams::from_approach(&approach_from_json(json), basis)
    }

    #[test]
    fn per_query_cost_adds_token_prices_and_extras() {
        let p = params(
            r#"{"id":"a","kind":"prompting","setup_usd":0,
                "per_query":{"input_tokens":400,"cached_input_tokens":1000,"output_tokens":120,
                "usd_per_1m_input":0.8,"usd_per_1m_cached_input":0.2,"usd_per_1m_output":3.2,"extra_usd":0.001}}"#,
            CostBasis::Compute,
        );
        // (400*0.8 + 1000*0.2 + 120*3.2)/1e6 + 0.001 = (320+200+384)/1e6 + 0.001
        assert!((p.per_query_usd() - 0.001904).abs() < 1e-12);
    }

    #[test]
    fn a_batch_share_discounts_token_prices_only() {
        let json = |batch: &str| {
            format!(
                r#"{{"id":"a","kind":"prompting","setup_usd":0,
                "per_query":{{"input_tokens":1000000,"usd_per_1m_input":1.0,"extra_usd":0.5{batch}}}}}"#
            )
        };
        let plain = params(&json(""), CostBasis::Compute).per_query_usd();
        assert_eq!(plain, 1.5);
        // no share: the same number to the bit, whatever the discount
        let none = params(&json(r#","batch_discount":0.9"#), CostBasis::Compute);
        assert_eq!(none.per_query_usd().to_bits(), plain.to_bits());
        // 40% at the default half price: tokens x (1 - 0.4 x 0.5); extras unchanged
        let batched = params(&json(r#","batch_share":0.4"#), CostBasis::Compute);
        assert!((batched.per_query_usd() - (0.8 + 0.5)).abs() < 1e-12);
        let deep = params(
            &json(r#","batch_share":1,"batch_discount":0.75"#),
            CostBasis::Compute,
        );
        assert!((deep.per_query_usd() - (0.25 + 0.5)).abs() < 1e-12);
    }

    #[test]
    fn quality_adjusted_basis_adds_cost_of_errors() {
        let json = r#"{"id":"a","kind":"prompting","setup_usd":0,
            "per_query":{"input_tokens":1000000,"usd_per_1m_input":1.0},
            "quality":{"accuracy":0.9,"usd_per_error":0.5}}"#;
        assert!((params(json, CostBasis::Compute).per_query_usd() - 1.0).abs() < 1e-12);
        // 1.0 + (1 - 0.9) * 0.5
        assert!((params(json, CostBasis::QualityAdjusted).per_query_usd() - 1.05).abs() < 1e-12);
    }

    #[test]
    fn one_time_cost_is_setup_data_and_initial_runs() {
        let p = params(
            r#"{"id":"ft","kind":"fine_tuning","setup_usd":12000,
                "data":{"examples":2000,"usd_per_example":1.5},
                "training":{"runs":8,"usd_per_run":300},"per_query":{}}"#,
            CostBasis::Compute,
        );
        assert_eq!(p.one_time_usd(), 12000.0 + 3000.0 + 2400.0);
    }

    #[test]
    fn retraining_happens_at_the_start_of_months_one_plus_k() {
        let p = params(
            r#"{"id":"ft","kind":"fine_tuning","setup_usd":0,
                "training":{"runs":1,"usd_per_run":100},
                "retraining":{"every_months":6,"runs":2},"per_query":{}}"#,
            CostBasis::Compute,
        );
        let months: Vec<usize> = (1..=24).filter(|&m| p.retrains_in(m)).collect();
        assert_eq!(months, vec![7, 13, 19]);
        for horizon in 0..40 {
            let by_months = (1..=horizon).filter(|&m| p.retrains_in(m)).count();
            assert_eq!(p.retraining_events(horizon), by_months, "horizon {horizon}");
        }

        let timeline = Timeline::new(24, 0.0);
        let curve = p.cumulative_usd(&timeline, 0.0);
        assert_eq!(curve[0], 100.0);
        assert_eq!(curve[6], 100.0);
        assert_eq!(curve[7], 300.0);
        assert_eq!(curve[24], 100.0 + 3.0 * 200.0);
        assert_eq!(p.total_usd(&timeline, 0.0), curve[24]);
    }

    /// Every field is perturbed on an approach that uses every formula; what
    /// changes must stay within the field's `reach` (and, but for latency,
    /// something must change), or the Monte Carlo's shortcuts would be wrong.
    #[test]
    fn each_field_reaches_only_what_its_reach_says() {
        let mut base = params(
            r#"{"id":"ft","kind":"fine_tuning","setup_usd":1000,"monthly_fixed_usd":30,
                "data":{"examples":500,"usd_per_example":2},"training":{"runs":5,"usd_per_run":300},
                "retraining":{"every_months":4,"runs":2},
                "per_query":{"input_tokens":900,"cached_input_tokens":300,"output_tokens":80,
                  "usd_per_1m_input":0.8,"usd_per_1m_cached_input":0.2,"usd_per_1m_output":3.2,
                  "extra_usd":0.0001,"batch_share":0.3},
                "quality":{"accuracy":0.9,"usd_per_error":0.4},"latency_ms_p50":300,
                "self_hosted":{"usd_per_gpu_hour":2.5,"tokens_per_second":2000,"utilization":0.5,"min_gpus":1},
                "effort":{"setup_hours":80,"hours_per_run":6,"hours_per_month":10},
                "evals":{"cases":300,"usd_per_case":0.1,"runs_at_setup":4},
                "launch_months":2,"price_trend_pct_per_year":-15}"#,
            CostBasis::QualityAdjusted,
        );
        base.engineer_usd_per_hour = 110.0;
        base.incumbent = base.served();
        let timeline = Timeline::new(24, 5.0);
        let months = |p: &CostParams| {
            let mut months = Vec::new();
            p.for_each_month(&timeline, 3_000_000.0, |_, cost| months.push(cost));
            months
        };
        let before = months(&base);
        for field in Field::ALL {
            let mut changed = base;
            let value = base.get(field);
            changed.set(
                field,
                if value < 1.0 {
                    value * 0.5 + 0.3
                } else {
                    value * 1.5 + 1.0
                },
            );
            let after = months(&changed);
            let one_time = changed.one_time_usd() != base.one_time_usd();
            let runs = changed.retraining_event_usd() != base.retraining_event_usd();
            let same_but_retraining = before
                .iter()
                .zip(&after)
                .all(|(b, a)| a.base == b.base && a.people == b.people && a.retrains == b.retrains);
            let reached = if before != after && !same_but_retraining {
                Reach::Months
            } else if before != after || runs {
                Reach::Runs
            } else if one_time {
                Reach::OneTime
            } else {
                Reach::Nothing
            };
            assert_eq!(reached, field.reach(), "{field:?}");
        }
    }

    #[test]
    fn volume_grows_geometrically_from_month_one() {
        let timeline = Timeline::new(3, 10.0);
        let factors = timeline.factors();
        assert_eq!(factors[0], 1.0);
        assert!((factors[1] - 1.1).abs() < 1e-12);
        assert!((factors[2] - 1.21).abs() < 1e-12);
        assert!((timeline.factor_sum() - 3.31).abs() < 1e-12);
    }

    #[test]
    fn self_hosting_rounds_gpus_up_and_respects_the_minimum() {
        let p = params(
            r#"{"id":"lora","kind":"fine_tuning","setup_usd":0,
                "per_query":{"input_tokens":500,"output_tokens":100},
                "self_hosted":{"usd_per_gpu_hour":2.0,"tokens_per_second":1000,"utilization":0.5,"min_gpus":1}}"#,
            CostBasis::Compute,
        );
        // one GPU serves 1000 * 0.5 * 3600 * 730 = 1,314,000,000 tokens a month
        let per_gpu_queries = 1_314_000_000.0 / 600.0;
        assert_eq!(p.gpus_for(0.0), 1.0);
        assert_eq!(p.gpus_for(per_gpu_queries), 1.0);
        assert_eq!(p.gpus_for(per_gpu_queries * 1.001), 2.0);
        assert_eq!(p.gpus_for(per_gpu_queries * 3.5), 4.0);
        // month cost: 4 GPUs x $2 x 730 h, no token prices
        assert!((p.month_usd(1, per_gpu_queries * 3.5) - 4.0 * 2.0 * 730.0).abs() < 1e-9);
    }

    #[test]
    fn cumulative_curve_adds_each_month_to_the_one_time_cost() {
        let p = params(
            r#"{"id":"a","kind":"rag","setup_usd":1000,"monthly_fixed_usd":50,
                "per_query":{"extra_usd":0.01}}"#,
            CostBasis::Compute,
        );
        let timeline = Timeline::new(2, 100.0);
        let curve = p.cumulative_usd(&timeline, 1000.0);
        // month 1: 50 + 1000 * 0.01; month 2: 50 + 2000 * 0.01
        assert_eq!(curve.len(), 3);
        assert!((curve[1] - 1060.0).abs() < 1e-9);
        assert!((curve[2] - 1130.0).abs() < 1e-9);
        assert!((p.total_usd(&timeline, 1000.0) - 1130.0).abs() < 1e-9);
    }
}
