//! Import of LiteLLM's `model_prices_and_context_window.json`: an object keyed
//! by model name whose entries give per-token costs (`input_cost_per_token`,
//! `output_cost_per_token`, `cache_read_input_token_cost`) and a `mode`.
//! Entries without token prices (images, audio, the `sample_spec` template)
//! are skipped; fine-tuned models are the ones LiteLLM names `ft:...`.
//! LiteLLM has no training prices, so imported models carry none.

use super::{Catalog, CatalogError, ModelPrice, ModelUse, MAX_MODELS};
use serde_json::{Map, Value};

/// Converts a LiteLLM price file; `file_name` and `imported_on` (YYYY-MM-DD)
/// become the catalog's name and date.
pub fn from_litellm(
    json: &str,
    file_name: &str,
    imported_on: &str,
) -> Result<Catalog, CatalogError> {
    let root: Map<String, Value> =
        serde_json::from_str(json).map_err(|e| CatalogError::Malformed(e.to_string()))?;
    if root.len() > MAX_MODELS {
        return Err(CatalogError::TooLarge);
    }
    let source = format!("LiteLLM price file {file_name}");
    let mut models = Vec::new();
    for (id, entry) in &root {
        if id == "sample_spec" {
            continue;
        }
        let Some(entry) = entry.as_object() else {
            continue;
        };
        let Some(model_use) = model_use(id, entry) else {
            continue;
        };
        let Some(input) = per_1m(entry, "input_cost_per_token") else {
            continue;
        };
        let output = per_1m(entry, "output_cost_per_token");
        if output.is_none() && model_use != ModelUse::Embedding {
            continue;
        }
        models.push(ModelPrice {
            id: id.clone(),
            label: id.clone(),
            model_use,
            usd_per_1m_input: input,
            usd_per_1m_cached_input: per_1m(entry, "cache_read_input_token_cost"),
            usd_per_1m_output: output.unwrap_or(0.0),
            usd_per_1m_training: None,
            source: source.clone(),
            as_of: imported_on.to_string(),
        });
    }
    let catalog = Catalog {
        name: source,
        as_of: imported_on.to_string(),
        models,
    };
    catalog.check()?;
    Ok(catalog)
}

fn model_use(id: &str, entry: &Map<String, Value>) -> Option<ModelUse> {
    match entry.get("mode").and_then(Value::as_str).unwrap_or("chat") {
        "embedding" => Some(ModelUse::Embedding),
        "chat" | "completion" | "responses" if id.starts_with("ft:") => Some(ModelUse::FineTuned),
        "chat" | "completion" | "responses" => Some(ModelUse::Chat),
        _ => None,
    }
}

/// A per-token cost as USD per 1M tokens, rounded to 1e-6 so that
/// 4e-07 reads as 0.4 rather than 0.39999999999999997.
fn per_1m(entry: &Map<String, Value>, key: &str) -> Option<f64> {
    let per_token = entry.get(key)?.as_f64()?;
    Some((per_token * 1e12).round() / 1e6)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of LiteLLM's file, entries copied in its own style.
    const SAMPLE: &str = r#"{
        "sample_spec": {
            "max_tokens": "LEGACY parameter. set to max_output_tokens if provider specifies it.",
            "input_cost_per_token": 0.0000,
            "output_cost_per_token": 0.000,
            "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
            "mode": "one of: chat, embedding, completion, image_generation, audio_transcription"
        },
        "gpt-4.1-mini": {
            "max_tokens": 32768, "max_input_tokens": 1047576,
            "input_cost_per_token": 4e-07, "output_cost_per_token": 1.6e-06,
            "cache_read_input_token_cost": 1e-07,
            "litellm_provider": "openai", "mode": "chat", "supports_vision": true
        },
        "ft:gpt-4o-mini-2024-07-18": {
            "input_cost_per_token": 3e-07, "output_cost_per_token": 1.2e-06,
            "cache_read_input_token_cost": 1.5e-07,
            "litellm_provider": "openai", "mode": "chat"
        },
        "text-embedding-3-small": {
            "input_cost_per_token": 2e-08, "output_cost_per_token": 0.0,
            "litellm_provider": "openai", "mode": "embedding"
        },
        "dall-e-3": { "litellm_provider": "openai", "mode": "image_generation",
                      "input_cost_per_pixel": 1e-08 },
        "whisper-1": { "mode": "audio_transcription", "input_cost_per_second": 0.0001,
                       "output_cost_per_second": 0.0001 }
    }"#;

    #[test]
    fn token_priced_models_are_imported_per_1m_tokens() {
        let catalog = from_litellm(SAMPLE, "prices.json", "2026-11-29").unwrap();
        assert_eq!(catalog.as_of, "2026-11-29");
        let ids: Vec<&str> = catalog.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "ft:gpt-4o-mini-2024-07-18",
                "gpt-4.1-mini",
                "text-embedding-3-small"
            ]
        );
        let mini = catalog.get("gpt-4.1-mini").unwrap();
        assert_eq!(mini.model_use, ModelUse::Chat);
        assert_eq!(mini.usd_per_1m_input, 0.4);
        assert_eq!(mini.usd_per_1m_cached_input, Some(0.1));
        assert_eq!(mini.usd_per_1m_output, 1.6);
        assert_eq!(mini.as_of, "2026-11-29");
        let ft = catalog.get("ft:gpt-4o-mini-2024-07-18").unwrap();
        assert_eq!(ft.model_use, ModelUse::FineTuned);
        assert_eq!(ft.usd_per_1m_training, None);
        assert_eq!(
            catalog.get("text-embedding-3-small").unwrap().model_use,
            ModelUse::Embedding
        );
    }

    #[test]
    fn files_that_are_not_price_files_are_refused_with_a_reason() {
        assert!(matches!(
            from_litellm("[]", "x.json", "2026-11-29"),
            Err(CatalogError::Malformed(_))
        ));
        assert!(matches!(
            from_litellm(r#"{"sample_spec": {}}"#, "x.json", "2026-11-29"),
            Err(CatalogError::Empty)
        ));
        let negative = r#"{"m": {"input_cost_per_token": -1e-6, "output_cost_per_token": 1e-6}}"#;
        assert!(matches!(
            from_litellm(negative, "x.json", "2026-11-29"),
            Err(CatalogError::Invalid { model, .. }) if model == "m"
        ));
    }

    #[test]
    fn odd_values_count_as_absent_and_other_fields_are_skipped() {
        let json = r#"{
            "listed-oddly": "not an object",
            "string-price": {"input_cost_per_token": "0.1", "output_cost_per_token": 1e-6},
            "nested": {"input_cost_per_token": 1e-6, "output_cost_per_token": 2e-6,
                       "supported_regions": ["us", {"deep": [1, 2, null]}], "mode": null,
                       "supports_vision": true},
            "integer-price": {"input_cost_per_token": 0, "output_cost_per_token": 0}
        }"#;
        let catalog = from_litellm(json, "f.json", "2026-12-01").unwrap();
        let ids: Vec<&str> = catalog.models.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["integer-price", "nested"]);
        let nested = &catalog.models[1];
        assert_eq!(
            (nested.usd_per_1m_input, nested.usd_per_1m_output),
            (1.0, 2.0)
        );
        assert_eq!(nested.model_use, ModelUse::Chat);
        assert!(from_litellm("[1, 2]", "f.json", "2026-12-01").is_err());
    }
}
