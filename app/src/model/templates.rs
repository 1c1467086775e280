//! Starting points for a new approach of each kind. Every number comes from
//! the field registry (`inputs.rs`): the sections a kind starts with and each
//! input's default for that kind, so a new card and a section switched on
//! later start from the same figures.

use super::inputs::{inputs_of, Section};
use super::scenario::{Approach, ApproachKind, PerQuery, PromptTokens};
use std::collections::BTreeMap;

/// The sections a new card of any kind may start with, in the order they
/// are switched on (each brings what it needs).
const TEMPLATE_SECTIONS: [Section; 7] = [
    Section::Prompt,
    Section::Effort,
    Section::Evals,
    Section::Data,
    Section::Training,
    Section::TrainingTokens,
    Section::Retraining,
];

/// A new approach of `kind` whose id is not among `taken`.
pub fn approach_template(kind: ApproachKind, taken: &[&str]) -> Approach {
    let (stem, label, model) = match kind {
        ApproachKind::Prompting => ("prompting", "Prompted gpt-4.1-mini", "gpt-4.1-mini"),
        ApproachKind::FewShot => ("few-shot", "Few-shot gpt-4.1-mini", "gpt-4.1-mini"),
        ApproachKind::Rag => ("rag", "RAG on gpt-4.1-mini", "gpt-4.1-mini"),
        ApproachKind::FineTuning => ("fine-tuning", "Fine-tuned gpt-4.1-mini", "ft:gpt-4.1-mini"),
    };
    let mut approach = Approach {
        id: unique_id(stem, taken),
        kind,
        label: label.into(),
        model: Some(model.into()),
        setup_usd: 0.0,
        prompt: None,
        data: None,
        training: None,
        retraining: None,
        per_query: PerQuery::default(),
        monthly_fixed_usd: 0.0,
        self_hosted: None,
        quality: None,
        latency_ms_p50: None,
        effort: None,
        evals: None,
        launch_months: None,
        price_trend_pct_per_year: None,
        ranges: BTreeMap::new(),
    };
    for input in inputs_of(Section::Costs).filter(|i| i.starts_set(kind)) {
        input.set(&mut approach, input.default_for(kind));
    }
    for section in TEMPLATE_SECTIONS {
        if section.in_template(kind) {
            section.switch(&mut approach, true);
        }
    }
    approach.sync_derived();
    approach
}

/// The prompt's parts for a card that had only token counts: its input
/// tokens become the system prompt and its cached tokens one example, so
/// switching the derivation on keeps the card's numbers.
pub fn prompt_from_tokens(per_query: &PerQuery) -> PromptTokens {
    let cached = per_query.cached_input_tokens;
    PromptTokens {
        system_tokens: per_query.input_tokens,
        shots: if cached > 0.0 { 1.0 } else { 0.0 },
        tokens_per_shot: cached,
        ..PromptTokens::default()
    }
}

fn unique_id(stem: &str, taken: &[&str]) -> String {
    if !taken.contains(&stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !taken.contains(&id.as_str()))
        .expect("an unused id exists")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{analyze, Scenario, Volume};

    #[test]
    fn every_template_is_valid_and_ids_stay_unique() {
        let mut approaches = Vec::new();
        for kind in ApproachKind::ALL.into_iter().chain(ApproachKind::ALL) {
            let taken: Vec<&str> = approaches
                .iter()
                .map(|a: &Approach| a.id.as_str())
                .collect();
            approaches.push(approach_template(kind, &taken));
        }
        let ids: Vec<&str> = approaches.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "prompting",
                "few-shot",
                "rag",
                "fine-tuning",
                "prompting-2",
                "few-shot-2",
                "rag-2",
                "fine-tuning-2"
            ]
        );
        let scenario = Scenario {
            name: "t".into(),
            currency: "USD".into(),
            horizon_months: 24,
            cost_basis: Default::default(),
            latency_target_ms: None,
            volume: Volume {
                queries_per_month: 100_000.0,
                monthly_growth_pct: 0.0,
            },
            approaches,
            simulation: None,
            readiness: None,
            team: None,
            incumbent: None,
            prices_from: None,
        };
        analyze(&scenario).unwrap();
    }
}

#[cfg(test)]
mod same_as_before {
    use super::*;

    /// The figures the templates were hand-typed with before the registry
    /// (gpt-4.1-mini list prices): a new card starts where it always did.
    #[test]
    fn every_kind_starts_from_its_former_figures() {
        let ft = approach_template(ApproachKind::FineTuning, &[]);
        assert_eq!(ft.setup_usd, 12_000.0);
        assert_eq!(ft.per_query.input_tokens, 300.0);
        assert_eq!(ft.per_query.usd_per_1m_output, 3.2);
        let data = ft.data.as_ref().unwrap();
        assert_eq!((data.examples, data.usd_per_example), (2_000.0, 1.5));
        let training = ft.training.as_ref().unwrap();
        assert_eq!((training.runs, training.usd_per_run), (8.0, 15.0));
        let retraining = ft.retraining.as_ref().unwrap();
        assert_eq!((retraining.every_months, retraining.runs), (6, 2.0));
        assert_eq!(ft.latency_ms_p50, Some(500.0));

        let rag = approach_template(ApproachKind::Rag, &[]);
        assert_eq!(rag.setup_usd, 8_000.0);
        assert_eq!(rag.per_query.input_tokens, 2_700.0);
        assert_eq!(rag.per_query.extra_usd, 0.000_026);
        assert_eq!(rag.monthly_fixed_usd, 300.0);
        assert!(rag.data.is_none() && rag.training.is_none());

        let few = approach_template(ApproachKind::FewShot, &[]);
        assert_eq!(few.per_query.cached_input_tokens, 2_000.0);
        assert_eq!(few.per_query.usd_per_1m_input, 0.4);
        let prompting = approach_template(ApproachKind::Prompting, &[]);
        assert_eq!(prompting.per_query.input_tokens, 1_200.0);
        assert_eq!(prompting.latency_ms_p50, Some(800.0));
        assert_eq!(prompting.model.as_deref(), Some("gpt-4.1-mini"));
    }
}
