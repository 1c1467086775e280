//! `/measure?scenario=…`: what to measure next, for the scenario the link
//! carries (the answer links here with the scenario as it stands, saved or
//! not). The value of information from the Monte Carlo: a sentence, a chart
//! and a ranked table of every ranged input, with the method. Rendered on the
//! server only (`app::STATIC_PAGES`), so none of it is in the first page's
//! wasm; the analysis runs on the bounded pool like any anonymous one.

#[cfg(not(feature = "ssr"))]
use leptos::prelude::*;

/// Never drawn in the browser: `/measure` is loaded from the server.
#[cfg(not(feature = "ssr"))]
#[component]
pub fn MeasurePage() -> impl IntoView {}

#[cfg(feature = "ssr")]
pub use page::MeasurePage;

#[cfg(feature = "ssr")]
mod page {
    use crate::chart::information::information_svg;
    use crate::chart::theme::Theme;
    use crate::chart::ChartInput;
    use crate::components::charts::table_html;
    use crate::format::{compact, money_compact};
    use crate::model::inputs::short_label_of;
    use crate::model::{analyze, Analysis, Scenario};
    use crate::share::{from_payload, to_fragment};
    use crate::ssr::memo::measure_first;
    use crate::ssr::AppState;
    use leptos::prelude::*;
    use leptos_meta::{Meta, Title};
    use leptos_router::hooks::use_query_map;

