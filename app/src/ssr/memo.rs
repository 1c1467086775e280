//! The decision memo: one page of Markdown a team lead pastes into a wiki or
//! an issue. Every number comes from the analysis and every sentence from
//! the answer's own wording (`components::answer`, `components::readiness`),
//! so the memo, the page and the API never disagree. Server-side only: the
//! API (`/api/v1/scenarios/{id}/memo.md`) and the CLI (`server analyze
//! --format md`) write it; the first page's wasm does not carry it.

use crate::components::answer::{
    bands_sentence, break_even_sentences, cost_sentences, headline, latency_sentence,
};
use crate::components::readiness::{blocker_phrase, verdict_details, verdict_headline};
use crate::format::{money, money_compact, thousands, volume};
use crate::model::inputs::short_label_of;
use crate::model::results::ValueOfInformation;
use crate::model::{Analysis, Scenario};

/// Where a saved revision's charts are served, for absolute image links.
pub struct ChartLinks<'a> {
    /// The site's public base URL (e.g. https://breakeven.example.com).
    pub base_url: &'a str,
    pub scenario_id: &'a str,
    pub revision: u32,
}

/// The charts the memo shows, with their alt texts.
const CHARTS: [(&str, &str); 4] = [
    ("amortization", "Cumulative cost by month"),
    ("breakdown", "Where the money goes"),
    ("totals", "Total cost over the horizon by volume"),
    ("uncertainty", "Cumulative cost, P10 to P90"),
];

/// The memo of a valid scenario's analysis.
/// What to measure first, in one sentence (the memo's and `/measure`'s).
pub fn measure_first(voi: &ValueOfInformation, analysis: &Analysis, currency: &str) -> String {
    let evpi = money_compact(voi.evpi_usd, currency);
    match voi.inputs.first() {
        Some(first) if first.evppi_usd > 0.0 => format!(
            "Measure {} of {} first: knowing it could save up to {}; knowing everything, {}.",
            short_label_of(&first.field),
            analysis
                .approach(&first.approach)
                .map_or(&*first.approach, |a| a.label.as_str()),
            money_compact(first.evppi_usd, currency),
            evpi
        ),
        _ => format!(
            "No single input is worth measuring before deciding: none could change the choice on its own (knowing everything, {evpi})."
        ),
    }
}

