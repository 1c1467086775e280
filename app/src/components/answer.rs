//! The answer in words and a table: which approach is cheapest, by how much,
//! and where the break-evens are. Every number comes from the analysis.

use crate::format::{compact, escape_html, money, money_compact, money_per_query, volume};
use crate::model::{Analysis, Scenario, VolumeBand};
use leptos::prelude::*;

fn label<'a>(analysis: &'a Analysis, id: &'a str) -> &'a str {
    analysis.approach(id).map_or(id, |a| a.label.as_str())
}

/// "Fine-tuned gpt-4.1-mini is cheapest at 2M queries/month: ..."
pub fn headline(scenario: &Scenario, analysis: &Analysis) -> String {
    let currency = &scenario.currency;
    let months = scenario.horizon_months;
    let cheapest = &analysis.cheapest;
    let Some(winner) = analysis.approach(&cheapest.approach) else {
        return String::new();
    };
    let mut text = format!(
        "{} is cheapest at {}: {} over {months} months",
        winner.label,
        volume(scenario.volume.queries_per_month),
        money_compact(winner.total_usd, currency),
    );
    if let Some(runner_up) = &cheapest.runner_up {
        text.push_str(&format!(
            ", {} ({:.0}%) less than {}",
            money_compact(cheapest.saving_usd, currency),
            cheapest.saving_pct,
            label(analysis, runner_up)
        ));
    }
    text.push('.');
    text
}

/// The answer in four large numbers: the winner at the team's volume, what
/// it saves, when it pays back and at which volume the order flips, each
/// with one line of context, against the runner-up (one approach alone has
/// only the first). As HTML text, like the rest of the answer: views, or a
/// list of rows, cost the first page's wasm twice as much.
pub fn key_figures(scenario: &Scenario, analysis: &Analysis) -> String {
    let mut html = String::from("<dl class=\"figures\" data-testid=\"key-figures\">");
    let mut figure = |name: &str, value: &str, context: &str| {
        html.push_str("<div><dt>");
        html.push_str(name);
        html.push_str("</dt><dd><strong>");
        html.push_str(&escape_html(value));
        html.push_str("</strong><span>");
        html.push_str(&escape_html(context));
        html.push_str("</span></dd></div>");
    };
    let cheapest = &analysis.cheapest;
    if let Some(winner) = analysis.approach(&cheapest.approach) {
        let volume_now = volume(scenario.volume.queries_per_month);
        figure("Cheapest", &winner.label, &format!("at {volume_now}"));
        let runner_up = cheapest.runner_up.as_deref().unwrap_or_default();
        if let Some(pair) = analysis.pair(&cheapest.approach, runner_up) {
            let other = label(analysis, runner_up);
            figure(
                "Saving",
                &money_compact(cheapest.saving_usd, &scenario.currency),
                &format!(
                    "{:.0}% less than {other} over {} months",
                    cheapest.saving_pct, scenario.horizon_months
                ),
            );
            // the approach with the larger one-time cost is the pair's `a`
            let winner_pays_more = *pair.a == *cheapest.approach;
            let payback = pair.payback_month.filter(|_| winner_pays_more);
            figure(
                "Payback",
                &payback.map_or("none needed".into(), |month| format!("month {month}")),
                if payback.is_some() {
                    "when its extra up-front cost is earned back"
                } else {
                    "it costs no more up front"
                },
            );
            let (below, above) = if winner_pays_more {
                (other, winner.label.as_str())
            } else {
                (winner.label.as_str(), other)
            };
            let (value, context) = match pair.break_even_queries_per_month {
                Some(q) => (
                    compact(q),
                    format!("queries/month: {below} is cheaper below, {above} above"),
                ),
                None if pair.break_even_unknown => ("not known".into(), String::new()),
                None => (
                    "none".into(),
                    format!("cheaper than {other} at every volume"),
                ),
            };
            figure("Break-even", &value, &context);
        }
    }
    html.push_str("</dl>");
    html
}

