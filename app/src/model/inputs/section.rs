//! The parts of a scenario inputs belong to: the header, the checklist,
//! a card's costs and its optional sections (switched on with their defaults).

use super::{inputs_of, Field};
use crate::model::scenario::{
    Approach, ApproachKind, Data, Effort, Evals, PromptTokens, Quality, Retraining, SelfHosted,
    Training, TrainingTokens,
};

/// Where an input is shown and which optional part of the JSON holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// The scenario's header: volume, horizon, targets.
    Scenario,
    /// The "Should we fine-tune?" checklist (`readiness`).
    Checklist,
    /// An approach's always-present costs.
    Costs,
    /// Tokens per query worked out from the prompt's parts (`prompt`).
    Prompt,
    Data,
    Training,
    /// A training run priced by the token (`training.tokens`).
    TrainingTokens,
    Retraining,
    SelfHosted,
    Quality,
    /// Engineer hours (`effort`), priced at the team's hourly cost.
    Effort,
    Evals,
}

/// The optional sections of an approach a card can switch on and off, in
/// the order a card shows them.
pub const CARD_SECTIONS: [Section; 7] = [
    Section::Effort,
    Section::Evals,
    Section::Data,
    Section::Training,
    Section::Retraining,
    Section::SelfHosted,
    Section::Quality,
];

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Scenario => "Scenario",
            Section::Checklist => "Should we fine-tune?",
            Section::Costs => "Costs",
            Section::Prompt => "Tokens from the prompt's parts",
            Section::Data => "Training data",
            Section::Training => "Training runs",
            Section::TrainingTokens => "Training run priced by the token",
            Section::Retraining => "Retraining when the base model updates",
            Section::SelfHosted => "Self-hosted on GPUs",
            Section::Quality => "Quality from evals",
            Section::Effort => "People: engineer hours",
            Section::Evals => "Evals",
        }
    }

    /// A name for element ids and test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Scenario => "scenario",
            Section::Checklist => "checklist",
            Section::Costs => "costs",
            Section::Prompt => "prompt",
            Section::Data => "data",
            Section::Training => "training",
            Section::TrainingTokens => "training-tokens",
            Section::Retraining => "retraining",
            Section::SelfHosted => "self-hosted",
            Section::Quality => "quality",
            Section::Effort => "effort",
            Section::Evals => "evals",
        }
    }

    /// Whether a new approach of `kind` starts with this section.
    pub fn in_template(self, kind: ApproachKind) -> bool {
        match self {
            Section::Scenario
            | Section::Checklist
            | Section::Costs
            | Section::Prompt
            | Section::Effort
            | Section::Evals => true,
            Section::Data | Section::Training | Section::TrainingTokens | Section::Retraining => {
                kind == ApproachKind::FineTuning
            }
            Section::SelfHosted | Section::Quality => false,
        }
    }

    /// Whether the approach has this section.
    pub fn present(self, approach: &Approach) -> bool {
        match self {
            Section::Scenario | Section::Checklist | Section::Costs => true,
            Section::Prompt => approach.prompt.is_some(),
            Section::Data => approach.data.is_some(),
            Section::Training => approach.training.is_some(),
            Section::TrainingTokens => approach
                .training
                .as_ref()
                .is_some_and(|t| t.tokens.is_some()),
            Section::Retraining => approach.retraining.is_some(),
            Section::SelfHosted => approach.self_hosted.is_some(),
            Section::Quality => approach.quality.is_some(),
            Section::Effort => approach.effort.is_some(),
            Section::Evals => approach.evals.is_some(),
        }
    }

    /// Adds the section with every input at its default for the approach's
    /// kind (and what it needs: retraining needs training, a token-priced
    /// run needs examples), or removes it and its inputs' ranges.
    pub fn switch(self, approach: &mut Approach, on: bool) {
        if on == self.present(approach) {
            return;
        }
        if !on {
            match self {
                Section::Scenario | Section::Checklist | Section::Costs => return,
                Section::Prompt => approach.prompt = None,
                Section::Data => approach.data = None,
                Section::Training => approach.training = None,
                Section::TrainingTokens => {
                    if let Some(training) = approach.training.as_mut() {
                        training.tokens = None
                    }
                }
                Section::Retraining => approach.retraining = None,
                Section::SelfHosted => approach.self_hosted = None,
                Section::Quality => approach.quality = None,
                Section::Effort => approach.effort = None,
                Section::Evals => approach.evals = None,
            }
            for input in inputs_of(self) {
                approach.ranges.remove(input.path);
            }
            return;
        }
        match self {
            Section::Scenario | Section::Checklist | Section::Costs => return,
            Section::Prompt => approach.prompt = Some(PromptTokens::default()),
            Section::Data => {
                approach.data = Some(Data {
                    examples: 0.0,
                    usd_per_example: 0.0,
                })
            }
            Section::Training => {
                approach.training = Some(Training {
                    runs: 0.0,
                    usd_per_run: 0.0,
                    tokens: None,
                })
            }
            Section::TrainingTokens => {
                Section::Training.switch(approach, true);
                Section::Data.switch(approach, true);
                if let Some(training) = approach.training.as_mut() {
                    training.tokens = Some(TrainingTokens {
                        tokens_per_example: 0.0,
                        epochs: 0.0,
                        usd_per_1m_tokens: 0.0,
                    });
                }
                // the run's cost is now worked out, not typed
                approach.ranges.remove(Field::TrainingUsdPerRun.path());
            }
            Section::Retraining => {
                Section::Training.switch(approach, true);
                approach.retraining = Some(Retraining {
                    every_months: 1,
                    runs: 0.0,
                })
            }
            Section::SelfHosted => {
                approach.self_hosted = Some(SelfHosted {
                    usd_per_gpu_hour: 0.0,
                    tokens_per_second: 0.0,
                    utilization: 0.0,
                    min_gpus: 0,
                })
            }
            Section::Quality => {
                approach.quality = Some(Quality {
                    accuracy: 0.0,
                    usd_per_error: 0.0,
                })
            }
            Section::Effort => approach.effort = Some(Effort::default()),
            Section::Evals => {
                approach.evals = Some(Evals {
                    cases: 0.0,
                    usd_per_case: 0.0,
                    runs_at_setup: 0.0,
                })
            }
        }
        let kind = approach.kind;
        for input in inputs_of(self).filter(|i| i.starts_set(kind)) {
            input.set(approach, input.default_for(kind));
        }
        approach.sync_derived();
    }
}
