//! The model price catalog: token prices a card can be filled from, with
//! providers, batch and cache prices, fine-tuning offerings and self-hosting
//! presets, each with its source and "as of" date. The built-in catalog is
//! generated from a pinned LiteLLM release (`make prices`, prices/) and
//! served as data (`GET /api/v1/catalog`), fetched when a picker opens, so
//! growing it never grows the wasm: the page knows only its name and date
//! (`current`). A team can replace it with a LiteLLM price file
//! (`public/litellm.js` converts it and checks it, as `make prices` checks
//! the built-in one). Pure: no UI, no I/O.

pub mod current;

pub use crate::model::dates::day_number;
#[cfg(not(target_arch = "wasm32"))]
use crate::model::ApproachKind;
use crate::model::{Approach, SelfHosted};
use serde::{Deserialize, Serialize};

/// Past this age the page warns that prices may have moved.
pub const STALE_AFTER_DAYS: i64 = 180;

/// A whole catalog, as served (the page itself never reads one: its pickers'
/// lists do, in `public/picker.js`).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Where the catalog came from, shown beside its date.
    pub name: String,
    /// Which release of it (recorded in scenarios whose prices it filled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The date the prices were read, YYYY-MM-DD.
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    pub models: Vec<ModelPrice>,
    /// GPUs to self-host on, with an hourly price.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gpus: Vec<GpuPrice>,
    /// Estimated throughput of a model size on a GPU.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub throughput: Vec<ThroughputPreset>,
    /// Providers whose models cannot be fine-tuned through their API.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_fine_tuning: Vec<NoFineTuning>,
}

/// What a model is priced for.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ModelUse {
    Chat,
    FineTuned,
    Embedding,
}

/// In the wasm only what filling a card takes is read (the pickers' lists,
/// which show the rest, are `public/picker.js`), so the first page carries
/// no reader for the other fields.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), serde(deny_unknown_fields))]
pub struct ModelPrice {
    pub id: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub label: String,
    /// Who serves it (OpenAI, Anthropic, Together, ...); the picker groups by it.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(rename = "use")]
    pub model_use: ModelUse,
    pub usd_per_1m_input: f64,
    /// Absent when the model has no cached-input discount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_cached_input: Option<f64>,
    /// Writing the prompt cache, where the provider charges for it.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_cache_write: Option<f64>,
    pub usd_per_1m_output: f64,
    /// The batch API's prices, where the provider has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_batch_input: Option<f64>,
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_batch_output: Option<f64>,
    /// Fine-tuning: the price of 1M training tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usd_per_1m_training: Option<f64>,
    /// A chat model its provider can fine-tune (an offering names it as `base`).
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fine_tunable: bool,
    /// Fine-tuning: the id of the model it tunes.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// The date the provider retires the model, when announced.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retires: Option<String>,
    /// The key of LiteLLM's price file the prices were read from.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub litellm: Option<String>,
    #[cfg(not(target_arch = "wasm32"))]
    pub source: String,
    #[cfg(not(target_arch = "wasm32"))]
    pub as_of: String,
}

/// A GPU's on-demand price.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GpuPrice {
    pub id: String,
    pub label: String,
    pub usd_per_gpu_hour: f64,
    pub source: String,
    pub as_of: String,
}

/// An estimate of what one GPU serves of a model size, for self-hosting.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ThroughputPreset {
    pub id: String,
    pub label: String,
    /// The id of the GPU (in `Catalog::gpus`) whose price it fills in.
    pub gpu: String,
    pub tokens_per_second: f64,
    pub utilization: f64,
    pub min_gpus: u32,
    pub source: String,
    pub as_of: String,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NoFineTuning {
    pub provider: String,
    pub note: String,
    pub source: String,
    pub as_of: String,
}

/// What a page knows of a catalog imported into it: its name, release and
/// date (read from the stored JSON without a reader in the wasm:
/// `browser::catalog_head`).
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogHead {
    pub name: String,
    pub version: String,
    pub as_of: String,
    pub models: u32,
}

impl CatalogHead {
    /// How a scenario whose prices came from it records it.
    pub fn provenance(&self) -> String {
        provenance(&self.version, &self.as_of)
    }
}