/// One plain sentence per pair that involves the cheapest approach.
pub fn break_even_sentences(scenario: &Scenario, analysis: &Analysis) -> Vec<String> {
    let current = scenario.volume.queries_per_month;
    let winner = &analysis.cheapest.approach;
    analysis
        .pairs
        .iter()
        .filter(|p| &p.a == winner || &p.b == winner)
        .map(|pair| {
            let (a, b) = (label(analysis, &pair.a), label(analysis, &pair.b));
            let total = |id: &str| analysis.approach(id).map_or(0.0, |x| x.total_usd);
            let a_cheaper_now = total(&pair.a) <= total(&pair.b);
            match (pair.break_even_queries_per_month, pair.payback_month) {
                (Some(q), Some(month)) if a_cheaper_now => format!(
                    "{a} pays for itself after month {month} at {}; below {} {b} stays cheaper.",
                    volume(current),
                    volume(q)
                ),
                (Some(q), _) if a_cheaper_now => {
                    format!("{a} is cheaper than {b} above {}.", volume(q))
                }
                (Some(q), _) => format!(
                    "{b} stays cheaper than {a} at {}; {a} would pay off above {}.",
                    volume(current),
                    volume(q)
                ),
                (None, _) if pair.break_even_unknown => format!(
                    "Whether {a} and {b} trade places at some volume is not known: the search stopped at its step limit."
                ),
                (None, _) => {
                    let (cheaper, dearer) = if a_cheaper_now { (a, b) } else { (b, a) };
                    format!("{cheaper} is cheaper than {dearer} at every volume.")
                }
            }
        })
        .collect()
}

/// "Cheapest by volume: Prompting below 8,581, Few-shot from 8,581 to 3.51M, ..."
/// Runs of slivers, where two approaches trade places at each GPU step,
/// read as one phrase; the analysis keeps every band.
pub fn bands_sentence(analysis: &Analysis) -> String {
    let bands = &analysis.cheapest_by_volume;
    // a band narrower than 5% of where it starts (only GPU steps make them)
    let sliver = |band: &VolumeBand| {
        band.to_queries_per_month.is_some_and(|to| {
            band.from_queries_per_month > 0.0
                && to - band.from_queries_per_month < 0.05 * band.from_queries_per_month
        })
    };
    let mut parts = Vec::new();
    let mut index = 0;
    while index < bands.len() {
        let run = bands[index..].iter().take_while(|b| sliver(b)).count();
        if run >= 2 {
            // each approach among the slivers, once, in order
            let mut names = String::new();
            for (n, band) in bands[index..index + run].iter().enumerate() {
                let name = label(analysis, &band.approach);
                if !bands[index..index + n]
                    .iter()
                    .any(|b| b.approach == band.approach)
                {
                    if !names.is_empty() {
                        names.push_str(" and ");
                    }
                    names.push_str(name);
                }
            }
            let to = bands[index + run - 1].to_queries_per_month.unwrap_or(0.0);
            parts.push(format!(
                "{names} trade places between {} and {} as GPUs are added",
                compact(bands[index].from_queries_per_month),
                compact(to),
            ));
            index += run;
        } else {
            parts.push(band_phrase(analysis, &bands[index]));
            index += 1;
        }
    }
    let stopped = match analysis.cheapest_by_volume_unknown_from {
        Some(at) => format!(
            "; above {} the search stopped at its limit, so the cheapest there is not known",
            compact(at)
        ),
        None => String::new(),
    };
    format!(
        "Cheapest by volume (queries/month): {}{stopped}.",
        parts.join(", ")
    )
}

fn band_phrase(analysis: &Analysis, band: &VolumeBand) -> String {
    let name = label(analysis, &band.approach);
    let from = compact(band.from_queries_per_month);
    match band.to_queries_per_month {
        Some(to) if band.from_queries_per_month == 0.0 => format!("{name} below {}", compact(to)),
        Some(to) => format!("{name} from {from} to {}", compact(to)),
        // a search that stopped knows only where the last band starts
        None if analysis.cheapest_by_volume_unknown_from.is_some() => format!("{name} from {from}"),
        None if band.from_queries_per_month == 0.0 => format!("{name} at every volume"),
        None => format!("{name} above {from}"),
    }
}

pub fn latency_sentence(scenario: &Scenario, analysis: &Analysis) -> Option<String> {
    let target = scenario.latency_target_ms?;
    if analysis.latency_misses.is_empty() {
        return Some(format!(
            "Every approach meets the {target} ms latency target."
        ));
    }
    let names: Vec<&str> = analysis
        .latency_misses
        .iter()
        .map(|id| label(analysis, id))
        .collect();
    Some(format!(
        "Missing the {target} ms latency target: {}.",
        names.join(", ")
    ))
}

