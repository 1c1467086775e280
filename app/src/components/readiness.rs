//! "Should we fine-tune?": the checklist form (saved with the scenario) and
//! the verdict in words. The verdict itself is computed by the cost model
//! (`model::readiness`); this file only words it and edits the checklist.

use super::context::EditorContext;
use super::fields::{CheckBox, ScenarioField};
use crate::format::escape_html;
use crate::format::{compact, volume};
use crate::model::inputs::input;
use crate::model::{
    Analysis, Blocker, Economics, FineTuneVerdict, Payoff, Readiness, VerdictStatus,
};
use leptos::prelude::*;

/// One plain phrase per checklist gap.
pub fn blocker_phrase(blocker: &Blocker) -> String {
    match blocker {
        Blocker::PromptIterationUnmeasured => "weeks of prompt iteration not recorded".into(),
        Blocker::PromptIterationTooShort { weeks } => {
            format!(
                "only {} weeks of prompt iteration (at least 4)",
                compact(*weeks)
            )
        }
        Blocker::RagNotAdded => "RAG not tried yet".into(),
        Blocker::RetrievalRecallUnmeasured => "retrieval recall unmeasured".into(),
        Blocker::RetrievalRecallLow { recall } => format!(
            "retrieval recall is {:.0}%, below 70%: fix retrieval first",
            recall * 100.0
        ),
        Blocker::QualityGapUnmeasured => "quality gap not measured with evals".into(),
        Blocker::TaskNotNarrow => "the remaining gap is not on a narrow, repetitive task".into(),
    }
}

/// Where fine-tuning stands on cost, in one sentence.
pub fn economics_sentence(economics: &Economics, queries_per_month: f64) -> String {
    let at = compact(queries_per_month);
    match economics {
        Economics::CheapestNow {
            from_queries_per_month,
            ..
        } if *from_queries_per_month > 0.0 => format!(
            "Fine-tuning is cheapest above {} and you are at {at}.",
            volume(*from_queries_per_month)
        ),
        Economics::CheapestNow { .. } => {
            format!("Fine-tuning is cheapest at every volume up to yours ({at} queries/month).")
        }
        Economics::CheapestAbove {
            from_queries_per_month,
            ..
        } => format!(
            "Fine-tuning becomes cheapest above {}; you are at {at}.",
            volume(*from_queries_per_month)
        ),
        Economics::NeverCheapest => "Fine-tuning is not the cheapest at any volume.".into(),
    }
}

fn payoff_phrase(payoff: Payoff) -> &'static str {
    match payoff {
        Payoff::HighVolumeNarrowDomain => "high volume on a narrow domain",
        Payoff::Latency => "a latency need the API cannot meet",
        Payoff::StrictFormat => "strict style or format consistency",
    }
}

/// The verdict's headline: what to do, and the one reason that matters most.
pub fn verdict_headline(verdict: &FineTuneVerdict) -> String {
    let economics = verdict
        .economics
        .as_ref()
        .map(|e| economics_sentence(e, verdict.queries_per_month));
    match verdict.status {
        VerdictStatus::NoFineTuning => {
            "Add a fine-tuning approach to weigh it against the others.".into()
        }
        VerdictStatus::NotReady => {
            let first = verdict
                .blockers
                .first()
                .map(blocker_phrase)
                .unwrap_or_default();
            match verdict.blockers.len() {
                0 | 1 => format!("Not ready: {first}."),
                n => format!("Not ready: {first} (and {} more).", n - 1),
            }
        }
        VerdictStatus::NotWorthIt => format!(
            "Ready, but it does not pay off yet. {}",
            economics.unwrap_or_default()
        ),
        VerdictStatus::FineTune => match &verdict.economics {
            Some(Economics::CheapestNow { .. }) => economics.unwrap_or_default(),
            _ => {
                let reasons: Vec<&str> =
                    verdict.payoffs.iter().map(|p| payoff_phrase(*p)).collect();
                format!(
                    "Fine-tune for {}, though it costs more. {}",
                    reasons.join(" and "),
                    economics.unwrap_or_default()
                )
            }
        },
    }
}

/// The sentences under the headline: every gap, then cost and pay-offs.
pub fn verdict_details(verdict: &FineTuneVerdict) -> Vec<String> {
    let mut details: Vec<String> = verdict
        .blockers
        .iter()
        .map(|b| {
            let phrase = blocker_phrase(b);
            let mut chars = phrase.chars();
            match chars.next() {
                // our own phrases, in ASCII: no Unicode case tables in the wasm
                Some(first) => format!("{}{}.", first.to_ascii_uppercase(), chars.as_str()),
                None => phrase,
            }
        })
        .collect();
    if verdict.status == VerdictStatus::NotReady {
        if let Some(economics) = &verdict.economics {
            details.push(economics_sentence(economics, verdict.queries_per_month));
        }
    }
    if !verdict.payoffs.is_empty() {
        let reasons: Vec<&str> = verdict.payoffs.iter().map(|p| payoff_phrase(*p)).collect();
        details.push(format!("Pays off through {}.", reasons.join(", ")));
    }
    if verdict.latency_from_numbers {
        details.push(LATENCY_FROM_NUMBERS.into());
    }
    details
}

