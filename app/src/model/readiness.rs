//! "Should we fine-tune?": the product brief's decision rule, combined with the
//! numbers. The rule: fine-tune only after at least four weeks of real prompt
//! iteration, after RAG is in with its retrieval recall measured (below about
//! 70%, fix retrieval first), with the quality gap measured by evals, and when
//! what remains is a narrow, repetitive task. Even then it pays off in three
//! situations: high volume on a narrow domain, a latency need the API cannot
//! meet, or strict style/format consistency.
//!
//! The verdict is structured data; `components::readiness` words it.

use super::analysis::Analysis;
use super::scenario::{ApproachKind, Readiness, Scenario};
pub use super::verdict::{Blocker, Economics, FineTuneVerdict, Payoff, VerdictStatus};

pub const MIN_PROMPT_WEEKS: f64 = 4.0;
pub const MIN_RETRIEVAL_RECALL: f64 = 0.7;

/// The verdict for a scenario and its (point) analysis.
pub fn fine_tune_verdict(scenario: &Scenario, analysis: &Analysis) -> FineTuneVerdict {
    let checklist = scenario.readiness.clone().unwrap_or_default();
    let volume = scenario.volume.queries_per_month;
    let is_fine_tuning = |id: &str| {
        scenario
            .approaches
            .iter()
            .any(|a| a.id == id && a.kind == ApproachKind::FineTuning)
    };
    let has_fine_tuning = scenario
        .approaches
        .iter()
        .any(|a| a.kind == ApproachKind::FineTuning);
    if !has_fine_tuning {
        return FineTuneVerdict {
            status: VerdictStatus::NoFineTuning,
            blockers: blockers(&checklist),
            economics: None,
            payoffs: Vec::new(),
            queries_per_month: volume,
            latency_from_numbers: false,
        };
    }

    let economics = economics(analysis, volume, is_fine_tuning);
    let mut payoffs = Vec::new();
    if checklist.narrow_domain && matches!(economics, Economics::CheapestNow { .. }) {
        payoffs.push(Payoff::HighVolumeNarrowDomain);
    }
    let latency_from_numbers = latency_from_numbers(scenario);
    if checklist.latency_need || latency_from_numbers {
        payoffs.push(Payoff::Latency);
    }
    if checklist.strict_format {
        payoffs.push(Payoff::StrictFormat);
    }
    let blockers = blockers(&checklist);
    let status = if !blockers.is_empty() {
        VerdictStatus::NotReady
    } else if payoffs.is_empty() {
        VerdictStatus::NotWorthIt
    } else {
        VerdictStatus::FineTune
    };
    FineTuneVerdict {
        status,
        blockers,
        economics: Some(economics),
        payoffs,
        queries_per_month: volume,
        latency_from_numbers,
    }
}

/// The brief's latency pay-off, from the numbers: with a latency target,
/// what the team runs today misses it and a fine-tuning approach meets it.
fn latency_from_numbers(scenario: &Scenario) -> bool {
    let Some(target) = scenario.latency_target_ms else {
        return false;
    };
    let incumbent = &scenario.approaches[scenario.incumbent_index()];
    let misses = incumbent.latency_ms_p50.is_some_and(|l| l > target);
    misses
        && scenario.approaches.iter().any(|a| {
            a.kind == ApproachKind::FineTuning && a.latency_ms_p50.is_some_and(|l| l <= target)
        })
}

fn blockers(checklist: &Readiness) -> Vec<Blocker> {
    let mut blockers = Vec::new();
    match checklist.prompt_iteration_weeks {
        None => blockers.push(Blocker::PromptIterationUnmeasured),
        Some(weeks) if weeks < MIN_PROMPT_WEEKS => {
            blockers.push(Blocker::PromptIterationTooShort { weeks })
        }
        Some(_) => {}
    }
    if !checklist.rag_added {
        blockers.push(Blocker::RagNotAdded);
    }
    match checklist.retrieval_recall {
        None => blockers.push(Blocker::RetrievalRecallUnmeasured),
        Some(recall) if recall < MIN_RETRIEVAL_RECALL => {
            blockers.push(Blocker::RetrievalRecallLow { recall })
        }
        Some(_) => {}
    }
    if !checklist.quality_gap_measured {
        blockers.push(Blocker::QualityGapUnmeasured);
    }
    if !checklist.narrow_task {
        blockers.push(Blocker::TaskNotNarrow);
    }
    blockers
}

