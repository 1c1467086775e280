//! Every per-field rule of the field registry (`app::model::inputs`) written
//! into the OpenAPI document, so that a value the schema allows for a single
//! field is never refused for a rule of that field alone. What remains the
//! server's are the rules between fields: unique ids, a range that must
//! contain its field's value and name a field the approach has, sums that
//! must add up, the Monte Carlo's size.

use app::model::inputs::{Input, INPUTS, TEXTS};
use serde_json::{json, Map, Value};

/// Writes the registry's bounds into `doc`'s component schemas.
pub fn apply(doc: &mut Value) {
    for input in INPUTS.iter() {
        if let Some(schema) = property(doc, root_of(input.is_approach_input()), input.path) {
            number_rules(schema, input);
        }
    }
    for text in TEXTS {
        if let Some(Value::Object(schema)) =
            property(doc, root_of(text.scope_is_approach), text.path)
        {
            schema.insert("maxLength".into(), json!(text.max_chars));
            if text.required {
                schema.insert("minLength".into(), json!(1));
                schema.insert("pattern".into(), json!(r"\S"));
            }
        }
    }
    if let Some(Value::Object(ranges)) = property(doc, "Approach", "ranges") {
        ranges_rules(ranges);
    }
    // Any u64 seeds the Monte Carlo, not only int64's half.
    if let Some(Value::Object(seed)) = property(doc, "Scenario", "simulation.seed") {
        seed.insert("format".into(), json!("uint64"));
        seed.insert("minimum".into(), json!(0));
        seed.insert("maximum".into(), json!(u64::MAX));
    }
}

fn root_of(approach: bool) -> &'static str {
    if approach {
        "Approach"
    } else {
        "Scenario"
    }
}

fn number_rules(schema: &mut Value, input: &Input) {
    let Value::Object(schema) = schema else {
        return;
    };
    let bounds = input.bounds;
    if bounds.exclusive_min {
        schema.insert("exclusiveMinimum".into(), json!(bounds.min));
    } else {
        schema.insert("minimum".into(), json!(bounds.min));
    }
    schema.insert("maximum".into(), json!(bounds.max));
    let unit = input.unit.words();
    let description = if unit.is_empty() {
        input.help.to_string()
    } else {
        format!("{} Unit: {unit}.", input.help)
    };
    schema.insert("description".into(), json!(description));
}

/// `ranges`: only fields that take a range, each `[low, high]` within the
/// field's own bounds.
fn ranges_rules(ranges: &mut Map<String, Value>) {
    let properties: Map<String, Value> = INPUTS
        .iter()
        .filter(|input| input.field.is_some())
        .map(|input| {
            let mut item = json!({ "type": "number" });
            number_rules(&mut item, input);
            if let Some(item) = item.as_object_mut() {
                item.remove("description");
            }
            let pair = json!({
                "type": "array",
                "items": item,
                "minItems": 2,
                "maxItems": 2,
                "description": format!("[low, high] of {}", input.path),
            });
            (input.path.to_string(), pair)
        })
        .collect();
    ranges.insert("properties".into(), Value::Object(properties));
    ranges.insert("additionalProperties".into(), Value::Bool(false));
}

/// The schema of the property at dotted `path` below the component schema
/// `root`, following `$ref`s (also inside `oneOf`/`anyOf`/`allOf`, as an
/// optional section is written).
fn property<'a>(doc: &'a mut Value, root: &str, path: &str) -> Option<&'a mut Value> {
    let mut pointer = format!("/components/schemas/{root}");
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        pointer = format!("{pointer}/properties/{segment}");
        if segments.peek().is_some() {
            let name = referenced(doc.pointer(&pointer)?)?;
            pointer = format!("/components/schemas/{name}");
        }
    }
    doc.pointer_mut(&pointer)
}

/// The component a schema refers to, directly or through a combinator.
fn referenced(schema: &Value) -> Option<String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return reference.rsplit('/').next().map(str::to_string);
    }
    ["oneOf", "anyOf", "allOf"]
        .iter()
        .filter_map(|key| schema.get(key).and_then(Value::as_array))
        .flatten()
        .find_map(referenced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_of_the_registry_has_its_bounds_in_the_document() {
        let doc = crate::api::openapi::document();
        let mut doc = doc;
        for input in INPUTS.iter() {
            let root = root_of(input.is_approach_input());
            let schema = property(&mut doc, root, input.path)
                .unwrap_or_else(|| panic!("{root}.{} is in the document", input.path))
                .clone();
            let low = schema
                .get("minimum")
                .or_else(|| schema.get("exclusiveMinimum"));
            assert_eq!(low, Some(&json!(input.bounds.min)), "{}", input.path);
            assert_eq!(schema["maximum"], json!(input.bounds.max), "{}", input.path);
        }
        let examples = property(&mut doc, "Approach", "data.examples")
            .unwrap()
            .clone();
        assert!(examples["description"]
            .as_str()
            .unwrap()
            .contains("500 to 5,000"));
        let latency = property(&mut doc, "Approach", "latency_ms_p50")
            .unwrap()
            .clone();
        assert!(latency["description"]
            .as_str()
            .unwrap()
            .ends_with("Unit: milliseconds."));
        let id = property(&mut doc, "Approach", "id").unwrap().clone();
        assert_eq!(id["minLength"], json!(1));
        assert_eq!(id["maxLength"], json!(64));
        let ranges = property(&mut doc, "Approach", "ranges").unwrap().clone();
        assert_eq!(ranges["additionalProperties"], json!(false));
        assert_eq!(
            ranges["properties"]["self_hosted.utilization"]["items"]["minimum"],
            json!(0.01)
        );
        assert!(ranges["properties"].get("prompt.shots").is_none());
        let seed = property(&mut doc, "Scenario", "simulation.seed")
            .unwrap()
            .clone();
        assert_eq!(seed["maximum"], json!(u64::MAX));
    }
}
