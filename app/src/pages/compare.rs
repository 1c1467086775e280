//! `/compare?a={id}&ra={revision}&b={id}&rb={revision}`: two saved scenarios,
//! or two revisions of one, side by side: their answers, fine-tuning verdicts
//! and amortization charts. Rendered on the server only and never hydrated
//! (`app::STATIC_PAGES`): the pickers are a plain GET form, and a few lines
//! of inline script offer "my scenarios" from this browser's storage. Its
//! code is therefore not in the wasm.

#[cfg(not(feature = "ssr"))]
use leptos::prelude::*;

/// Never drawn in the browser: `/compare` is loaded from the server.
#[cfg(not(feature = "ssr"))]
#[component]
pub fn ComparePage() -> impl IntoView {}

#[cfg(feature = "ssr")]
pub use page::ComparePage;

#[cfg(feature = "ssr")]
mod page {
    use crate::chart::overlay::overlay_svg;
    use crate::chart::theme::Theme;
    use crate::chart::{ChartInput, ChartKind};
    use crate::components::answer::Answer;
    use crate::components::charts::saved_chart_image;
    use crate::components::readiness::FineTuneAnswer;
    use crate::format::{money_compact, volume};
    use crate::model::compare::{answer_change, input_changes, Moved};
    use crate::server_fns::{load_scenario, SavedScenario};
    use leptos::prelude::*;
    use leptos_meta::{Meta, Title};
    use leptos_router::hooks::use_query_map;

    /// What a side of the comparison asks for.
    #[derive(Clone, Debug, PartialEq)]
    struct Pick {
        id: String,
        revision: Option<u32>,
    }

    /// Accepts an id or any link to a saved scenario (`.../s/{id}#key=...`).
    pub(super) fn scenario_id(text: &str) -> String {
        let text = text.trim();
        let without_fragment = text.split(['#', '?']).next().unwrap_or("");
        match without_fragment.rsplit_once("/s/") {
            Some((_, id)) => id.trim_end_matches('/').to_string(),
            None => without_fragment.to_string(),
        }
    }

    fn pick(query: &leptos_router::params::ParamsMap, id_key: &str, rev_key: &str) -> Option<Pick> {
        let id = scenario_id(&query.get(id_key)?);
        if id.is_empty() {
            return None;
        }
        let revision = query.get(rev_key).and_then(|r| r.trim().parse().ok());
        Some(Pick { id, revision })
    }