    /// The scenario in the link, analysed on the pool; the message to show
    /// (and the status to answer) otherwise.
    async fn analysed(payload: Option<String>) -> Result<(Scenario, Analysis), (u16, String)> {
        let payload = payload.ok_or((
            400,
            "This link carries no scenario: open \"What to measure next\" from a scenario's answer.".to_string(),
        ))?;
        let scenario = from_payload(&payload).map_err(|error| {
            (
                422,
                format!("This link's scenario cannot be analysed: {error}."),
            )
        })?;
        let state =
            use_context::<AppState>().ok_or((500, "The server is not ready.".to_string()))?;
        let work = {
            let scenario = scenario.clone();
            move || analyze(&scenario)
        };
        match state.work.run(work).await {
            Err(_) => Err((
                503,
                "The server is busy: try again in a few seconds.".into(),
            )),
            Ok(Err(_)) => Err((500, "The analysis failed.".into())),
            Ok(Ok(Err(errors))) => Err((
                422,
                format!(
                    "This link's scenario cannot be analysed: {}",
                    errors
                        .iter()
                        .map(|e| format!("{}: {}", e.path, e.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )),
            Ok(Ok(Ok(analysis))) => Ok((scenario, analysis)),
        }
    }

    fn set_status(status: u16) {
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(status) = axum::http::StatusCode::from_u16(status) {
                response.set_status(status);
            }
        }
    }

    /// The chart in both themes (the stylesheet shows the system's), drawn
    /// at the page charts' width so that its text is as legible on a phone.
    fn chart_html(scenario: &Scenario, analysis: &Analysis) -> Option<String> {
        let draw = |theme| {
            let input = ChartInput {
                scenario,
                analysis,
                theme,
                as_of: "today",
            };
            information_svg(&input, crate::chart::PAGE_CHART_WIDTH)
                .ok()
                .flatten()
        };
        Some(format!(
            "<div class=\"chart-svg light\" role=\"img\" aria-label=\"What each input is worth knowing (the figures are in the table)\">{}</div><div class=\"chart-svg dark\" role=\"img\" aria-label=\"What each input is worth knowing (the figures are in the table)\">{}</div>",
            draw(Theme::Light)?,
            draw(Theme::Dark)?
        ))
    }

    /// The ranked inputs as a table: rank, input, approach, its range, worth.
    fn ranked_table(scenario: &Scenario, analysis: &Analysis) -> String {
        let Some(voi) = analysis
            .uncertainty
            .as_ref()
            .and_then(|u| u.value_of_information.as_ref())
        else {
            return String::new();
        };
        let currency = &scenario.currency;
        let rows = voi.inputs.iter().enumerate().map(|(rank, input)| {
            let approach = scenario
                .approaches
                .iter()
                .find(|a| *a.id == *input.approach);
            let range = approach
                .and_then(|a| a.ranges.get(&input.field))
                .map(|[low, high]| format!("{} to {}", compact(*low), compact(*high)))
                .unwrap_or_default();
            let worth = if input.evppi_usd > 0.0 {
                money_compact(input.evppi_usd, currency)
            } else {
                "won't change the decision".into()
            };
            vec![
                (rank + 1).to_string(),
                short_label_of(&input.field).to_string(),
                approach
                    .map_or(&*input.approach, |a| a.label.as_str())
                    .to_string(),
                range,
                worth,
            ]
        });
        let head = [
            "#",
            "Input",
            "Approach",
            "Range",
            "Worth knowing before deciding",
        ]
        .map(String::from);
        format!(
            "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Inputs ranked\" data-testid=\"measure-table\">{}</div>",
            table_html(&head, rows)
        )
    }

    fn answer_view(scenario: Scenario, analysis: Analysis) -> AnyView {
        let back = format!("/#{}", to_fragment(&scenario));
        let currency = scenario.currency.clone();
        let voi = analysis
            .uncertainty
            .as_ref()
            .and_then(|u| u.value_of_information.clone());
        let Some(voi) = voi else {
            return view! {
                <p data-testid="measure-first">
                    "No input has a range, so nothing is uncertain yet: give the inputs you are unsure of a low and high value (e.g. \"5 to 15\") to see which is worth measuring before deciding."
                </p>
                <p><a class="button" href=back rel="external">"Back to the scenario"</a></p>
            }
            .into_any();
        };
        let samples = analysis.uncertainty.as_ref().map_or(0, |u| u.samples);
        view! {
            <p class="headline" data-testid="measure-first">{measure_first(&voi, &analysis, &currency)}</p>
            <figure class="chart" data-testid="measure-chart" inner_html=chart_html(&scenario, &analysis).unwrap_or_default()></figure>
            <div inner_html=ranked_table(&scenario, &analysis)></div>
            <h2>"How this is worked out"</h2>
            <p>
                "The decision is to pick the approach with the lowest expected total over the horizon. Knowing every ranged input before deciding would save "
                {money_compact(voi.evpi_usd, &currency)}
                " on average (the expected value of perfect information: the expected total of the choice made now, minus the expected total if each sample's cheapest could be picked)."
            </p>
            <p>
                {format!(
                    "Each input's worth is its expected value of partial perfect information: the {} Monte Carlo samples are sorted on that input's drawn value into {} equal-count bins (the square root of the sample count); in each bin the cheapest approach on average is picked, and the saving is how much lower those picks cost than the choice made now. An input that cannot change which approach wins is worth nothing: measuring it won't change the decision.",
                    crate::format::thousands(samples as f64),
                    voi.bins
                )}
            </p>
            <p><a class="button" href=back rel="external">"Back to the scenario"</a></p>
        }
        .into_any()
    }

    #[component]
    pub fn MeasurePage() -> impl IntoView {
        let payload = use_query_map().with_untracked(|q| q.get("scenario"));
        view! {
            <Title text="What to measure next · Breakeven" />
            <Meta name="robots" content="noindex" />
            <section class="measure" data-testid="measure">
                <h1>"What to measure next"</h1>
                <Suspense fallback=|| view! { <p class="loading">"Working it out…"</p> }>
                    {Suspend::new(async move {
                        match analysed(payload).await {
                            Ok((scenario, analysis)) => view! {
                                <p class="hint">{format!("For “{}”, as its link carries it.", scenario.name)}</p>
                                {answer_view(scenario, analysis)}
                            }
                            .into_any(),
                            Err((status, message)) => {
                                set_status(status);
                                view! { <p class="error" role="alert" data-testid="measure-error">{message}</p> }.into_any()
                            }
                        }
                    })}
                </Suspense>
            </section>
        }
    }
}
