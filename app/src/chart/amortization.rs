//! Cumulative cost per approach over months 0..H, with payback months marked
//! where the curves cross and each delayed approach's launch month.

use super::frame::{legend, legend_below, month_axes, place, sizes, Corner, LegendEntry, Mark};
use super::theme::FONT;
use super::{approach_colors, failed, ChartError, ChartInput};
use plotters::coord::Shift;
use plotters::prelude::*;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
) -> Result<(), ChartError> {
    let theme = input.theme;
    let analysis = input.analysis;
    let currency = input.scenario.currency.clone();
    let (label_size, desc_size) = sizes(area);
    let horizon = input.scenario.horizon_months as f64;
    let top = analysis
        .approaches
        .iter()
        .flat_map(|a| a.cumulative_usd.iter().copied())
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.05;
    let mut chart = month_axes(
        area,
        (label_size, desc_size),
        theme,
        &currency,
        horizon,
        top,
        if legend_below(area) {
            analysis.approaches.len()
        } else {
            0
        },
    )?;
    let colors = approach_colors(input);
    let mut legend_entries = Vec::new();
    for (approach, color) in analysis.approaches.iter().zip(&colors) {
        let color = *color;
        let points = approach
            .cumulative_usd
            .iter()
            .enumerate()
            .map(|(m, c)| (m as f64, *c));
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(3)))
            .map_err(failed)?;
        legend_entries.push(LegendEntry::new(approach.label.clone(), color, Mark::Line));
        // launch: a hollow triangle where the approach starts serving
        let launch = approach.launch_month as usize;
        if launch > 0 && launch < approach.cumulative_usd.len() {
            let at = (launch as f64, approach.cumulative_usd[launch]);
            let size = (label_size * 0.6) as i32;
            chart
                .draw_series([EmptyElement::at(at)
                    + TriangleMarker::new((0, 0), size, color.stroke_width(2))
                    + Text::new(
                        format!("launch, month {launch}"),
                        (size, -size * 2),
                        (FONT, label_size).into_font().color(&color),
                    )])
                .map_err(failed)?;
        }
    }
    // payback: where the approach with the larger one-time cost catches up
    for pair in &analysis.pairs {
        let Some(month) = pair.payback_month.filter(|m| *m > 0) else {
            continue;
        };
        let Some(index) = analysis.approaches.iter().position(|a| a.id == pair.a) else {
            continue;
        };
        let value = analysis.approaches[index].cumulative_usd[month as usize];
        let color = colors[index];
        chart
            .draw_series(std::iter::once(Circle::new(
                (f64::from(month), value),
                (label_size * 0.45) as i32,
                color.filled(),
            )))
            .map_err(failed)?;
    }
    legend(
        area,
        &chart,
        theme,
        label_size,
        place(area, Corner::UpperLeft),
        &legend_entries,
    )?;
    Ok(())
}
