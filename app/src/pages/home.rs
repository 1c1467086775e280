//! The first page: two approaches and a volume; the break-even volume over
//! 12 months updates as you type. Every number comes from the cost model, which
//! runs in the browser after hydration and on the server for the first paint.

use crate::model::{analyze, Analysis, Approach, ApproachKind, PerQuery, Scenario, Volume};
use leptos::prelude::*;

/// Months over which the two approaches are compared on this page.
pub const HORIZON_MONTHS: u32 = 12;

/// The scenario the form describes: two approaches that differ only in their
/// one-time and per-query costs, at a flat monthly volume.
pub fn two_approach_scenario(a: (f64, f64), b: (f64, f64), queries_per_month: f64) -> Scenario {
    let approach = |id: &str, label: &str, kind, (setup_usd, per_query_usd): (f64, f64)| Approach {
        id: id.to_string(),
        kind,
        label: label.to_string(),
        setup_usd,
        data: None,
        training: None,
        retraining: None,
        per_query: PerQuery {
            extra_usd: per_query_usd,
            ..PerQuery::default()
        },
        monthly_fixed_usd: 0.0,
        self_hosted: None,
        quality: None,
        latency_ms_p50: None,
        ranges: Default::default(),
    };
    Scenario {
        name: "Two approaches".to_string(),
        currency: "USD".to_string(),
        horizon_months: HORIZON_MONTHS,
        cost_basis: Default::default(),
        latency_target_ms: None,
        volume: Volume {
            queries_per_month,
            monthly_growth_pct: 0.0,
        },
        approaches: vec![
            approach("a", "Prompting", ApproachKind::Prompting, a),
            approach("b", "Fine-tuning", ApproachKind::FineTuning, b),
        ],
        simulation: None,
    }
}

/// A number typed into a box: empty or unparsable text is NaN, which the cost
/// model's validation reports against the field.
fn parse_number(text: &str) -> f64 {
    text.trim()
        .replace([',', '_', ' '], "")
        .parse()
        .unwrap_or(f64::NAN)
}

/// Formats a volume the way people say it: 125,000 or 1.25M.
pub fn format_volume(q: f64) -> String {
    if q >= 1e6 {
        format!("{:.2}M", q / 1e6)
    } else {
        format_thousands(q.round())
    }
}

pub fn format_usd(value: f64) -> String {
    let rounded = value.round();
    if rounded < 0.0 {
        format!("-${}", format_thousands(-rounded))
    } else {
        format!("${}", format_thousands(rounded))
    }
}

