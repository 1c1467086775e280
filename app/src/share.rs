//! "Share without saving": the whole scenario travels in the URL fragment as
//! base64url JSON. Browsers never send the fragment to the server, so
//! nothing is stored and nothing leaks into server logs.

use crate::model::{parse_scenario, Scenario, ScenarioError};

pub const FRAGMENT_KEY: &str = "scenario=";

/// The fragment (without `#`) that carries `scenario`.
pub fn to_fragment(scenario: &Scenario) -> String {
    let json = serde_json::to_string(scenario).unwrap_or_default();
    format!("{FRAGMENT_KEY}{}", base64url::encode(json.as_bytes()))
}

/// The link to `/measure` (what to measure next) for a scenario: the page
/// reads the scenario from the query, as `/` reads it from the fragment.
pub fn measure_link(scenario: &Scenario) -> String {
    format!("/measure?{}", to_fragment(scenario))
}

/// The scenario in a fragment's payload (the part after `scenario=`),
/// validated by the cost model like any other input.
pub fn from_payload(payload: &str) -> Result<Scenario, ScenarioError> {
    let bytes = base64url::decode(payload.trim_end_matches('='))
        .ok_or_else(|| ScenarioError::Malformed("the link is damaged (not base64url)".into()))?;
    let json = String::from_utf8(bytes)
        .map_err(|_| ScenarioError::Malformed("the link is damaged (not UTF-8)".into()))?;
    parse_scenario(&json)
}

/// Base64url without padding (RFC 4648, section 5), written out: the
/// `base64` crate's general engine weighs about 1 KB of the first page's
/// compressed wasm, and a link needs only this one alphabet. Checked against
/// the crate in the tests.
mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    pub fn encode(bytes: &[u8]) -> String {
        let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let word = chunk.iter().enumerate().fold(0u32, |word, (i, byte)| {
                word | u32::from(*byte) << (16 - 8 * i)
            });
            for i in 0..=chunk.len() {
                text.push(char::from(ALPHABET[(word >> (18 - 6 * i)) as usize & 63]));
            }
        }
        text
    }

    /// `None` for a character outside the alphabet or a length no encoding has.
    pub fn decode(text: &str) -> Option<Vec<u8>> {
        let value = |c: u8| ALPHABET.iter().position(|&a| a == c).map(|v| v as u32);
        let mut bytes = Vec::with_capacity(text.len() / 4 * 3 + 2);
        for chunk in text.as_bytes().chunks(4) {
            if chunk.len() == 1 {
                return None;
            }
            let mut word = 0;
            for (i, c) in chunk.iter().enumerate() {
                word |= value(*c)? << (18 - 6 * i);
            }
            for i in 0..chunk.len() - 1 {
                bytes.push((word >> (16 - 8 * i)) as u8);
            }
        }
        Some(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::examples::default_scenario;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    #[test]
    fn base64url_agrees_with_the_base64_crate() {
        let mut bytes = Vec::new();
        for length in 0..200u32 {
            let text = base64url::encode(&bytes);
            assert_eq!(text, URL_SAFE_NO_PAD.encode(&bytes), "length {length}");
            assert_eq!(base64url::decode(&text).as_deref(), Some(&bytes[..]));
            bytes.push((length.wrapping_mul(2_654_435_761) >> 13) as u8);
        }
        for damaged in ["A", "AAAAA", "AB*C", "%%%", "AA=A"] {
            assert_eq!(base64url::decode(damaged), None, "{damaged}");
        }
    }

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
