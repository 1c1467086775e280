//! "Share without saving": the whole scenario travels in the URL fragment as
//! base64url JSON. Browsers never send the fragment to the server, so
//! nothing is stored and nothing leaks into server logs.

use crate::model::{parse_scenario, Scenario, ScenarioError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

pub const FRAGMENT_KEY: &str = "scenario=";

/// The fragment (without `#`) that carries `scenario`.
pub fn to_fragment(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario).unwrap_or_default();
    format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(json))
}

/// The scenario in a fragment's payload (the part after `scenario=`),
/// validated by the cost model like any other input.
pub fn from_payload(payload: &str) -> Result<Scenario, ScenarioError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .map_err(|e| ScenarioError::Malformed(format!("the link is damaged ({e})")))?;
    let json = String::from_utf8(bytes)
        .map_err(|_| ScenarioError::Malformed("the link is damaged (not UTF-8)".into()))?;
    parse_scenario(&json)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;

    #[test]
    fn a_scenario_survives_the_round_trip_exactly() {
        let mut scenario = default_scenario();
        scenario.name = "Ünïcode & <script> 🚀".into();
        let fragment = to_fragment(&scenario);
        assert!(fragment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "=-_".contains(c)));
        let payload = fragment.strip_prefix(FRAGMENT_KEY).unwrap();
        assert_eq!(from_payload(payload).unwrap(), scenario);
    }

    #[test]
    fn a_damaged_or_invalid_link_says_why() {
        assert!(matches!(
            from_payload("%%%"),
            Err(ScenarioError::Malformed(_))
        ));
        let invalid = URL_SAFE_NO_PAD.encode(
            r#"{"name":"","horizon_months":0,"volume":{"queries_per_month":1},"approaches":[]}"#,
        );
        match from_payload(&invalid) {
            Err(ScenarioError::Invalid(errors)) => {
                assert!(errors.iter().any(|e| e.path == "horizon_months"))
            }
            other => panic!("{other:?}"),
        }
    }
}
