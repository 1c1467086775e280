//! Example scenarios shipped with the product: the first page, the docs and the
//! tests use the same files.

use super::scenario::Scenario;

pub const SUPPORT_TICKET_TRIAGE: &str = include_str!("examples/support_ticket_triage.json");
pub const INTERNAL_TOOL: &str = include_str!("examples/internal_tool.json");
pub const VOICE_AGENT: &str = include_str!("examples/voice_agent.json");
pub const HIGH_VOLUME_ROUTING: &str = include_str!("examples/high_volume_routing.json");
pub const STRICT_FORMAT_EXTRACTION: &str = include_str!("examples/strict_format_extraction.json");
pub const KNOWLEDGE_ASSISTANT: &str = include_str!("examples/knowledge_assistant.json");

/// A shipped example: its slug, its scenario and the situation it stands for.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    pub slug: &'static str,
    pub json: &'static str,
    /// One line for the gallery (`/examples`): the situation, not the answer
    /// (the gallery computes that).
    pub situation: &'static str,
}

/// Every example, the default first: the brief's three situations where
/// fine-tuning pays off (high volume on a narrow domain, a latency need,
/// strict format), a low-volume tool where it never does, a knowledge
/// assistant where RAG wins, and the page's own starting point.
pub const ALL: [Example; 6] = [
    Example {
        slug: "support-ticket-triage",
        json: SUPPORT_TICKET_TRIAGE,
        situation: "Ticket triage at 2M queries a month: few-shot wins today; fine-tuning's people cost needs more volume.",
    },
    Example {
        slug: "high-volume-routing",
        json: HIGH_VOLUME_ROUTING,
        situation: "High volume on a narrow domain: 40M intent labels a month, where a small tuned model's short prompt pays.",
    },
    Example {
        slug: "voice-agent",
        json: VOICE_AGENT,
        situation: "A latency need the API cannot meet: a voice agent with a 300 ms target.",
    },
    Example {
        slug: "strict-format-extraction",
        json: STRICT_FORMAT_EXTRACTION,
        situation: "Strict format: invoices to a JSON schema, where every malformed answer costs a manual fix.",
    },
    Example {
        slug: "internal-tool",
        json: INTERNAL_TOOL,
        situation: "A low-volume internal tool: 5,000 questions a month, where fine-tuning never pays off.",
    },
    Example {
        slug: "knowledge-assistant",
        json: KNOWLEDGE_ASSISTANT,
        situation: "A knowledge assistant over docs that change every week, where retrieval beats retraining.",
    },
];

/// The scenario the first page opens with.
pub fn default_scenario() -> Scenario {
    example(SUPPORT_TICKET_TRIAGE)
}

/// Parses a shipped example; the tests prove every one of them parses.
pub fn example(json: &str) -> Scenario {
    serde_json::from_str(json).expect("shipped examples are valid scenarios")
}