/// What the brief says matters, in words: the largest share people take of
/// an approach's cost, who serves until each delayed launch, and a winner
/// that batch pricing or a price trend decides.
pub fn cost_sentences(scenario: &Scenario, analysis: &Analysis) -> Vec<String> {
    let months = scenario.horizon_months;
    let currency = &scenario.currency;
    let mut sentences = Vec::new();
    let people = |a: &crate::model::ApproachResult| a.breakdown_usd.share(a.breakdown_usd.people);
    if let Some((a, share)) = analysis
        .approaches
        .iter()
        .filter_map(|a| people(a).map(|share| (a, share)))
        .max_by(|(_, x), (_, y)| x.total_cmp(y))
    {
        sentences.push(format!(
            "People are {:.0}% of {}'s cost over {months} months.",
            share * 100.0,
            a.label
        ));
    }
    let incumbent = &analysis.approaches[scenario.incumbent_index()].label;
    for a in analysis.approaches.iter().filter(|a| a.launch_month > 0) {
        sentences.push(format!(
            "{} starts serving in month {}; until then {incumbent} serves its traffic ({}).",
            a.label,
            a.launch_month + 1,
            money_compact(a.breakdown_usd.before_launch, currency)
        ));
    }
    let cheapest = &analysis.cheapest;
    for (other, lever) in [
        (&cheapest.without_batch, "Batch pricing"),
        (&cheapest.without_price_trend, "The price trend"),
    ] {
        if let Some(other) = other.as_ref().filter(|o| **o != cheapest.approach) {
            sentences.push(format!(
                "{lever} changes the winner: without it {} would be cheapest.",
                label(analysis, other)
            ));
        }
    }
    sentences
}

/// The answer block: headline, sentences and the cost table, as HTML text
/// (escaped; see `format::escape_html`). It has no controls and is redrawn
/// whole on every edit, so text costs the page's wasm far less than views.
#[component]
pub fn Answer(
    scenario: Scenario,
    analysis: Analysis,
    /// The Monte Carlo's figures are a keystroke behind.
    #[prop(optional)]
    updating: bool,
) -> impl IntoView {
    view! { <section class="answer" aria-live="polite" data-testid="answer" inner_html=answer_html(&scenario, &analysis, updating)></section> }
}