    #[component]
    pub fn ComparePage() -> impl IntoView {
        let query = use_query_map();
        let picks = move || query.with(|q| (pick(q, "a", "ra"), pick(q, "b", "rb")));
        let load = |pick: Option<Pick>| async move {
            match pick {
                None => Ok(None),
                Some(p) => load_scenario(p.id, p.revision).await,
            }
        };
        let left = Resource::new(move || picks().0, load);
        let right = Resource::new(move || picks().1, load);
        let initial = move |key: &str| query.with_untracked(|q| q.get(key).unwrap_or_default());

        let side = move |label: &'static str,
                         resource: Resource<Result<Option<SavedScenario>, ServerFnError>>,
                         asked: bool| {
            view! {
            <section class="compare-side" data-testid=format!("compare-{label}")>
                <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match resource.await {
                            Ok(Some(saved)) => side_view(saved),
                            Ok(None) if asked => view! {
                                <p class="error">"No such scenario or revision: check the link or id."</p>
                            }
                            .into_any(),
                            Ok(None) => view! { <p class="hint">"Pick a scenario above."</p> }.into_any(),
                            Err(error) => view! { <p class="error">"Could not load it: " {error.to_string()}</p> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        }
        .into_any()
        };
        let asked_left = move || picks().0.is_some();
        let asked_right = move || picks().1.is_some();

        view! {
        <Title text="Compare scenarios · Breakeven" />
        <Meta name="robots" content="noindex" />
        <section class="compare">
            <h1>"Compare two scenarios or two revisions"</h1>
            <form method="get" action="/compare" class="compare-form">
                <div class="field">
                    <label for="compare-a">"Scenario A (link or id)"</label>
                    <input id="compare-a" name="a" type="text" list="my-scenarios" value=initial("a") />
                </div>
                <div class="field">
                    <label for="compare-ra">"Revision of A (empty: latest)"</label>
                    <input id="compare-ra" name="ra" type="text" inputmode="numeric" value=initial("ra") />
                </div>
                <div class="field">
                    <label for="compare-b">"Scenario B (link or id)"</label>
                    <input id="compare-b" name="b" type="text" list="my-scenarios" value=initial("b") />
                </div>
                <div class="field">
                    <label for="compare-rb">"Revision of B (empty: latest)"</label>
                    <input id="compare-rb" name="rb" type="text" inputmode="numeric" value=initial("rb") />
                </div>
                <datalist id="my-scenarios"></datalist>
                <script nonce=leptos::nonce::use_nonce()>{MY_SCENARIOS}</script>
                <button type="submit" class="primary" data-testid="compare-submit">"Compare"</button>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match (left.await, right.await) {
                        (Ok(Some(a)), Ok(Some(b))) => changes_view(&a, &b),
                        _ => ().into_any(),
                    }
                })}
            </Suspense>
            <div class="compare-grid">
                {move || side("a", left, asked_left())}
                {move || side("b", right, asked_right())}
            </div>
        </section>
    }
    .into_any()
    }

    /// Fills the datalist with the scenarios this browser saved (what
    /// `browser::remember` keeps under `breakeven:mine`).
    const MY_SCENARIOS: &str = r#"try{const l=document.getElementById("my-scenarios");for(const m of JSON.parse(localStorage.getItem("breakeven:mine")||"[]")){const o=document.createElement("option");o.value=m.id;o.textContent=m.name;l.append(o)}}catch(e){}"#;

    /// "+$3.2k", "-2", "+12 pp": B minus A with its sign.
    fn signed(delta: f64, show: impl Fn(f64) -> String) -> String {
        if delta == 0.0 {
            "no change".into()
        } else if delta > 0.0 {
            format!("+{}", show(delta))
        } else {
            format!("-{}", show(-delta))
        }
    }

    /// One row of the answer's table: A, B and the signed change.
    fn moved_row(
        what: String,
        moved: Moved,
        show: impl Fn(f64) -> String + Copy,
        none: &'static str,
    ) -> AnyView {
        let side = |value: Option<f64>| value.map_or(none.to_string(), show);
        let delta = match moved.delta() {
            Some(delta) => signed(delta, show),
            None if moved.changed() => "changed".into(),
            None => "no change".into(),
        };
        view! {
            <tr class:changed=moved.changed()>
                <th scope="row">{what}</th>
                <td>{side(moved.a)}</td>
                <td>{side(moved.b)}</td>
                <td>{delta}</td>
            </tr>
        }
        .into_any()
    }

    /// What differs between A and B and how the answer moved: the first
    /// thing the page shows once both sides are loaded.
    fn changes_view(a: &SavedScenario, b: &SavedScenario) -> AnyView {
        let inputs = input_changes(&a.scenario, &b.scenario);
        let currency = b.scenario.currency.clone();
        let answers = match (
            crate::pages::saved_analysis(a),
            crate::pages::saved_analysis(b),
        ) {
            (Ok(x), Ok(y)) => Some((answer_change(&x, &y), y)),
            _ => None,
        };
        let input_rows = inputs
            .into_iter()
            .map(|change| {
                view! {
                    <tr>
                        <th scope="row"><code>{change.path}</code></th>
                        <td>{change.a.unwrap_or_else(|| "not set".into())}</td>
                        <td>{change.b.unwrap_or_else(|| "not set".into())}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        let no_inputs = input_rows.is_empty();
        let answer = answers.map(|(change, analysis_b)| {
            let label = |id: &str| analysis_b.approach(id).map_or(id.to_string(), |r| r.label.clone());
            let headline = if change.winner.0 == change.winner.1 {
                format!("{} is the cheapest in both.", label(&change.winner.1))
            } else {
                format!(
                    "The cheapest approach moved from {} to {}.",
                    label(&change.winner.0),
                    label(&change.winner.1)
                )
            };
            let months = b.scenario.horizon_months;
            let currency = currency.as_str();
            let money = move |v: f64| money_compact(v, currency);
            let mut rows = vec![moved_row("Saving of the cheapest".into(), change.saving_usd, money, "none")];
            for m in &change.approaches {
                rows.push(moved_row(format!("Total over {months} months: {}", m.label), m.total_usd, money, "none"));
            }
            for m in &change.approaches {
                rows.push(moved_row(
                    format!("Probability of being cheapest: {}", m.label),
                    m.p_cheapest,
                    |p| format!("{:.0}%", p * 100.0),
                    "no ranges",
                ));
            }
            for p in &change.pairs {
                let pair = format!("{} vs {}", label(&p.a), label(&p.b));
                rows.push(moved_row(format!("Payback month: {pair}"), p.payback_month, |m| format!("{m:.0}"), "never"));
                rows.push(moved_row(
                    format!("Break-even: {pair}"),
                    p.break_even_queries_per_month,
                    volume,
                    "none",
                ));
            }
            view! {
                <p class="headline" data-testid="compare-winner">{headline}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-label="How the answer moved">
                    <table class="costs" data-testid="compare-answer">
                        <caption>"How the answer moved (B minus A)"</caption>
                        <thead><tr><th scope="col">"Figure"</th><th scope="col">"A"</th><th scope="col">"B"</th><th scope="col">"Change"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        });
        let overlay = overlay_view(a, b);
        view! {
            <section class="compare-changes" data-testid="compare-changes">
                <h2>"What changed from A to B"</h2>
                {if no_inputs {
                    view! { <p data-testid="compare-inputs">"No input differs."</p> }.into_any()
                } else {
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label="Inputs that differ">
                            <table class="costs" data-testid="compare-inputs">
                                <caption>"Inputs that differ"</caption>
                                <thead><tr><th scope="col">"Input"</th><th scope="col">"A"</th><th scope="col">"B"</th></tr></thead>
                                <tbody>{input_rows}</tbody>
                            </table>
                        </div>
                    }
                    .into_any()
                }}
                {answer}
                {overlay}
            </section>
        }
        .into_any()
    }

    /// A's cumulative curves dashed over B's, in both themes (the page's
    /// colour scheme shows one), drawn here on the server.
    fn overlay_view(a: &SavedScenario, b: &SavedScenario) -> Option<AnyView> {
        let (Ok(x), Ok(y)) = (
            crate::pages::saved_analysis(a),
            crate::pages::saved_analysis(b),
        ) else {
            return None;
        };
        let svg = |theme: Theme| {
            let input_a = ChartInput {
                scenario: &a.scenario,
                analysis: &x,
                theme,
                as_of: "",
            };
            let input_b = ChartInput {
                scenario: &b.scenario,
                analysis: &y,
                theme,
                as_of: "",
            };
            overlay_svg(&input_a, &input_b, (1200, 630)).ok()
        };
        let (light, dark) = (svg(Theme::Light)?, svg(Theme::Dark)?);
        Some(
            view! {
                <figure class="chart" data-testid="compare-overlay">
                    <div class="chart-svg light" role="img" aria-label="Cumulative cost: A dashed, B solid" inner_html=light></div>
                    <div class="chart-svg dark" role="img" aria-label="Cumulative cost: A dashed, B solid" inner_html=dark></div>
                    <figcaption>"Cumulative cost by month: A dashed, B solid"</figcaption>
                </figure>
            }
            .into_any(),
        )
    }

    fn side_view(saved: SavedScenario) -> AnyView {
        let analysis = crate::pages::saved_analysis(&saved);
        let scenario = saved.scenario;
        let heading = format!("{} · revision {}", scenario.name, saved.revision);
        let link = format!("/s/{}", saved.id);
        match analysis {
        Ok(analysis) => view! {
            <h2><a href=link>{heading}</a></h2>
            <Answer scenario=scenario.clone() analysis=analysis.as_ref().clone() />
            <FineTuneAnswer analysis=analysis.as_ref().clone() />
            <figure class="chart" data-testid="compare-chart">
                {saved_chart_image(&saved.id, saved.revision, ChartKind::Amortization)}
                <figcaption>{ChartKind::Amortization.title()}</figcaption>
            </figure>
        }
        .into_any(),
        Err(errors) => view! {
            <h2><a href=link>{heading}</a></h2>
            <p class="error">{format!("This revision has {} invalid field(s).", errors.len())}</p>
        }
        .into_any(),
    }
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::page::scenario_id;

    #[test]
    fn ids_are_read_from_links_or_taken_as_they_are() {
        assert_eq!(scenario_id("abc123"), "abc123");
        assert_eq!(
            scenario_id(" https://x.example/s/abc123#key=secret "),
            "abc123"
        );
        assert_eq!(scenario_id("/s/abc123/"), "abc123");
        assert_eq!(scenario_id("http://h/s/abc?x=1"), "abc");
    }
}