impl Catalog {
    /// Reads a catalog in Breakeven's own format (the rules it keeps are
    /// `checkCatalog` in `public/litellm.js`, which built it).
    pub fn parse(json: &str) -> Result<Catalog, serde_json::Error> {
        serde_json::from_str(json)
    }

    pub fn get(&self, id: &str) -> Option<&ModelPrice> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The models a card of `kind` can run on: fine-tuned models for
    /// fine-tuning, chat models for the rest.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn for_kind(&self, kind: ApproachKind) -> impl Iterator<Item = &ModelPrice> {
        let wanted = match kind {
            ApproachKind::FineTuning => ModelUse::FineTuned,
            _ => ModelUse::Chat,
        };
        self.models.iter().filter(move |m| m.model_use == wanted)
    }
}

/// A catalog's age in days on `today`, both YYYY-MM-DD, when both read.
pub fn age_days(as_of: &str, today: &str) -> Option<i64> {
    Some(day_number(today)? - day_number(as_of)?)
}

/// How a scenario records the catalog its prices came from
/// (`Scenario::prices_from`): "litellm 1.110.2, as of 2026-11-20".
pub fn provenance(version: &str, as_of: &str) -> String {
    format!("{version}, as of {as_of}")
}

/// Fills a card's self-hosting fields from a GPU preset (a range on a value
/// it replaces goes with it).
pub fn apply_self_hosting(approach: &mut Approach, hosted: SelfHosted) {
    approach.self_hosted = Some(hosted);
    for path in [
        "self_hosted.usd_per_gpu_hour",
        "self_hosted.tokens_per_second",
        "self_hosted.utilization",
    ] {
        approach.ranges.remove(path);
    }
}

impl ModelPrice {
    /// The batch API's discount on input tokens (0.5 for half price), when
    /// the model has a batch price; rounded to 0.0001.
    pub fn batch_discount(&self) -> Option<f64> {
        let batch = self.usd_per_1m_batch_input?;
        (self.usd_per_1m_input > 0.0 && batch <= self.usd_per_1m_input)
            .then(|| ((1.0 - batch / self.usd_per_1m_input) * 1e4).round() / 1e4)
    }

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
        if let Some(discount) = self.batch_discount() {
            per_query.batch_discount = Some(discount);
        }
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

    /// The catalog the server serves (prices/catalog.json, built by `make
    /// prices`; end2end/tests/prices.test.mjs checks it against the pinned
    /// LiteLLM file).
    fn served() -> Catalog {
        Catalog::parse(include_str!("../../../prices/catalog.json")).expect("a valid catalog")
    }

    #[test]
    fn the_served_catalog_is_broad_dated_and_named_by_the_page() {
        let catalog = served();
        assert_eq!(catalog.version.as_deref(), Some(current::VERSION));
        assert_eq!(catalog.as_of, current::AS_OF);
        assert_eq!(catalog.name, current::NAME);
        let chat: Vec<_> = catalog.for_kind(ApproachKind::Prompting).collect();
        assert!(chat.len() >= 40, "{} chat models", chat.len());
        for provider in [
            "OpenAI",
            "Anthropic",
            "Google",
            "Mistral",
            "Together",
            "Fireworks",
        ] {
            assert!(
                chat.iter().any(|m| m.provider.as_deref() == Some(provider)),
                "no {provider} chat model"
            );
        }
        assert!(catalog
            .models
            .iter()
            .any(|m| m.model_use == ModelUse::Embedding));
        for model in &catalog.models {
            assert!(model.source.starts_with("https://"), "{}", model.id);
            assert!(day_number(&model.as_of).is_some(), "{}", model.id);
        }
        // every fine-tuning offering has a training price and a base that
        // the catalog marks fine-tunable; Anthropic has none and says so
        for tuned in catalog.for_kind(ApproachKind::FineTuning) {
            assert!(tuned.usd_per_1m_training.is_some(), "{}", tuned.id);
            let base = catalog.get(tuned.base.as_deref().unwrap()).unwrap();
            assert!(base.fine_tunable, "{}", base.id);
        }
        assert!(catalog
            .for_kind(ApproachKind::FineTuning)
            .all(|m| m.provider.as_deref() != Some("Anthropic")));
        assert!(catalog
            .no_fine_tuning
            .iter()
            .any(|n| n.provider == "Anthropic"));
        assert!(catalog.gpus.len() >= 4 && catalog.throughput.len() >= 4);
    }

