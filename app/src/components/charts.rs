//! The charts in the page: the same drawing functions as the PNG export,
//! drawn to SVG (light and dark on the server; in the browser only the theme
//! the system shows), each with a data table for screen readers and
//! copy-paste and a PNG download. A saved revision shown unchanged links its
//! charts as images of that revision instead (rendered once per revision on
//! the server, cached by the browser for good), which keeps the page small.

use super::context::EditorContext;
use crate::chart::theme::Theme;
use crate::chart::{render_svg, ChartInput, ChartKind};
use crate::format::{escape_html, money, volume};
use crate::model::breakdown::CATEGORIES;
use crate::model::{Analysis, Scenario};
use leptos::prelude::*;

/// Where a chart's PNG comes from: a saved revision, or the scenario itself
/// posted by a form.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartSource {
    /// `unchanged`: the page shows this revision as saved, so its charts are
    /// the server's images of it; once edited they are drawn in the page.
    Saved {
        id: String,
        revision: u32,
        unchanged: bool,
    },
    Unsaved,
}

impl ChartSource {
    /// Whether the charts are the server's images of a saved revision
    /// (which follow the system theme by themselves) rather than drawn here.
    fn shows_saved_images(&self) -> bool {
        matches!(
            self,
            ChartSource::Saved {
                unchanged: true,
                ..
            }
        )
    }
}

/// The URL of a saved revision's chart export (`png` or `svg`).
pub fn saved_chart_url(id: &str, revision: u32, kind: ChartKind, format: &str) -> String {
    format!(
        "/api/v1/scenarios/{id}/chart/{}.{format}?revision={revision}",
        kind.slug()
    )
}

/// A saved revision's chart as an image, in the theme the system shows.
/// Only the first chart loads at once; the others when scrolled near.
pub(crate) fn saved_chart_image(id: &str, revision: u32, kind: ChartKind) -> AnyView {
    let (width, height) = SIZE;
    // drawn at the page's size, so its text is as legible as a live chart's
    let url = format!(
        "{}&width={width}&height={height}",
        saved_chart_url(id, revision, kind, "svg")
    );
    let loading = if kind == ChartKind::ALL[0] {
        "eager"
    } else {
        "lazy"
    };
    view! {
        <picture class="chart-image">
            <source media="screen and (prefers-color-scheme: dark)" srcset=format!("{url}&theme=dark") />
            <img
                src=url
                alt=format!("{} (the figures are in the data table below)", kind.title())
                width=width
                height=height
                loading=loading
                decoding="async"
            />
        </picture>
    }
    .into_any()
}

const SIZE: (u32, u32) = (crate::chart::PAGE_CHART_WIDTH, 600);

fn svg(
    kind: ChartKind,
    scenario: &Scenario,
    analysis: &Analysis,
    theme: Theme,
    as_of: &str,
) -> String {
    let input = ChartInput {
        scenario,
        analysis,
        theme,
        as_of,
    };
    render_svg(kind, &input, SIZE).unwrap_or_default()
}

