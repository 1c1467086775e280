//! The answer in words and a table: which approach is cheapest, by how much,
//! and where the break-evens are. Every number comes from the analysis.

use crate::format::{money, money_compact, money_per_query, volume};
use crate::model::{Analysis, Scenario};
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

/// "Cheapest by volume: Prompting below 21.5k, Few-shot from 21.5k to 590k, ..."
pub fn bands_sentence(analysis: &Analysis) -> String {
    let parts: Vec<String> = analysis
        .cheapest_by_volume
        .iter()
        .map(|band| {
            let name = label(analysis, &band.approach);
            let from = crate::format::compact(band.from_queries_per_month);
            match band.to_queries_per_month {
                Some(to) if band.from_queries_per_month == 0.0 => {
                    format!("{name} below {}", crate::format::compact(to))
                }
                Some(to) => format!("{name} from {from} to {}", crate::format::compact(to)),
                None if band.from_queries_per_month == 0.0 => format!("{name} at every volume"),
                None => format!("{name} above {from}"),
            }
        })
        .collect();
    format!("Cheapest by volume (queries/month): {}.", parts.join(", "))
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

/// The answer block: headline, sentences and the cost table.
#[component]
pub fn Answer(scenario: Scenario, analysis: Analysis) -> impl IntoView {
    let currency = scenario.currency.clone();
    let rows = analysis
        .approaches
        .iter()
        .map(|a| {
            let winner = a.id == analysis.cheapest.approach;
            view! {
                <tr class:winner=winner>
                    <th scope="row">{a.label.clone()}</th>
                    <td>{money(a.one_time_usd, &currency)}</td>
                    <td>{money_per_query(a.per_query_usd, &currency)}</td>
                    <td>{money(a.monthly_usd_at_horizon, &currency)}</td>
                    <td>{money(a.total_usd, &currency)}</td>
                    <td>
                        {a
                            .amortized_usd_per_query
                            .map(|x| money_per_query(x, &currency))
                            .unwrap_or_else(|| "–".into())}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let probabilities = analysis.uncertainty.as_ref().map(|u| {
        let items = analysis
            .approaches
            .iter()
            .map(|a| {
                let p = u.p_cheapest.get(&a.id).copied().unwrap_or(0.0) * 100.0;
                view! { <li>{a.label.clone()} ": " <strong>{format!("{p:.0}%")}</strong></li> }
            })
            .collect_view();
        view! {
            <div class="probabilities" data-testid="p-cheapest">
                <h3>"Probability of being cheapest (" {u.samples} " samples)"</h3>
                <ul>{items}</ul>
            </div>
        }
    });
    view! {
        <section class="answer" aria-live="polite" data-testid="answer">
            <p class="headline" data-testid="headline">{headline(&scenario, &analysis)}</p>
            <ul class="sentences" data-testid="break-evens">
                {break_even_sentences(&scenario, &analysis)
                    .into_iter()
                    .map(|s| view! { <li>{s}</li> })
                    .collect_view()}
                <li>{bands_sentence(&analysis)}</li>
                {latency_sentence(&scenario, &analysis).map(|s| view! { <li>{s}</li> })}
            </ul>
            {probabilities}
            <div class="table-scroll">
                <table class="costs">
                    <caption>"Costs over " {scenario.horizon_months} " months"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Approach"</th>
                            <th scope="col">"One-time"</th>
                            <th scope="col">"Per query"</th>
                            <th scope="col">"Last month"</th>
                            <th scope="col">"Total"</th>
                            <th scope="col">"Amortized / query"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze;
    use crate::model::examples::{example, INTERNAL_TOOL, SUPPORT_TICKET_TRIAGE, VOICE_AGENT};

    #[test]
    fn support_triage_reads_plainly() {
        let scenario = example(SUPPORT_TICKET_TRIAGE);
        let analysis = analyze(&scenario).unwrap();
        assert_eq!(
            headline(&scenario, &analysis),
            "Fine-tuned gpt-4.1-mini is cheapest at 2M queries/month: $40.1k over 24 months, $36.3k (47%) less than Few-shot gpt-4.1-mini (20 examples, cached)."
        );
        let sentences = break_even_sentences(&scenario, &analysis);
        assert!(sentences.contains(&"Fine-tuned gpt-4.1-mini pays for itself after month 9 at 2M queries/month; below 590k queries/month Few-shot gpt-4.1-mini (20 examples, cached) stays cheaper.".to_string()), "{sentences:?}");
        assert_eq!(
            bands_sentence(&analysis),
            "Cheapest by volume (queries/month): Prompted gpt-4.1 below 21.5k, Few-shot gpt-4.1-mini (20 examples, cached) from 21.5k to 590k, Fine-tuned gpt-4.1-mini above 590k."
        );
        assert_eq!(latency_sentence(&scenario, &analysis), None);
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
        assert!(sentences.contains(&"Prompted gpt-4.1-mini stays cheaper than Fine-tuned gpt-4.1-mini at 5,000 queries/month; Fine-tuned gpt-4.1-mini would pay off above 15.9M queries/month.".to_string()), "{sentences:?}");
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