    #[test]
    fn every_model_named_by_the_templates_and_example_is_in_the_catalog() {
        let catalog = served();
        let mut approaches = default_scenario().approaches;
        approaches.extend(ApproachKind::ALL.map(|k| approach_template(k, &[])));
        for approach in approaches {
            let id = approach.model.expect("model set");
            let model = catalog.get(&id).unwrap_or_else(|| panic!("{id} missing"));
            assert!(catalog.for_kind(approach.kind).any(|m| m.id == model.id));
        }
    }

    #[test]
    fn picking_a_model_fills_prices_batch_discount_and_reprices_training_runs() {
        let catalog = served();
        let mut approach = approach_template(ApproachKind::FineTuning, &[]);
        catalog.get("ft:gpt-4.1").unwrap().apply_to(&mut approach);
        assert_eq!(approach.model.as_deref(), Some("ft:gpt-4.1"));
        assert_eq!(approach.per_query.usd_per_1m_input, 3.0);
        assert_eq!(approach.per_query.usd_per_1m_cached_input, 0.75);
        assert_eq!(approach.per_query.usd_per_1m_output, 12.0);
        // LiteLLM's batch price for it is half the input price
        assert_eq!(approach.per_query.batch_discount, Some(0.5));
        let training = approach.training.as_ref().unwrap();
        // 2,000 examples x 500 tokens x 3 epochs = 3M tokens at $25
        assert_eq!(training.usd_per_run, 75.0);

        let mut llama = approach_template(ApproachKind::Prompting, &[]);
        let before = llama.per_query.batch_discount;
        catalog.get("llama-3.1-8b").unwrap().apply_to(&mut llama);
        assert_eq!(llama.per_query.usd_per_1m_cached_input, 0.18);
        assert_eq!(
            llama.per_query.batch_discount, before,
            "no batch API: unchanged"
        );
        let mut scenario = default_scenario();
        // the prompted card first: it is the incumbent, live from month 1
        scenario.approaches = vec![llama, approach];
        scenario.incumbent = None;
        assert_eq!(validate(&scenario), vec![]);
    }

    #[test]
    fn a_gpu_preset_fills_the_self_hosting_fields() {
        let catalog = served();
        // as public/picker.js hands a preset over: its GPU's price, its throughput
        let preset = catalog
            .throughput
            .iter()
            .find(|p| p.id == "70b-h100")
            .unwrap();
        let gpu = catalog.gpus.iter().find(|g| g.id == preset.gpu).unwrap();
        let mut approach = approach_template(ApproachKind::FineTuning, &[]);
        approach
            .ranges
            .insert("self_hosted.tokens_per_second".into(), [100.0, 200.0]);
        let chosen = format!(
            r#"{{"usd_per_gpu_hour":{},"tokens_per_second":{},"utilization":{},"min_gpus":{}}}"#,
            gpu.usd_per_gpu_hour, preset.tokens_per_second, preset.utilization, preset.min_gpus
        );
        apply_self_hosting(&mut approach, serde_json::from_str(&chosen).unwrap());
        let hosted = approach.self_hosted.as_ref().unwrap();
        assert_eq!(hosted.usd_per_gpu_hour, gpu.usd_per_gpu_hour);
        assert_eq!(hosted.tokens_per_second, preset.tokens_per_second);
        assert_eq!(hosted.utilization, preset.utilization);
        assert_eq!(hosted.min_gpus, 2);
        assert!(
            approach.ranges.is_empty(),
            "a range on a replaced value goes"
        );
    }

    #[test]
    fn the_age_of_a_catalog_counts_calendar_days() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(
            day_number("2024-02-29")
                .zip(day_number("2024-03-01"))
                .map(|(a, b)| b - a),
            Some(1)
        );
        assert_eq!(day_number("2026-13-01"), None);
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(age_days("2025-06-01", "2025-11-28"), Some(180));
        assert_eq!(age_days("2025-06-01", "not a date"), None);
    }
}
