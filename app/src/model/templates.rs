//! Starting points for a new approach of each kind, priced from mid-2025 list
//! prices (USD per 1M tokens) so a new card gives a sensible answer at once.

use super::scenario::{
    Approach, ApproachKind, Data, PerQuery, PromptTokens, Quality, Retraining, SelfHosted,
    Training, TrainingTokens,
};
use std::collections::BTreeMap;

/// A new approach of `kind` whose id is not among `taken`.
pub fn approach_template(kind: ApproachKind, taken: &[&str]) -> Approach {
    let stem = match kind {
        ApproachKind::Prompting => "prompting",
        ApproachKind::FewShot => "few-shot",
        ApproachKind::Rag => "rag",
        ApproachKind::FineTuning => "fine-tuning",
    };
    let id = unique_id(stem, taken);
    let base = Approach {
        id,
        kind,
        label: String::new(),
        model: None,
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
        ranges: BTreeMap::new(),
    };
    // gpt-4.1-mini: in 0.40, cached 0.10, out 1.60
    let mini = |input_tokens: f64, cached_input_tokens: f64| PerQuery {
        input_tokens,
        cached_input_tokens,
        output_tokens: 150.0,
        usd_per_1m_input: 0.4,
        usd_per_1m_cached_input: 0.1,
        usd_per_1m_output: 1.6,
        extra_usd: 0.0,
    };
    match kind {
        ApproachKind::Prompting => Approach {
            label: "Prompted gpt-4.1-mini".into(),
            model: Some("gpt-4.1-mini".into()),
            setup_usd: 1_500.0,
            prompt: Some(PromptTokens {
                system_tokens: 1_000.0,
                user_tokens: 200.0,
                ..PromptTokens::default()
            }),
            per_query: mini(1_200.0, 0.0),
            latency_ms_p50: Some(800.0),
            ..base
        },
        ApproachKind::FewShot => Approach {
            label: "Few-shot gpt-4.1-mini".into(),
            model: Some("gpt-4.1-mini".into()),
            setup_usd: 3_000.0,
            // 10 examples x 200 tokens, cached as a static prefix
            prompt: Some(PromptTokens {
                system_tokens: 1_000.0,
                user_tokens: 200.0,
                shots: 10.0,
                tokens_per_shot: 200.0,
                ..PromptTokens::default()
            }),
            per_query: mini(1_200.0, 2_000.0),
            latency_ms_p50: Some(900.0),
            ..base
        },
        ApproachKind::Rag => Approach {
            label: "RAG on gpt-4.1-mini".into(),
            model: Some("gpt-4.1-mini".into()),
            setup_usd: 8_000.0,
            // 5 chunks x 300 tokens; text-embedding-3-small for the query,
            // plus a vector read
            prompt: Some(PromptTokens {
                system_tokens: 1_000.0,
                user_tokens: 200.0,
                chunks: 5.0,
                tokens_per_chunk: 300.0,
                ..PromptTokens::default()
            }),
            per_query: PerQuery {
                extra_usd: 0.000_026,
                ..mini(2_700.0, 0.0)
            },
            monthly_fixed_usd: 300.0,
            latency_ms_p50: Some(1_000.0),
            ..base
        },
        ApproachKind::FineTuning => Approach {
            label: "Fine-tuned gpt-4.1-mini".into(),
            model: Some("ft:gpt-4.1-mini".into()),
            setup_usd: 12_000.0,
            // the task's instructions are learned: a short prompt remains
            prompt: Some(PromptTokens {
                system_tokens: 100.0,
                user_tokens: 200.0,
                ..PromptTokens::default()
            }),
            data: Some(Data {
                examples: 2_000.0,
                usd_per_example: 1.5,
            }),
            // 2,000 examples x 500 tokens x 3 epochs = 3M training tokens at $5/1M
            training: Some(Training {
                runs: 8.0,
                usd_per_run: 15.0,
                tokens: Some(TrainingTokens {
                    tokens_per_example: 500.0,
                    epochs: 3.0,
                    usd_per_1m_tokens: 5.0,
                }),
            }),
            retraining: Some(Retraining {
                every_months: 6,
                runs: 2.0,
            }),
            per_query: PerQuery {
                input_tokens: 300.0,
                output_tokens: 150.0,
                usd_per_1m_input: 0.8,
                usd_per_1m_cached_input: 0.2,
                usd_per_1m_output: 3.2,
                ..PerQuery::default()
            },
            latency_ms_p50: Some(500.0),
            ..base
        },
    }
}

/// A self-hosting section with typical numbers for an 8B model on one GPU.
pub fn self_hosted_template() -> SelfHosted {
    SelfHosted {
        usd_per_gpu_hour: 2.5,
        tokens_per_second: 2_500.0,
        utilization: 0.6,
        min_gpus: 1,
    }
}

pub fn quality_template() -> Quality {
    Quality {
        accuracy: 0.9,
        usd_per_error: 0.5,
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
        };
        analyze(&scenario).unwrap();
    }
}