const LATENCY_FROM_NUMBERS: &str = "The latency need is worked out from the numbers: \
    what you run today misses the latency target and a fine-tuned approach meets it.";

/// A checklist item: a checkbox saved in `readiness`.
#[component]
fn Item(
    id: &'static str,
    label: &'static str,
    checked: bool,
    set: fn(&mut Readiness, bool),
) -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let on_change = Callback::new(move |on: bool| {
        ctx.edit(|s| set(s.readiness.get_or_insert_with(Readiness::default), on))
    });
    view! { <CheckBox id=id.to_string() label checked on_change /> }
}

/// The checklist form, drawn from the scenario as loaded. Its two figures
/// are registry inputs (empty means "not measured").
#[component]
pub fn ChecklistForm() -> impl IntoView {
    let ctx = expect_context::<EditorContext>();
    let r = ctx
        .scenario
        .with_untracked(|s| s.readiness.clone().unwrap_or_default());
    let declared = |path: &str| input(path, false).expect("declared in model::inputs");
    view! {
        <fieldset class="readiness" data-testid="readiness">
            <legend>"Should we fine-tune? Check what is true today"</legend>
            <ScenarioField id="ready-weeks" input=declared("readiness.prompt_iteration_weeks") />
            <Item id="ready-rag" label="RAG added to the prompted system" checked=r.rag_added set=|r, on| r.rag_added = on />
            <ScenarioField id="ready-recall" input=declared("readiness.retrieval_recall") />
            <Item id="ready-evals" label="Gap between current and acceptable quality measured with evals" checked=r.quality_gap_measured set=|r, on| r.quality_gap_measured = on />
            <Item id="ready-narrow-task" label="The remaining gap is on a narrow, repetitive task (classification, extraction, fixed formatting)" checked=r.narrow_task set=|r, on| r.narrow_task = on />
            <p class="hint">"Fine-tuning pays off when at least one of these holds:"</p>
            <Item id="ready-narrow-domain" label="High volume on a narrow domain" checked=r.narrow_domain set=|r, on| r.narrow_domain = on />
            <Item id="ready-latency" label="A latency need the API cannot meet (e.g. under 100 ms)" checked=r.latency_need set=|r, on| r.latency_need = on />

            <Item id="ready-format" label="Strict style or format consistency" checked=r.strict_format set=|r, on| r.strict_format = on />
        </fieldset>
    }
    .into_any()
}

/// The verdict block shown with the answer, as escaped HTML text (like the
/// answer above it: no controls, redrawn whole on every edit).
#[component]
pub fn FineTuneAnswer(analysis: Analysis) -> impl IntoView {
    let verdict = &analysis.fine_tuning;
    let status = match verdict.status {
        VerdictStatus::NoFineTuning => "none",
        VerdictStatus::NotReady => "not-ready",
        VerdictStatus::NotWorthIt => "not-worth-it",
        VerdictStatus::FineTune => "fine-tune",
    };
    let mut html = format!(
        "<h3>Should we fine-tune?</h3><p class=\"verdict-headline\" data-testid=\"verdict-headline\">{}</p><ul>",
        escape_html(&verdict_headline(verdict))
    );
    for detail in verdict_details(verdict) {
        html.push_str(&format!("<li>{}</li>", escape_html(&detail)));
    }
    html.push_str("</ul>");
    view! { <div class="verdict" data-status=status data-testid="verdict" inner_html=html></div> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze;
    use crate::model::examples::default_scenario;

    #[test]
    fn the_example_is_not_ready_because_recall_is_unmeasured() {
        let scenario = default_scenario();
        let analysis = analyze(&scenario).unwrap();
        assert_eq!(
            verdict_headline(&analysis.fine_tuning),
            "Not ready: retrieval recall unmeasured."
        );
        let details = verdict_details(&analysis.fine_tuning);
        assert_eq!(details[0], "Retrieval recall unmeasured.");
        // 240 engineer hours to build: fine-tuning pays off above 3.51M
        assert_eq!(
            details[1],
            "Fine-tuning becomes cheapest above 3.51M queries/month; you are at 2M."
        );
    }

    #[test]
    fn a_ready_team_at_high_volume_is_told_to_fine_tune_with_the_numbers() {
        let mut scenario = default_scenario();
        scenario.volume.queries_per_month = 8e6;
        if let Some(r) = scenario.readiness.as_mut() {
            r.retrieval_recall = Some(0.8);
        }
        let analysis = analyze(&scenario).unwrap();
        let headline = verdict_headline(&analysis.fine_tuning);
        assert!(
            headline.starts_with("Fine-tuning is cheapest above ")
                && headline.ends_with(" and you are at 8M."),
            "{headline}"
        );
    }

    #[test]
    fn a_ready_team_at_low_volume_hears_it_does_not_pay_off() {
        let mut scenario = default_scenario();
        scenario.volume.queries_per_month = 10_000.0;
        if let Some(r) = scenario.readiness.as_mut() {
            r.retrieval_recall = Some(0.8);
        }
        let analysis = analyze(&scenario).unwrap();
        assert_eq!(
            verdict_headline(&analysis.fine_tuning),
            "Ready, but it does not pay off yet. Fine-tuning becomes cheapest above 3.51M queries/month; you are at 10k."
        );
    }
}