/// Reads the cheapest-by-volume envelope: the band holding the scenario's
/// volume, or else the first fine-tuning band above it.
fn economics(analysis: &Analysis, volume: f64, is_fine_tuning: impl Fn(&str) -> bool) -> Economics {
    let bands = &analysis.cheapest_by_volume;
    let current = bands.iter().find(|band| {
        band.from_queries_per_month <= volume
            && band.to_queries_per_month.is_none_or(|to| volume < to)
    });
    if let Some(band) = current.filter(|b| is_fine_tuning(&b.approach)) {
        return Economics::CheapestNow {
            approach: band.approach.clone(),
            from_queries_per_month: band.from_queries_per_month,
        };
    }
    match bands
        .iter()
        .find(|b| b.from_queries_per_month > volume && is_fine_tuning(&b.approach))
    {
        Some(band) => Economics::CheapestAbove {
            approach: band.approach.clone(),
            from_queries_per_month: band.from_queries_per_month,
        },
        None => Economics::NeverCheapest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;
    use crate::model::{analyze_without_uncertainty, Readiness};

    fn ready() -> Readiness {
        Readiness {
            prompt_iteration_weeks: Some(6.0),
            rag_added: true,
            retrieval_recall: Some(0.85),
            quality_gap_measured: true,
            narrow_task: true,
            narrow_domain: true,
            latency_need: false,
            strict_format: false,
        }
    }

    fn verdict(scenario: &Scenario) -> FineTuneVerdict {
        fine_tune_verdict(scenario, &analyze_without_uncertainty(scenario).unwrap())
    }

    #[test]
    fn an_empty_checklist_lists_every_blocker_in_order() {
        let mut scenario = default_scenario();
        scenario.readiness = None;
        let v = verdict(&scenario);
        assert_eq!(v.status, VerdictStatus::NotReady);
        assert_eq!(
            v.blockers,
            vec![
                Blocker::PromptIterationUnmeasured,
                Blocker::RagNotAdded,
                Blocker::RetrievalRecallUnmeasured,
                Blocker::QualityGapUnmeasured,
                Blocker::TaskNotNarrow,
            ]
        );
    }

    #[test]
    fn low_recall_and_short_iteration_block() {
        let mut scenario = default_scenario();
        scenario.readiness = Some(Readiness {
            prompt_iteration_weeks: Some(2.0),
            retrieval_recall: Some(0.55),
            ..ready()
        });
        let v = verdict(&scenario);
        assert_eq!(
            v.blockers,
            vec![
                Blocker::PromptIterationTooShort { weeks: 2.0 },
                Blocker::RetrievalRecallLow { recall: 0.55 },
            ]
        );
        // exactly at the thresholds is enough
        scenario.readiness = Some(Readiness {
            prompt_iteration_weeks: Some(4.0),
            retrieval_recall: Some(0.7),
            ..ready()
        });
        assert!(verdict(&scenario).blockers.is_empty());
    }

    #[test]
    fn ready_and_cheapest_means_fine_tune_with_the_band_start() {
        let mut scenario = default_scenario();
        scenario.readiness = Some(ready());
        scenario.volume.queries_per_month = 5e6;
        let analysis = analyze_without_uncertainty(&scenario).unwrap();
        let v = fine_tune_verdict(&scenario, &analysis);
        let Some(Economics::CheapestNow {
            approach,
            from_queries_per_month,
        }) = &v.economics
        else {
            panic!("fine-tuning should be cheapest at 5M: {v:?}");
        };
        let band = analysis
            .cheapest_by_volume
            .iter()
            .find(|b| &b.approach == approach)
            .unwrap();
        assert_eq!(band.from_queries_per_month, *from_queries_per_month);
        assert!(*from_queries_per_month <= 5e6);
        assert_eq!(v.status, VerdictStatus::FineTune);
        assert_eq!(v.payoffs, vec![Payoff::HighVolumeNarrowDomain]);
    }

    #[test]
    fn ready_but_below_the_break_even_is_not_worth_it_unless_latency_or_format() {
        let mut scenario = default_scenario();
        scenario.readiness = Some(ready());
        scenario.volume.queries_per_month = 1_000.0;
        let v = verdict(&scenario);
        assert!(
            matches!(v.economics, Some(Economics::CheapestAbove { from_queries_per_month, .. }) if from_queries_per_month > 1_000.0),
            "{v:?}"
        );
        assert_eq!(v.status, VerdictStatus::NotWorthIt);
        scenario.readiness = Some(Readiness {
            latency_need: true,
            ..ready()
        });
        let v = verdict(&scenario);
        assert_eq!(v.status, VerdictStatus::FineTune);
        assert_eq!(v.payoffs, vec![Payoff::Latency]);
    }

    #[test]
    fn without_a_fine_tuning_approach_there_is_nothing_to_weigh() {
        let mut scenario = default_scenario();
        scenario
            .approaches
            .retain(|a| a.kind != ApproachKind::FineTuning);
        let v = verdict(&scenario);
        assert_eq!(v.status, VerdictStatus::NoFineTuning);
        assert_eq!(v.economics, None);
    }
}
