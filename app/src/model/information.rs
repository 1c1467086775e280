//! What measuring an uncertain input is worth before deciding, from the
//! Monte Carlo's samples. The decision: pick the approach with the lowest
//! expected total over the horizon.
//!
//! - EVPI (expected value of perfect information) = min over approaches of
//!   E[total] - E[min over approaches of total]: what knowing every ranged
//!   input before deciding would save on average.
//! - EVPPI of one input = min over approaches of E[total] - E over the
//!   input's value of (min over approaches of E[total | that value]). The
//!   conditional means are estimated by sorting the samples on the input's
//!   drawn value into equal-count bins (`bins_for`: the square root of the
//!   sample count). An approach whose total the input does not enter keeps
//!   its overall mean in every bin (it is independent of the input, so that
//!   is its conditional mean exactly, without the bins' noise); so an input
//!   that cannot change which approach wins is worth exactly 0.
//!
//! The estimator is at least 0 by construction (a minimum of sums is at most
//! the sum of minima). Its bins' noise can put it above EVPI, which the
//! quantity itself never is, so it is capped at EVPI.

/// Each approach's total at the horizon in every sample.
pub enum SampleTotals<'a> {
    /// The approach's total does not vary: the point estimate's.
    Fixed(f64),
    /// One total per sample, in draw order.
    Drawn(&'a [f64]),
}

impl SampleTotals<'_> {
    fn at(&self, sample: usize) -> f64 {
        match self {
            SampleTotals::Fixed(total) => *total,
            SampleTotals::Drawn(totals) => totals[sample],
        }
    }

    fn mean(&self, samples: usize) -> f64 {
        match self {
            SampleTotals::Fixed(total) => *total,
            SampleTotals::Drawn(totals) => totals[..samples].iter().sum::<f64>() / samples as f64,
        }
    }
}

/// Equal-count bins for `samples` samples: the square root, rounded, at least 1.
pub fn bins_for(samples: usize) -> usize {
    ((samples as f64).sqrt().round() as usize).max(1)
}

/// The decision's figures shared by every input's EVPPI.
pub struct Decision<'a> {
    totals: &'a [SampleTotals<'a>],
    samples: usize,
    means: Vec<f64>,
    /// min over approaches of E[total]: the expected total of the decision made now.
    best_mean: f64,
    evpi: f64,
}

impl<'a> Decision<'a> {
    pub fn new(totals: &'a [SampleTotals<'a>], samples: usize) -> Decision<'a> {
        let samples = samples.max(1);
        let means: Vec<f64> = totals.iter().map(|t| t.mean(samples)).collect();
        let best_mean = means.iter().copied().fold(f64::INFINITY, f64::min);
        let mean_of_minima = (0..samples)
            .map(|s| totals.iter().map(|t| t.at(s)).fold(f64::INFINITY, f64::min))
            .sum::<f64>()
            / samples as f64;
        Decision {
            totals,
            samples,
            evpi: not_noise(best_mean - mean_of_minima, best_mean),
            means,
            best_mean,
        }
    }

    /// EVPI, in money (0 when one approach is cheapest in every sample).
    pub fn evpi(&self) -> f64 {
        self.evpi
    }

    /// EVPPI of an input whose drawn value in sample s is `values[s]`, and
    /// whose value enters the totals of the approaches marked in `enters`.
    pub fn evppi(&self, values: &[f32], enters: &[bool], bins: usize) -> f64 {
        if self.evpi == 0.0 || !enters.iter().any(|e| *e) {
            return 0.0;
        }
        let samples = self.samples.min(values.len());
        // each sample as (its value's order, its index) in one integer:
        // sorting plain integers needs no comparator of its own
        let mut order: Vec<u64> = values[..samples]
            .iter()
            .enumerate()
            .map(|(sample, value)| (u64::from(order_key(*value)) << 32) | sample as u64)
            .collect();
        order.sort_unstable();
        let bins = bins.clamp(1, samples.max(1));
        let mut expected = 0.0;
        for bin in 0..bins {
            let members = &order[bin * samples / bins..(bin + 1) * samples / bins];
            if members.is_empty() {
                continue;
            }
            let mut cheapest = f64::INFINITY;
            for (approach, totals) in self.totals.iter().enumerate() {
                let mean = if enters[approach] {
                    let sum: f64 = members
                        .iter()
                        .map(|key| totals.at((key & u64::from(u32::MAX)) as usize))
                        .sum();
                    sum / members.len() as f64
                } else {
                    self.means[approach]
                };
                cheapest = cheapest.min(mean);
            }
            expected += cheapest * members.len() as f64;
        }
        let evppi = self.best_mean - expected / samples as f64;
        not_noise(evppi, self.best_mean).min(self.evpi)
    }
}

