//! The model price catalog: token prices a card can be filled from, each with
//! its source and "as of" date. The built-in catalog is a data file compiled
//! into the app; a team can replace it with a LiteLLM price file
//! (`model_prices_and_context_window.json`, converted by `public/litellm.js`
//! and checked here like any catalog). Pure: no UI, no I/O.

use crate::model::{Approach, ApproachKind};
use serde::{Deserialize, Serialize};

const BUILTIN: &str = include_str!("prices.json");

/// Most models a catalog may hold (LiteLLM's file lists about 2,000).
pub const MAX_MODELS: usize = 10_000;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Where the catalog came from, shown beside its date.
    pub name: String,
    /// The date the prices were read, YYYY-MM-DD.
    pub as_of: String,
    pub models: Vec<ModelPrice>,
}

/// What a model is priced for.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ModelUse {
    Chat,
    FineTuned,
    Embedding,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ModelPrice {
    pub id: String,
    pub label: String,
    #[serde(rename = "use")]
    pub model_use: ModelUse,
    pub usd_per_1m_input: f64,
    /// Absent when the model has no cached-input discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_cached_input: Option<f64>,
    pub usd_per_1m_output: f64,
    /// Fine-tuning: the price of 1M training tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_training: Option<f64>,
    pub source: String,
    pub as_of: String,
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CatalogError {
    /// Not JSON, or not the expected shape.
    #[error("not a price file: {0}")]
    Malformed(String),
    /// A price or field that cannot be right, by model.
    #[error("{model}: {message}")]
    Invalid { model: String, message: String },
    #[error("the file lists no model with token prices")]
    Empty,
    #[error("the file lists more than {MAX_MODELS} models")]
    TooLarge,
}

impl Catalog {
    /// The catalog shipped with the app.
    pub fn builtin() -> Catalog {
        Catalog::parse(BUILTIN).expect("the built-in catalog is valid")
    }

    /// Parses a catalog in Breakeven's own format (as kept in the browser).
    pub fn parse(json: &str) -> Result<Catalog, CatalogError> {
        let catalog: Catalog =
            serde_json::from_str(json).map_err(|e| CatalogError::Malformed(e.to_string()))?;
        catalog.check()?;
        Ok(catalog)
    }

    /// Every price finite and non-negative, ids unique, at least one model.
    pub fn check(&self) -> Result<(), CatalogError> {
        if self.models.is_empty() {
            return Err(CatalogError::Empty);
        }
        if self.models.len() > MAX_MODELS {
            return Err(CatalogError::TooLarge);
        }
        // a list, not a hash set: hashing code for one check a visit is
        // not worth its place in the wasm (docs/performance.md)
        let mut ids: Vec<&str> = Vec::with_capacity(self.models.len());
        for model in &self.models {
            let invalid = |message: &str| CatalogError::Invalid {
                model: model.id.clone(),
                message: message.to_string(),
            };
            if model.id.trim().is_empty() {
                return Err(invalid("has an empty id"));
            }
            if ids.contains(&model.id.as_str()) {
                return Err(invalid("is listed twice"));
            }
            ids.push(&model.id);
            let prices = [
                Some(model.usd_per_1m_input),
                model.usd_per_1m_cached_input,
                Some(model.usd_per_1m_output),
                model.usd_per_1m_training,
            ];
            if prices
                .into_iter()
                .flatten()
                .any(|p| !p.is_finite() || !(0.0..=1e6).contains(&p))
            {
                return Err(invalid(
                    "has a price that is negative, not a number, or above $1M per 1M tokens",
                ));
            }
        }
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&ModelPrice> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The models a card of `kind` can run on: fine-tuned models for
    /// fine-tuning, chat models for the rest.
    pub fn for_kind(&self, kind: ApproachKind) -> impl Iterator<Item = &ModelPrice> {
        let wanted = match kind {
            ApproachKind::FineTuning => ModelUse::FineTuned,
            _ => ModelUse::Chat,
        };
        self.models.iter().filter(move |m| m.model_use == wanted)
    }
}

impl ModelPrice {
    /// Fills an approach's token prices (and, for a run priced by training
    /// tokens, the training price) from this entry. A model without a cached
    /// discount charges cached input at the input price.
    pub fn apply_to(&self, approach: &mut Approach) {
        approach.model = Some(self.id.clone());
        let per_query = &mut approach.per_query;
        per_query.usd_per_1m_input = self.usd_per_1m_input;
        per_query.usd_per_1m_cached_input = self
            .usd_per_1m_cached_input
            .unwrap_or(self.usd_per_1m_input);
        per_query.usd_per_1m_output = self.usd_per_1m_output;
        if let (Some(price), Some(tokens)) = (
            self.usd_per_1m_training,
            approach.training.as_mut().and_then(|t| t.tokens.as_mut()),
        ) {
            tokens.usd_per_1m_tokens = price;
        }
        approach.sync_derived();
        for path in [
            "per_query.usd_per_1m_input",
            "per_query.usd_per_1m_cached_input",
            "per_query.usd_per_1m_output",
        ] {
            approach.ranges.remove(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;
    use crate::model::templates::approach_template;
    use crate::model::validate;

    #[test]
    fn the_builtin_catalog_holds_the_issue_figures_with_source_and_date() {
        let catalog = Catalog::builtin();
        assert_eq!(catalog.as_of, "2025-07-01");
        let price = |id: &str| {
            let m = catalog.get(id).unwrap_or_else(|| panic!("{id} missing"));
            (
                m.usd_per_1m_input,
                m.usd_per_1m_cached_input,
                m.usd_per_1m_output,
                m.usd_per_1m_training,
            )
        };
        assert_eq!(price("gpt-4.1"), (2.0, Some(0.5), 8.0, None));
        assert_eq!(price("gpt-4.1-mini"), (0.4, Some(0.1), 1.6, None));
        assert_eq!(price("gpt-4.1-nano"), (0.1, Some(0.025), 0.4, None));
        assert_eq!(price("gpt-4o"), (2.5, Some(1.25), 10.0, None));
        assert_eq!(price("gpt-4o-mini"), (0.15, Some(0.075), 0.6, None));
        assert_eq!(price("ft:gpt-4.1-mini"), (0.8, Some(0.2), 3.2, Some(5.0)));
        assert_eq!(price("ft:gpt-4.1-nano"), (0.2, Some(0.05), 0.8, Some(1.5)));
        assert_eq!(price("ft:gpt-4o-mini"), (0.3, Some(0.15), 1.2, Some(3.0)));
        assert_eq!(price("ft:gpt-4.1"), (3.0, Some(0.75), 12.0, Some(25.0)));
        assert_eq!(price("text-embedding-3-small").0, 0.02);
        assert_eq!(price("text-embedding-3-large").0, 0.13);
        assert_eq!(price("llama-3.1-8b"), (0.18, None, 0.18, None));
        assert_eq!(price("ft:llama-3.1-8b-lora").3, Some(0.48));
        for model in &catalog.models {
            assert!(model.source.starts_with("https://"), "{}", model.id);
            assert_eq!(model.as_of.len(), 10, "{}", model.id);
        }
    }

    #[test]
    fn every_model_named_by_the_templates_and_example_is_in_the_catalog() {
        let catalog = Catalog::builtin();
        let mut approaches = default_scenario().approaches;
        approaches.extend(ApproachKind::ALL.map(|k| approach_template(k, &[])));
        for approach in approaches {
            let id = approach.model.expect("model set");
            let model = catalog.get(&id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(catalog.for_kind(approach.kind).any(|m| m.id == model.id));
        }
    }

    #[test]
    fn picking_a_model_fills_prices_and_reprices_training_runs() {
        let catalog = Catalog::builtin();
        let mut approach = approach_template(ApproachKind::FineTuning, &[]);
        catalog.get("ft:gpt-4.1").unwrap().apply_to(&mut approach);
        assert_eq!(approach.model.as_deref(), Some("ft:gpt-4.1"));
        assert_eq!(approach.per_query.usd_per_1m_input, 3.0);
        assert_eq!(approach.per_query.usd_per_1m_cached_input, 0.75);
        assert_eq!(approach.per_query.usd_per_1m_output, 12.0);
        let training = approach.training.as_ref().unwrap();
        // 2,000 examples x 500 tokens x 3 epochs = 3M tokens at $25
        assert_eq!(training.usd_per_run, 75.0);

        let mut llama = approach_template(ApproachKind::Prompting, &[]);
        catalog.get("llama-3.1-8b").unwrap().apply_to(&mut llama);
        assert_eq!(llama.per_query.usd_per_1m_cached_input, 0.18);
        let mut scenario = default_scenario();
        // the prompted card first: it is the incumbent, live from month 1
        scenario.approaches = vec![llama, approach];
        scenario.incumbent = None;
        assert_eq!(validate(&scenario), vec![]);
    }

    #[test]
    fn a_bad_catalog_is_refused_with_the_model_named() {
        let bad = r#"{"name":"x","as_of":"2025-01-01","models":[
            {"id":"m","label":"m","use":"chat","usd_per_1m_input":-1,"usd_per_1m_output":1,
             "source":"s","as_of":"2025-01-01"}]}"#;
        match Catalog::parse(bad) {
            Err(CatalogError::Invalid { model, .. }) => assert_eq!(model, "m"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            Catalog::parse(r#"{"name":"x","as_of":"2025-01-01","models":[]}"#),
            Err(CatalogError::Empty)
        ));
        assert!(matches!(
            Catalog::parse("[1,2"),
            Err(CatalogError::Malformed(_))
        ));
    }
}