pub fn memo(scenario: &Scenario, analysis: &Analysis, links: Option<&ChartLinks>) -> String {
    let currency = &scenario.currency;
    let months = scenario.horizon_months;
    let label = |id: &str| {
        analysis
            .approach(id)
            .map_or(id.to_string(), |a| a.label.clone())
    };
    let mut md = String::new();
    let mut line = |text: &str| {
        md.push_str(text);
        md.push('\n');
    };

    line(&format!("# {}", one_line(&scenario.name)));
    line("");
    let approaches: Vec<String> = analysis
        .approaches
        .iter()
        .map(|a| a.label.clone())
        .collect();
    line(&format!(
        "**The question:** which of {} costs least at {} ({}% monthly growth) over {months} months, and should the team fine-tune?",
        approaches.join(", "),
        volume(scenario.volume.queries_per_month),
        scenario.volume.monthly_growth_pct,
    ));
    line("");
    line(&format!("**The answer:** {}", headline(scenario, analysis)));
    line("");
    line(&format!(
        "**Fine-tuning:** {}",
        verdict_headline(&analysis.fine_tuning)
    ));
    for detail in verdict_details(&analysis.fine_tuning) {
        line(&format!("- {detail}"));
    }
    line("");

    line("## Payback and break-even");
    line("");
    for sentence in break_even_sentences(scenario, analysis) {
        line(&format!("- {sentence}"));
    }
    line(&format!("- {}", bands_sentence(analysis)));
    if let Some(sentence) = latency_sentence(scenario, analysis) {
        line(&format!("- {sentence}"));
    }
    line("");
    line("| Pair | Payback month | Break-even (queries/month) | Break-even P10 to P90 |");
    line("| --- | ---: | ---: | ---: |");
    for pair in &analysis.pairs {
        let spread = analysis.uncertainty.as_ref().and_then(|u| {
            u.break_even_queries_per_month
                .iter()
                .find(|p| p.a == pair.a && p.b == pair.b)
        });
        let spread = match spread {
            Some(p) => format!("{} to {}", or_none(p.p10, volume), or_none(p.p90, volume)),
            None => "no ranges".into(),
        };
        line(&format!(
            "| {} vs {} | {} | {} | {} |",
            cell(&label(&pair.a)),
            cell(&label(&pair.b)),
            pair.payback_month.map_or("never".into(), |m| m.to_string()),
            if pair.break_even_unknown {
                "unknown (search budget spent)".into()
            } else {
                or_none(pair.break_even_queries_per_month, volume)
            },
            spread,
        ));
    }
    line("");

    line(&format!("## Where the money goes over {months} months"));
    line("");
    for sentence in cost_sentences(scenario, analysis) {
        line(&format!("- {sentence}"));
    }
    line("");
    line("| Approach | Total | P10 to P90 | People | Data | Training | Evals | Inference | Errors | Fixed | Before launch | Setup | Launch month |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for approach in &analysis.approaches {
        let b = &approach.breakdown_usd;
        let spread = analysis
            .uncertainty
            .as_ref()
            .and_then(|u| u.total_usd.get(&*approach.id))
            .map_or("no ranges".into(), |p| {
                format!(
                    "{} to {}",
                    money_compact(p.p10, currency),
                    money_compact(p.p90, currency)
                )
            });
        let parts = [
            b.people,
            b.data,
            b.training,
            b.evals,
            b.inference,
            b.errors,
            b.fixed,
            b.before_launch,
            b.setup,
        ];
        let parts: Vec<String> = parts.iter().map(|v| money_compact(*v, currency)).collect();
        line(&format!(
            "| {} | {} | {} | {} | {} |",
            cell(&approach.label),
            money(approach.total_usd, currency),
            spread,
            parts.join(" | "),
            approach.launch_month,
        ));
    }
    line("");

    line("## Readiness");
    line("");
    if analysis.fine_tuning.blockers.is_empty() {
        line("No blockers on the checklist.");
    } else {
        for blocker in &analysis.fine_tuning.blockers {
            line(&format!("- Blocker: {}", blocker_phrase(blocker)));
        }
    }
    line("");

    line("## What to measure next");
    line("");
    match analysis
        .uncertainty
        .as_ref()
        .and_then(|u| u.value_of_information.as_ref())
    {
        None => line("No input has a range, so nothing is uncertain yet: give the inputs you are unsure of a low and high value to see which is worth measuring before deciding."),
        Some(voi) => {
            line(&measure_first(voi, analysis, currency));
            line("");
            line("| Input | Approach | Worth knowing before deciding |");
            line("| --- | --- | ---: |");
            for input in &voi.inputs {
                let worth = if input.evppi_usd > 0.0 {
                    money_compact(input.evppi_usd, currency)
                } else {
                    "won't change the decision".into()
                };
                line(&format!(
                    "| {} (`{}`) | {} | {} |",
                    short_label_of(&input.field),
                    input.field,
                    cell(&label(&input.approach)),
                    worth
                ));
            }
            line("");
            line(&format!(
                "From {} Monte Carlo samples (seed {}); each input's value estimated over {} equal-count bins.",
                thousands(f64::from(analysis.uncertainty.as_ref().map_or(0, |u| u.samples))),
                analysis.uncertainty.as_ref().map_or(0, |u| u.seed),
                voi.bins
            ));
        }
    }
    line("");

    line("## Assumptions");
    line("");
    line("| Approach | Kind | Setup | Per query (month 1) | One-time | Launch month | Ranged inputs |");
    line("| --- | --- | ---: | ---: | ---: | ---: | --- |");
    for (approach, result) in scenario.approaches.iter().zip(&analysis.approaches) {
        let ranged: Vec<String> = approach
            .ranges
            .iter()
            .map(|(path, [low, high])| format!("`{path}` {low} to {high}"))
            .collect();
        line(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            cell(&result.label),
            approach.kind.label(),
            money(approach.setup_usd, currency),
            crate::format::money_per_query(result.per_query_usd, currency),
            money(result.one_time_usd, currency),
            result.launch_month,
            if ranged.is_empty() {
                "none".into()
            } else {
                ranged.join(", ")
            },
        ));
    }
    line("");
    match &scenario.prices_from {
        Some(source) => line(&format!("Token prices filled from {} (source and date as the catalog states them); every other figure as the team entered it.", one_line(source))),
        None => line("Every price and figure as the team entered it (none filled from the price catalog)."),
    }
    if let Some(team) = &scenario.team {
        line(&format!(
            "An engineer hour costs {}.",
            money(team.usd_per_engineer_hour, currency)
        ));
    }
    line("");

    if let Some(links) = links {
        line("## Charts");
        line("");
        let base = links.base_url.trim_end_matches('/');
        for (kind, alt) in CHARTS {
            if kind == "uncertainty" && analysis.uncertainty.is_none() {
                continue;
            }
            line(&format!(
                "![{alt}]({base}/api/v1/scenarios/{}/chart/{kind}.png?revision={})",
                links.scenario_id, links.revision
            ));
            line("");
        }
        line(&format!(
            "Scenario: {base}/s/{} (revision {}).",
            links.scenario_id, links.revision
        ));
    }
    md
}

fn or_none(value: Option<f64>, show: fn(f64) -> String) -> String {
    value.map_or("none".into(), show)
}

/// A text on one line (a scenario name may hold anything).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text that cannot break a Markdown table's row.
fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze;
    use crate::model::examples::{example, SUPPORT_TICKET_TRIAGE};

    #[test]
    fn the_memo_states_the_analysis_numbers_and_links_the_charts() {
        let scenario = example(SUPPORT_TICKET_TRIAGE);
        let analysis = analyze(&scenario).unwrap();
        let links = ChartLinks {
            base_url: "https://breakeven.example.com/",
            scenario_id: "abc",
            revision: 3,
        };
        let memo = memo(&scenario, &analysis, Some(&links));
        assert!(memo.starts_with(&format!("# {}\n", scenario.name)));
        assert!(memo.contains(&headline(&scenario, &analysis)));
        for approach in &analysis.approaches {
            assert!(memo.contains(&money(approach.total_usd, &scenario.currency)));
        }
        let voi = analysis
            .uncertainty
            .as_ref()
            .unwrap()
            .value_of_information
            .as_ref()
            .unwrap();
        assert!(memo.contains(&money_compact(voi.evpi_usd, &scenario.currency)));
        assert!(memo.contains(
            "![Cumulative cost by month](https://breakeven.example.com/api/v1/scenarios/abc/chart/amortization.png?revision=3)"
        ));
        // every table row has as many cells as its header
        for table in memo.split("\n\n").filter(|b| b.starts_with('|')) {
            let cells: Vec<usize> = table.lines().map(|l| l.matches(" | ").count()).collect();
            assert!(cells.iter().all(|c| *c == cells[0]), "{table}");
        }
    }
}
