//! The compare page's one chart: the cumulative cost curves of A (dashed)
//! and B (solid) on the same axes, one colour per approach (B's; A's
//! approaches matched by id, by their own colour when B lacks them). Drawn
//! by the server only (`/compare` is not hydrated), so it is not in the wasm.

use super::frame::{legend, legend_below, month_axes, place, sizes, Corner, LegendEntry, Mark};
use super::metrics::MeasuredSvg;
use super::theme::Theme;
use super::{approach_colors, failed, ChartError, ChartInput};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The overlay of `a` (dashed) and `b` (solid) as SVG.
pub fn overlay_svg(a: &ChartInput, b: &ChartInput, size: (u32, u32)) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = MeasuredSvg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        root.fill(&b.theme.background()).map_err(failed)?;
        draw(&root, a, b)?;
    }
    Ok(svg)
}

fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    a: &ChartInput,
    b: &ChartInput,
) -> Result<(), ChartError> {
    let theme: Theme = b.theme;
    let currency = b.scenario.currency.clone();
    let (label_size, desc_size) = sizes(area);
    let curves = |input: &ChartInput| {
        input
            .analysis
            .approaches
            .iter()
            .flat_map(|x| x.cumulative_usd.iter().copied())
            .fold(0.0, f64::max)
    };
    let top = curves(a).max(curves(b)).max(1.0) * 1.05;
    let horizon = a
        .scenario
        .horizon_months
        .max(b.scenario.horizon_months)
        .max(1) as f64;
    let mut chart = month_axes(
        area,
        (label_size, desc_size),
        theme,
        &currency,
        horizon,
        top,
        if legend_below(area) {
            a.analysis.approaches.len() + b.analysis.approaches.len()
        } else {
            0
        },
    )?;
    let (colors_a, colors_b) = (approach_colors(a), approach_colors(b));
    let mut entries = Vec::new();
    for (approach, color) in b.analysis.approaches.iter().zip(&colors_b) {
        let points = approach
            .cumulative_usd
            .iter()
            .enumerate()
            .map(|(m, c)| (m as f64, *c));
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(3)))
            .map_err(failed)?;
        entries.push(LegendEntry::new(
            format!("B: {}", approach.label),
            *color,
            Mark::Line,
        ));
    }
    for (approach, own) in a.analysis.approaches.iter().zip(&colors_a) {
        let color = b
            .analysis
            .approaches
            .iter()
            .position(|x| x.id == approach.id)
            .map_or(*own, |index| colors_b[index]);
        let points = approach
            .cumulative_usd
            .iter()
            .enumerate()
            .map(|(m, c)| (m as f64, *c));
        let dash = (label_size * 0.6) as u32;
        chart
            .draw_series(DashedLineSeries::new(
                points,
                dash,
                dash,
                color.stroke_width(2),
            ))
            .map_err(failed)?;
        entries.push(LegendEntry::new(
            format!("A (dashed): {}", approach.label),
            color,
            Mark::Line,
        ));
    }
    legend(
        area,
        &chart,
        theme,
        label_size,
        place(area, Corner::UpperLeft),
        &entries,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analyze;
    use crate::model::examples::{example, SUPPORT_TICKET_TRIAGE};

    #[test]
    fn a_is_dashed_under_b_with_both_in_the_legend() {
        let a = example(SUPPORT_TICKET_TRIAGE);
        let mut b = a.clone();
        b.volume.queries_per_month = 50_000.0;
        let (x, y) = (analyze(&a).unwrap(), analyze(&b).unwrap());
        let input = |scenario, analysis| ChartInput {
            scenario,
            analysis,
            theme: Theme::Light,
            as_of: "",
        };
        let svg = overlay_svg(&input(&a, &x), &input(&b, &y), (1200, 630)).unwrap();
        assert!(svg.contains("A (dashed): Fine-tuned gpt-4.1-mini"));
        assert!(svg.contains("B: Fine-tuned gpt-4.1-mini"));
        // B: one polyline per approach; A: many short dashes
        let lines = svg.matches("<polyline").count();
        assert!(lines > 4 * 10, "{lines} polylines");
    }
}
