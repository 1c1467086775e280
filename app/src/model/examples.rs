//! Example scenarios shipped with the product: the first page, the docs and the
//! tests use the same files.

use super::scenario::Scenario;

pub const SUPPORT_TICKET_TRIAGE: &str = include_str!("examples/support_ticket_triage.json");
pub const INTERNAL_TOOL: &str = include_str!("examples/internal_tool.json");
pub const VOICE_AGENT: &str = include_str!("examples/voice_agent.json");

/// (slug, JSON) of every example, the default first.
pub const ALL: [(&str, &str); 3] = [
    ("support-ticket-triage", SUPPORT_TICKET_TRIAGE),
    ("internal-tool", INTERNAL_TOOL),
    ("voice-agent", VOICE_AGENT),
];

/// The scenario the first page opens with.
pub fn default_scenario() -> Scenario {
    example(SUPPORT_TICKET_TRIAGE)
}

/// Parses a shipped example; the tests prove every one of them parses.
pub fn example(json: &str) -> Scenario {
    serde_json::from_str(json).expect("shipped examples are valid scenarios")
}