/// An integer in the order of the float (negative numbers first).
fn order_key(value: f32) -> u32 {
    let bits = value.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// `value` clamped at 0, and 0 when it is within rounding of `scale` (sums
/// of the same numbers in another order differ in their last bits).
fn not_noise(value: f64, scale: f64) -> f64 {
    if value <= 1e-9 * scale.abs() {
        0.0
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An approach whose total is its input x, spread evenly over 0..100
    /// (in draw order): its totals and x as drawn.
    fn uniform(samples: usize) -> (Vec<f64>, Vec<f32>) {
        let values: Vec<f64> = (0..samples)
            .map(|s| (s as f64 + 0.5) / samples as f64 * 100.0)
            .collect();
        let drawn = values.iter().map(|v| *v as f32).collect();
        (values, drawn)
    }

    #[test]
    fn one_input_deciding_alone_is_worth_all_of_perfect_information() {
        // A = 60; B = x ~ U(0, 100). Deciding now: B (mean 50). Knowing x:
        // pick A when x > 60. EVPI = E[max(0, x - 60)] = 40^2 / 200 = 8.
        let samples = 10_000;
        let (b, values) = uniform(samples);
        let totals = [SampleTotals::Fixed(60.0), SampleTotals::Drawn(&b)];
        let decision = Decision::new(&totals, samples);
        assert!((decision.evpi() - 8.0).abs() < 0.01, "{}", decision.evpi());
        let evppi = decision.evppi(&values, &[false, true], bins_for(samples));
        // the bins average x within each 1% slice: the error is that of
        // one bin straddling 60, well under 1% of the value
        assert!((evppi - 8.0).abs() < 0.08, "{evppi}");
        assert!(evppi <= decision.evpi());
    }

    #[test]
    fn nothing_is_worth_knowing_when_one_approach_wins_every_sample() {
        let samples = 1_000;
        let (b, values) = uniform(samples);
        let totals = [SampleTotals::Fixed(500.0), SampleTotals::Drawn(&b)];
        let decision = Decision::new(&totals, samples);
        assert_eq!(decision.evpi(), 0.0);
        assert_eq!(decision.evppi(&values, &[false, true], 32), 0.0);
    }

    #[test]
    fn an_input_of_an_approach_that_never_wins_is_worth_nothing() {
        // A and B trade places (B's total varies with y); C is far dearer
        // and its own input z varies. Knowing y is worth something, z nothing.
        let samples = 4_096;
        let (b, y) = uniform(samples);
        // z in another order than y, so its bins mix B's samples
        let z: Vec<f32> = (0..samples)
            .map(|s| ((s * 7919) % samples) as f32)
            .collect();
        let c: Vec<f64> = z.iter().map(|z| 1_000.0 + f64::from(*z)).collect();
        let totals = [
            SampleTotals::Fixed(60.0),
            SampleTotals::Drawn(&b),
            SampleTotals::Drawn(&c),
        ];
        let decision = Decision::new(&totals, samples);
        assert!(decision.evpi() > 7.0);
        assert!(decision.evppi(&y, &[false, true, false], 64) > 7.0);
        assert_eq!(decision.evppi(&z, &[false, false, true], 64), 0.0);
        // an input that enters no total (a latency) is worth nothing
        assert_eq!(decision.evppi(&z, &[false, false, false], 64), 0.0);
    }

    #[test]
    fn order_keys_keep_the_order_of_floats() {
        let floats = [-1e30f32, -2.5, -0.0, 0.0, 1e-30, 3.0, 1e30];
        let keys: Vec<u32> = floats.iter().map(|f| order_key(*f)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    }

    #[test]
    fn bins_are_about_the_square_root_of_the_samples() {
        assert_eq!(bins_for(10_000), 100);
        assert_eq!(bins_for(1), 1);
        assert_eq!(bins_for(0), 1);
        assert_eq!(bins_for(200), 14);
    }
}