fn answer_html(scenario: &Scenario, analysis: &Analysis, updating: bool) -> String {
    let currency = &scenario.currency;
    let li = |text: &str| format!("<li>{}</li>", escape_html(text));
    let mut html = key_figures(scenario, analysis);
    html.push_str(&format!(
        "<p class=\"headline\" data-testid=\"headline\">{}</p><ul class=\"sentences\" data-testid=\"break-evens\">",
        escape_html(&headline(scenario, analysis))
    ));
    let sentences = break_even_sentences(scenario, analysis)
        .into_iter()
        .chain([bands_sentence(analysis)])
        .chain(latency_sentence(scenario, analysis))
        .chain(cost_sentences(scenario, analysis));
    for sentence in sentences {
        html.push_str(&li(&sentence));
    }
    html.push_str("</ul>");
    if let Some(u) = &analysis.uncertainty {
        html.push_str(&format!(
            "<div class=\"probabilities{}\" data-testid=\"p-cheapest\"><h3>Probability of being cheapest ({} samples)</h3><ul>",
            if updating { " updating" } else { "" },
            u.samples
        ));
        for a in &analysis.approaches {
            let p = u.p_cheapest.get(&*a.id).copied().unwrap_or(0.0) * 100.0;
            html.push_str(&format!(
                "<li>{}: <strong>{p:.0}%</strong></li>",
                escape_html(&a.label)
            ));
        }
        // a page of the server's (the value of information is not in the wasm)
        html.push_str(&format!(
            "</ul><a href=\"{}\" rel=\"external\" data-testid=\"measure-next\">What to measure next</a></div>",
            escape_html(&crate::share::measure_link(scenario))
        ));
    }
    html.push_str(&format!(
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Costs table\"><table class=\"costs\"><caption>Costs over {} months</caption>\
         <thead><tr><th scope=\"col\">Approach</th><th scope=\"col\">One-time</th><th scope=\"col\">Per query</th>\
         <th scope=\"col\">Last month</th><th scope=\"col\">Total</th><th scope=\"col\">Amortized / query</th></tr></thead><tbody>",
        scenario.horizon_months
    ));
    for a in &analysis.approaches {
        let winner = if a.id == analysis.cheapest.approach {
            " class=\"winner\""
        } else {
            ""
        };
        let amortized = a
            .amortized_usd_per_query
            .map(|x| money_per_query(x, currency))
            .unwrap_or_else(|| "–".into());
        html.push_str(&format!(
            "<tr{winner}><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&a.label),
            money(a.one_time_usd, currency),
            money_per_query(a.per_query_usd, currency),
            money(a.monthly_usd_at_horizon, currency),
            money(a.total_usd, currency),
            amortized,
        ));
    }
    html.push_str("</tbody></table></div>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze;
    use crate::model::examples::{example, INTERNAL_TOOL, SUPPORT_TICKET_TRIAGE, VOICE_AGENT};

    #[test]
    fn slivers_where_two_approaches_trade_places_read_as_one_phrase() {
        let scenario = example(SUPPORT_TICKET_TRIAGE);
        let mut analysis = analyze(&scenario).unwrap();
        let band = |id: &str, from: f64, to: Option<f64>| VolumeBand {
            approach: id.into(),
            from_queries_per_month: from,
            to_queries_per_month: to,
        };
        analysis.cheapest_by_volume = vec![
            band("prompt", 0.0, Some(19.1e6)),
            band("ft", 19.1e6, Some(19.12e6)),
            band("rag", 19.12e6, Some(19.4e6)),
            band("ft", 19.4e6, Some(19.7e6)),
            band("rag", 19.7e6, Some(19.8e6)),
            band("ft", 19.8e6, None),
        ];
        assert_eq!(
            bands_sentence(&analysis),
            "Cheapest by volume (queries/month): Prompted gpt-4.1 below 19.1M, Fine-tuned gpt-4.1-mini \
             and RAG on gpt-4.1-mini trade places between 19.1M and 19.8M as GPUs are added, Fine-tuned \
             gpt-4.1-mini above 19.8M."
        );
        // one sliver alone keeps its own words
        analysis.cheapest_by_volume.drain(2..5);
        analysis.cheapest_by_volume[1].to_queries_per_month = Some(19.8e6);
        analysis.cheapest_by_volume[1].from_queries_per_month = 19.7e6;
        assert!(bands_sentence(&analysis).contains("from 19.7M to 19.8M"));
    }

    #[test]
    fn support_triage_reads_plainly() {
        let scenario = example(SUPPORT_TICKET_TRIAGE);
        let analysis = analyze(&scenario).unwrap();
        assert_eq!(
            headline(&scenario, &analysis),
            "Few-shot gpt-4.1-mini (20 examples, cached) is cheapest at 2M queries/month: $84.5k over 24 months, $28.2k (25%) less than Fine-tuned gpt-4.1-mini."
        );
        let sentences = break_even_sentences(&scenario, &analysis);
        assert!(sentences.contains(&"Few-shot gpt-4.1-mini (20 examples, cached) stays cheaper than Fine-tuned gpt-4.1-mini at 2M queries/month; Fine-tuned gpt-4.1-mini would pay off above 3.51M queries/month.".to_string()), "{sentences:?}");
        assert_eq!(
            bands_sentence(&analysis),
            "Cheapest by volume (queries/month): Prompted gpt-4.1 below 8,581, Few-shot gpt-4.1-mini (20 examples, cached) from 8,581 to 3.51M, Fine-tuned gpt-4.1-mini above 3.51M."
        );
        assert_eq!(latency_sentence(&scenario, &analysis), None);
        let costs = cost_sentences(&scenario, &analysis);
        assert_eq!(
            costs[0],
            "People are 62% of Fine-tuned gpt-4.1-mini's cost over 24 months."
        );
        assert!(costs.contains(&"Fine-tuned gpt-4.1-mini starts serving in month 3; until then Prompted gpt-4.1 serves its traffic ($15.3k).".to_string()), "{costs:?}");
    }

    #[test]
    fn key_figures_lead_with_the_winner_saving_payback_and_break_even() {
        // (name, value, context) of each figure, read back from the HTML
        fn figures(html: &str) -> Vec<[String; 3]> {
            let between = |text: &str, open: &str, close: &str| {
                let start = text.find(open).unwrap() + open.len();
                text[start..start + text[start..].find(close).unwrap()].to_string()
            };
            html.split("<div>")
                .skip(1)
                .map(|row| {
                    [
                        between(row, "<dt>", "</dt>"),
                        between(row, "<strong>", "</strong>"),
                        between(row, "<span>", "</span>"),
                    ]
                })
                .collect()
        }
        let scenario = example(SUPPORT_TICKET_TRIAGE);
        let analysis = analyze(&scenario).unwrap();
        let few_shot = "Few-shot gpt-4.1-mini (20 examples, cached)";
        assert_eq!(
            figures(&key_figures(&scenario, &analysis)),
            [
                ["Cheapest", few_shot, "at 2M queries/month"],
                [
                    "Saving",
                    "$28.2k",
                    "25% less than Fine-tuned gpt-4.1-mini over 24 months"
                ],
                ["Payback", "none needed", "it costs no more up front"],
                [
                    "Break-even",
                    "3.51M",
                    &format!(
                        "queries/month: {few_shot} is cheaper below, Fine-tuned gpt-4.1-mini above"
                    ),
                ],
            ]
            .map(|row| row.map(String::from))
        );
        // the winner that pays more up front says when it earns it back
        let mut scenario = scenario;
        scenario.volume.queries_per_month = 10e6;
        let analysis = analyze(&scenario).unwrap();
        let shown = figures(&key_figures(&scenario, &analysis));
        assert_eq!(shown[0][1], "Fine-tuned gpt-4.1-mini", "{shown:?}");
        let pair = analysis
            .pair(
                &analysis.cheapest.approach,
                analysis.cheapest.runner_up.as_deref().unwrap(),
            )
            .unwrap();
        assert_eq!(
            shown[2][1],
            format!("month {}", pair.payback_month.unwrap())
        );
        assert!(
            shown[3][2].ends_with("Fine-tuned gpt-4.1-mini above"),
            "{shown:?}"
        );
        // one approach alone: only the winner
        scenario.approaches.truncate(1);
        scenario.incumbent = None;
        let analysis = analyze(&scenario).unwrap();
        assert_eq!(figures(&key_figures(&scenario, &analysis)).len(), 1);
        // the block is the answer's first element
        assert!(answer_html(&scenario, &analysis, false).starts_with("<dl class=\"figures\""));
    }

    #[test]
    fn a_band_search_that_stopped_says_where() {
        let scenario = example(SUPPORT_TICKET_TRIAGE);
        let mut analysis = analyze(&scenario).unwrap();
        analysis.cheapest_by_volume_unknown_from = Some(4e6);
        assert_eq!(
            bands_sentence(&analysis),
            "Cheapest by volume (queries/month): Prompted gpt-4.1 below 8,581, Few-shot gpt-4.1-mini \
             (20 examples, cached) from 8,581 to 3.51M, Fine-tuned gpt-4.1-mini from 3.51M; above 4M \
             the search stopped at its limit, so the cheapest there is not known."
        );
    }

    #[test]
    fn a_break_even_search_that_stopped_claims_nothing() {
        let scenario = example(INTERNAL_TOOL);
        let mut analysis = analyze(&scenario).unwrap();
        let winner = analysis.cheapest.approach.clone();
        let pair = analysis
            .pairs
            .iter_mut()
            .find(|p| p.a == winner || p.b == winner)
            .unwrap();
        pair.break_even_queries_per_month = None;
        pair.break_even_unknown = true;
        let sentences = break_even_sentences(&scenario, &analysis);
        assert!(
            sentences[0].starts_with("Whether ")
                && sentences[0].ends_with("is not known: the search stopped at its step limit."),
            "{sentences:?}"
        );
        assert!(!sentences[0].contains("every volume"), "{sentences:?}");
    }

    #[test]
    fn internal_tool_says_fine_tuning_would_need_more_volume() {
        let scenario = example(INTERNAL_TOOL);
        let analysis = analyze(&scenario).unwrap();
        let sentences = break_even_sentences(&scenario, &analysis);
        assert!(sentences.contains(&"Prompted gpt-4.1-mini stays cheaper than Fine-tuned gpt-4.1-mini at 5,000 queries/month; Fine-tuned gpt-4.1-mini would pay off above 60.9M queries/month.".to_string()), "{sentences:?}");
        assert!(
            sentences.contains(
                &"Prompted gpt-4.1-mini is cheaper than RAG over the policy wiki at every volume."
                    .to_string()
            ),
            "{sentences:?}"
        );
    }

    #[test]
    fn voice_agent_names_the_latency_misses() {
        let scenario = example(VOICE_AGENT);
        let analysis = analyze(&scenario).unwrap();
        assert_eq!(
            latency_sentence(&scenario, &analysis).unwrap(),
            "Missing the 300 ms latency target: Prompted gpt-4.1-mini (API), Fine-tuned gpt-4.1-nano (managed)."
        );
    }
}