/// A table as HTML text: a header row, then rows led by a header cell. Built
/// as text, not as views: six live tables as view code were 2.7 KB of the
/// page's compressed download (docs/performance.md).
pub(crate) fn table_html(head: &[String], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut html = String::from("<table><thead><tr>");
    for cell in head {
        html.push_str(&format!("<th scope=\"col\">{}</th>", escape_html(cell)));
    }
    html.push_str("</tr></thead><tbody>");
    for row in rows {
        html.push_str("<tr>");
        for (index, cell) in row.iter().enumerate() {
            let cell = escape_html(cell);
            if index == 0 {
                html.push_str(&format!("<th scope=\"row\">{cell}</th>"));
            } else {
                html.push_str(&format!("<td>{cell}</td>"));
            }
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// The numbers behind a chart, as a table.
fn data_table(kind: ChartKind, scenario: &Scenario, analysis: &Analysis) -> String {
    let currency = &scenario.currency;
    let names = analysis.approaches.iter().map(|a| a.label.clone());
    let with_names = |first: &str| {
        std::iter::once(first.to_string())
            .chain(names.clone())
            .collect::<Vec<_>>()
    };
    match kind {
        ChartKind::Amortization | ChartKind::Uncertainty => {
            let band = |a: &crate::model::ApproachResult, month: usize| {
                analysis
                    .uncertainty
                    .as_ref()
                    .filter(|_| kind == ChartKind::Uncertainty)
                    .and_then(|u| u.cumulative_usd.get(&*a.id))
                    .map(|c| {
                        format!(
                            " (P10 {}, P90 {})",
                            money(c.p10[month], currency),
                            money(c.p90[month], currency)
                        )
                    })
                    .unwrap_or_default()
            };
            let rows = (0..=scenario.horizon_months as usize).map(|month| {
                std::iter::once(month.to_string())
                    .chain(analysis.approaches.iter().map(|a| {
                        format!(
                            "{}{}",
                            money(a.cumulative_usd[month], currency),
                            band(a, month)
                        )
                    }))
                    .collect()
            });
            table_html(&with_names("Month"), rows)
        }
        ChartKind::PerQuery | ChartKind::Totals => {
            let rows = analysis.cheapest_by_volume.iter().map(|band| {
                let name = analysis
                    .approach(&band.approach)
                    .map(|a| a.label.clone())
                    .unwrap_or_default();
                let to = band
                    .to_queries_per_month
                    .map(volume)
                    .unwrap_or_else(|| "and above".into());
                vec![name, volume(band.from_queries_per_month), to]
            });
            table_html(&["Cheapest".into(), "From".into(), "To".into()], rows)
        }
        ChartKind::Breakdown => {
            let rows = CATEGORIES.iter().map(|(label, part)| {
                std::iter::once(label.to_string())
                    .chain(
                        analysis
                            .approaches
                            .iter()
                            .map(|a| money(part(&a.breakdown_usd), currency)),
                    )
                    .collect()
            });
            table_html(&with_names("Category"), rows)
        }
        ChartKind::Sensitivity => {
            let rows = analysis
                .uncertainty
                .iter()
                .flat_map(|u| u.sensitivity.iter())
                .map(|r| {
                    let show = |q: Option<f64>| q.map(volume).unwrap_or_else(|| "none".into());
                    vec![
                        format!(
                            "{} · {}",
                            r.approach,
                            crate::model::inputs::short_label_of(&r.field)
                        ),
                        format!("{} to {}", r.low, r.high),
                        show(r.break_even_at_low),
                        show(r.break_even_at_high),
                    ]
                });
            let head =
                ["Input", "Range", "Break-even at low", "Break-even at high"].map(String::from);
            table_html(&head, rows)
        }
    }
}

fn download(kind: ChartKind, source: &ChartSource, scenario: &Scenario) -> AnyView {
    let file = format!("{}.png", kind.slug());
    match source {
        ChartSource::Saved { id, revision, .. } => view! {
            <a class="button" data-testid=format!("download-{}", kind.slug()) href=saved_chart_url(id, *revision, kind, "png") download=file.clone()>
                "Download PNG"
            </a>
        }
        .into_any(),
        ChartSource::Unsaved => {
            let json = serde_json::to_string(scenario).unwrap_or_default();
            view! {
                <form method="post" action=format!("/api/v1/chart/{file}") class="download-form">
                    <input type="hidden" name="scenario" value=json />
                    <button type="submit" data-testid=format!("download-{}", kind.slug())>"Download PNG"</button>
                </form>
            }
            .into_any()
        }
    }
}

/// What a chart's SVG and data table hold while hydrating: the server's
/// drawing is adopted as it is (inner HTML is not applied while hydrating;
/// the next render replaces it).
const ADOPTED: &str = " ";

/// A chart drawn inline, in both themes or only the `shown` one; `None`:
/// the server's drawing, adopted while hydrating.
fn inline_svgs(
    kind: ChartKind,
    scenario: &Scenario,
    analysis: Option<&Analysis>,
    as_of: &str,
    shown: Option<Theme>,
) -> AnyView {
    let (light, dark) = analysis.map_or_else(
        || (ADOPTED.to_string(), ADOPTED.to_string()),
        |analysis| theme_svgs(kind, scenario, analysis, as_of, shown),
    );
    view! {
        <div class="chart-svg light" role="img" aria-label=kind.title() inner_html=light></div>
        <div class="chart-svg dark" role="img" aria-label=kind.title() inner_html=dark></div>
    }
    .into_any()
}

/// A chart's SVG (light, dark). With `shown`, only that theme's is drawn
/// and the other is empty; without, both are, and the stylesheet picks.
fn theme_svgs(
    kind: ChartKind,
    scenario: &Scenario,
    analysis: &Analysis,
    as_of: &str,
    shown: Option<Theme>,
) -> (String, String) {
    let draw = |theme: Theme| {
        if shown.is_none_or(|shown| shown == theme) {
            svg(kind, scenario, analysis, theme, as_of)
        } else {
            String::new()
        }
    };
    (draw(Theme::Light), draw(Theme::Dark))
}

/// One chart with its caption, download and data table: the saved
/// revision's image while it is shown unchanged, otherwise drawn here. With a
/// `theme`, only that theme's SVG is drawn (the browser knows which one
/// shows); without, both are, and the stylesheet picks. Without an
/// `analysis` (while hydrating), the server's drawing and table are adopted.
fn figure(
    kind: ChartKind,
    scenario: &Scenario,
    analysis: Option<&Analysis>,
    source: &ChartSource,
    as_of: &str,
    theme: Option<Theme>,
) -> AnyView {
    let picture = match source {
        ChartSource::Saved { id, revision, .. } if source.shows_saved_images() => {
            saved_chart_image(id, *revision, kind)
        }
        _ => inline_svgs(kind, scenario, analysis, as_of, theme),
    };
    view! {
        <figure class="chart" data-testid=format!("chart-{}", kind.slug())>
            {picture}
            <figcaption>
                <span inner_html=caption_html(kind)></span>
                {download(kind, source, scenario)}
            </figcaption>
            // the table's box is focusable, so a keyboard can scroll a table
            // wider than the column (written as text: attributes in a view
            // cost the first page's wasm more)
            <details
                class="chart-data"
                inner_html=analysis.map_or_else(|| ADOPTED.to_string(), |analysis| format!(
                    "<summary>Data table</summary><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Data table\">{}</div>",
                    data_table(kind, scenario, analysis),
                ))
            ></details>
        </figure>
    }
    .into_any()
}

/// A chart's caption: its title and "Open large", a checkbox that the
/// stylesheet turns into a full-window view of the chart (no code in the
/// wasm beyond this text; `style/main.css`).
fn caption_html(kind: ChartKind) -> String {
    format!(
        "{} <input type=\"checkbox\" class=\"zoom-toggle\" id=\"large-{slug}\" data-testid=\"large-{slug}\"><label for=\"large-{slug}\" class=\"button zoom\"><span class=\"when-closed\">Open large</span><span class=\"when-open\">Close</span></label>",
        kind.title(),
        slug = kind.slug()
    )
}

/// Whether a chart is drawn from the quick analysis (redrawn on every
/// keystroke) or from the settled one (redrawn once typing pauses): the
/// charts that need the Monte Carlo, and the breakdown, a summary that
/// would otherwise add a fourth chart's drawing to every keystroke.
fn drawn_after_pause(kind: ChartKind) -> bool {
    matches!(
        kind,
        ChartKind::Uncertainty | ChartKind::Sensitivity | ChartKind::Breakdown
    )
}

/// The page's charts, each redrawn on its own when what it is drawn from
/// changes. Hydration adopts the server's drawings instead of drawing them
/// again; the Monte Carlo that runs just after hydration reproduces the
/// server's figures without redrawing them (see `Workspace`).
#[component]
pub fn LiveCharts(
    ctx: EditorContext,
    source: Signal<ChartSource>,
    as_of: Signal<String>,
) -> impl IntoView {
    let chart = move |kind: ChartKind| {
        move || {
            let (source, as_of) = (source.get(), as_of.get());
            let theme = if source.shows_saved_images() {
                None
            } else {
                ctx.theme.get()
            };
            // hydrating: the server's drawing is adopted, not drawn again
            let hydrating = crate::hydrating();
            if drawn_after_pause(kind) {
                ctx.settled.with(|settled| match settled {
                    Some(s) => kind.applies_to(&s.analysis).then(|| {
                        let analysis = (!hydrating).then_some(&*s.analysis);
                        figure(kind, &s.scenario, analysis, &source, &as_of, theme)
                    }),
                    // hydrating before the Monte Carlo ran in the browser
                    None => {
                        let scenario = ctx.scenario.get_untracked();
                        (hydrating && kind.applies_to_scenario(&scenario))
                            .then(|| figure(kind, &scenario, None, &source, &as_of, theme))
                    }
                })
            } else {
                let scenario = ctx.scenario.get();
                ctx.result.with(|result| {
                    result.as_ref().ok().map(|analysis| {
                        let analysis = (!hydrating).then_some(analysis);
                        figure(kind, &scenario, analysis, &source, &as_of, theme)
                    })
                })
            }
        }
    };
    let charts = ChartKind::ALL.into_iter().map(chart).collect_view();
    view! { <section class="charts" aria-label="Charts">{charts}</section> }.into_any()
}