fn format_thousands(value: f64) -> String {
    let digits = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The sentence the page shows for an analysis of the two-approach scenario.
pub fn verdict(analysis: &Analysis) -> String {
    let pair = &analysis.pairs[0];
    let name = |id: &str| {
        analysis
            .approach(id)
            .map(|a| a.label.clone())
            .unwrap_or_default()
    };
    match pair.break_even_queries_per_month {
        Some(q) => format!(
            "{} and {} cost the same over {HORIZON_MONTHS} months at {} queries/month; above that {} is cheaper.",
            name(&pair.a),
            name(&pair.b),
            format_volume(q),
            if analysis.approach(&pair.a).is_some_and(|a| a.per_query_usd < analysis.approach(&pair.b).map_or(0.0, |b| b.per_query_usd)) {
                name(&pair.a)
            } else {
                name(&pair.b)
            }
        ),
        None => format!(
            "{} is cheaper at every volume over {HORIZON_MONTHS} months.",
            name(&analysis.cheapest.approach)
        ),
    }
}

#[component]
pub fn HomePage() -> impl IntoView {
    let a_setup = RwSignal::new("2000".to_string());
    let a_per_query = RwSignal::new("0.004".to_string());
    let b_setup = RwSignal::new("20000".to_string());
    let b_per_query = RwSignal::new("0.0008".to_string());
    let volume = RwSignal::new("1000000".to_string());

    let result = Memo::new(move |_| {
        let scenario = two_approach_scenario(
            (
                parse_number(&a_setup.get()),
                parse_number(&a_per_query.get()),
            ),
            (
                parse_number(&b_setup.get()),
                parse_number(&b_per_query.get()),
            ),
            parse_number(&volume.get()),
        );
        analyze(&scenario)
    });

    let error_for = move |path: &'static str| {
        move || {
            result.with(|r| match r {
                Err(errors) => errors
                    .iter()
                    .find(|e| e.path == path)
                    .map(|e| e.message.clone()),
                Ok(_) => None,
            })
        }
    };

    let field = move |id: &'static str,
                      label: &'static str,
                      path: &'static str,
                      value: RwSignal<String>| {
        let error = error_for(path);
        view! {
            <label class="field" for=id>
                <span class="field-label">{label}</span>
                <input
                    id=id
                    name=id
                    type="text"
                    inputmode="decimal"
                    // the attribute serves the server-rendered page, the property live edits
                    value=value.get_untracked()
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    aria-invalid=move || if error().is_some() { "true" } else { "false" }
                />
                <span class="field-error" role="alert">{error}</span>
            </label>
        }
        .into_any()
    };

    view! {
        <section class="placeholder">
            <h1>"When do two approaches cost the same?"</h1>
            <p class="lede">
                "Enter what each approach costs once and per query. Breakeven finds the monthly volume at which both cost the same over "
                {HORIZON_MONTHS} " months."
            </p>
            <form class="two-approaches" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>"Prompting"</legend>
                    {field("a-setup", "One-time cost (USD)", "approaches[0].setup_usd", a_setup)}
                    {field("a-per-query", "Cost per query (USD)", "approaches[0].per_query.extra_usd", a_per_query)}
                </fieldset>
                <fieldset>
                    <legend>"Fine-tuning"</legend>
                    {field("b-setup", "One-time cost (USD)", "approaches[1].setup_usd", b_setup)}
                    {field("b-per-query", "Cost per query (USD)", "approaches[1].per_query.extra_usd", b_per_query)}
                </fieldset>
                <fieldset>
                    <legend>"Volume"</legend>
                    {field("volume", "Queries per month", "volume.queries_per_month", volume)}
                </fieldset>
            </form>
            <output class="answer" data-testid="answer" aria-live="polite">
                {move || {
                    result.with(|r| match r {
                        Ok(analysis) => {
                            let cheapest = analysis.approach(&analysis.cheapest.approach);
                            view! {
                                <p data-testid="verdict">{verdict(analysis)}</p>
                                <p data-testid="at-volume">
                                    "At your volume: "
                                    {cheapest.map(|a| a.label.clone())}
                                    " is cheaper by "
                                    {format_usd(analysis.cheapest.saving_usd)}
                                    " over " {HORIZON_MONTHS} " months."
                                </p>
                            }
                                .into_any()
                        }
                        Err(_) => view! { <p class="invalid">"Fix the highlighted fields to see the answer."</p> }.into_any(),
                    })
                }}
            </output>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn break_even_of_two_approaches_over_twelve_months() {
        // (20000 - 2000) / (12 * (0.004 - 0.0008)) = 468,750 queries a month
        let analysis = analyze(&two_approach_scenario(
            (2000.0, 0.004),
            (20000.0, 0.0008),
            1_000_000.0,
        ))
        .unwrap();
        let q = analysis.pairs[0].break_even_queries_per_month.unwrap();
        assert!((q - 468_750.0).abs() < 1e-6, "{q}");
        assert_eq!(analysis.cheapest.approach, "b");
        assert_eq!(
            verdict(&analysis),
            "Fine-tuning and Prompting cost the same over 12 months at 468,750 queries/month; above that Fine-tuning is cheaper."
        );
    }

    #[test]
    fn no_break_even_when_one_dominates() {
        let analysis = analyze(&two_approach_scenario(
            (1000.0, 0.001),
            (5000.0, 0.002),
            10.0,
        ))
        .unwrap();
        assert_eq!(analysis.pairs[0].break_even_queries_per_month, None);
        assert_eq!(
            verdict(&analysis),
            "Prompting is cheaper at every volume over 12 months."
        );
    }

    #[test]
    fn typed_text_becomes_numbers_or_a_field_error() {
        assert_eq!(parse_number(" 1,000,000 "), 1e6);
        assert!(parse_number("abc").is_nan());
        let errors = analyze(&two_approach_scenario(
            (parse_number(""), 0.1),
            (0.0, -1.0),
            1.0,
        ))
        .unwrap_err();
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "approaches[0].setup_usd",
                "approaches[1].per_query.extra_usd"
            ]
        );
    }

    #[test]
    fn volumes_read_like_people_say_them() {
        assert_eq!(format_volume(468_750.0), "468,750");
        assert_eq!(format_volume(2_400_000.0), "2.40M");
        assert_eq!(format_usd(-1234.4), "-$1,234");
        assert_eq!(format_usd(999.6), "$1,000");
    }
}
