//! Every chart Breakeven draws. One drawing function per chart, generic over
//! plotters' `DrawingBackend`: the page draws it to SVG (in the browser and
//! during SSR) and the server to PNG, so the download is what was on screen.
//! Charts only draw: every number comes from the cost model.

mod amortization;
mod breakdown;
#[cfg(feature = "ssr")]
pub(crate) mod font;
mod frame;
// the "what to measure next" page's chart: drawn by the server only
#[cfg(feature = "ssr")]
pub mod information;
// the compare page's chart: drawn by the server only
pub mod metrics;
#[cfg(feature = "ssr")]
pub mod overlay;
mod per_query;
mod sensitivity;
pub mod theme;
mod totals;
mod uncertainty;

pub use frame::{MIN_TEXT_PX, PAGE_CHART_WIDTH};

use crate::model::{Analysis, Scenario};
use plotters::coord::Shift;
use plotters::prelude::*;
use theme::Theme;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Amortization,
    PerQuery,
    Totals,
    Uncertainty,
    Sensitivity,
    Breakdown,
}

impl ChartKind {
    pub const ALL: [ChartKind; 6] = [
        ChartKind::Amortization,
        ChartKind::Breakdown,
        ChartKind::PerQuery,
        ChartKind::Totals,
        ChartKind::Uncertainty,
        ChartKind::Sensitivity,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::Amortization => "amortization",
            ChartKind::PerQuery => "per_query",
            ChartKind::Totals => "totals",
            ChartKind::Uncertainty => "uncertainty",
            ChartKind::Sensitivity => "sensitivity",
            ChartKind::Breakdown => "breakdown",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Amortization => "Cumulative cost over time",
            ChartKind::PerQuery => "Cost per query by monthly volume",
            ChartKind::Totals => "Total cost at the horizon by monthly volume",
            ChartKind::Uncertainty => "Uncertainty: P10-P90 of cumulative cost",
            ChartKind::Sensitivity => "Sensitivity of the leading break-even",
            ChartKind::Breakdown => "Where the money goes over the horizon",
        }
    }

    /// Whether drawing the chart needs the Monte Carlo results.
    pub fn needs_uncertainty(self) -> bool {
        matches!(self, ChartKind::Uncertainty | ChartKind::Sensitivity)
    }

    /// Whether the chart has anything to show for this analysis (the
    /// uncertainty charts need ranges).
    pub fn applies_to(self, analysis: &Analysis) -> bool {
        !self.needs_uncertainty() || analysis.uncertainty.is_some()
    }

    /// The same, known from the scenario alone (the analysis has an
    /// uncertainty exactly when the scenario has ranges).
    pub fn applies_to_scenario(self, scenario: &Scenario) -> bool {
        !self.needs_uncertainty() || scenario.has_ranges()
    }
}

/// What a chart is drawn from.
pub struct ChartInput<'a> {
    pub scenario: &'a Scenario,
    pub analysis: &'a Analysis,
    pub theme: Theme,
    /// The date the figures are as of, printed in the footer.
    pub as_of: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("chart: {0}")]
pub struct ChartError(pub String);

pub(crate) fn failed(error: impl std::fmt::Display) -> ChartError {
    ChartError(error.to_string())
}

/// Draws `kind` on any plotters backend.
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    input: &ChartInput,
) -> Result<(), ChartError> {
    #[cfg(feature = "ssr")]
    font::register()?;
    let body = frame::frame(root, kind, input)?;
    match kind {
        ChartKind::Amortization => amortization::draw(&body, input),
        ChartKind::PerQuery => per_query::draw(&body, input),
        ChartKind::Totals => totals::draw(&body, input),
        ChartKind::Uncertainty => uncertainty::draw(&body, input),
        ChartKind::Sensitivity => sensitivity::draw(&body, input),
        ChartKind::Breakdown => breakdown::draw(&body, input),
    }?;
    root.present().map_err(failed)
}

/// The chart as an SVG document.
pub fn render_svg(
    kind: ChartKind,
    input: &ChartInput,
    size: (u32, u32),
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        // Text measured from a table, not the DOM (see `metrics`).
        let root =
            metrics::MeasuredSvg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        draw(&root, kind, input)?;
    }
    Ok(svg)
}

/// Colour of each approach, in scenario order.
pub(crate) fn approach_colors(input: &ChartInput) -> Vec<RGBColor> {
    (input.theme).approach_colors(input.scenario.approaches.iter().map(|a| a.kind))
}
