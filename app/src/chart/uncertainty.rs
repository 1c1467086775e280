//! P10-P90 bands around each approach's cumulative cost (median as a line),
//! and the probability that each approach is the cheapest.

use super::frame::{
    bottom_margin, legend, legend_below, month_axes, place, sizes, Corner, LegendEntry, Mark,
};
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
    let (label_size, desc_size) = sizes(area);
    let Some(uncertainty) = &analysis.uncertainty else {
        area.draw(&Text::new(
            "Give any field a range (e.g. \"5 to 15\") to see uncertainty.",
            (20, 40),
            (FONT, desc_size).into_font().color(&theme.muted()),
        ))
        .map_err(failed)?;
        return Ok(());
    };
    let currency = input.scenario.currency.clone();
    let (width, _) = area.dim_in_pixel();
    let (left, right) = area.split_horizontally((f64::from(width) * 0.68) as u32);
    let horizon = input.scenario.horizon_months as f64;
    let top = uncertainty
        .cumulative_usd
        .values()
        .flat_map(|c| c.p90.iter().copied())
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.05;
    let mut chart = month_axes(
        &left,
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
    for (index, approach) in analysis.approaches.iter().enumerate() {
        let Some(curve) = uncertainty.cumulative_usd.get(&*approach.id) else {
            continue;
        };
        let color = colors[index];
        let band: Vec<(f64, f64)> = curve
            .p90
            .iter()
            .enumerate()
            .map(|(m, v)| (m as f64, *v))
            .chain(
                curve
                    .p10
                    .iter()
                    .enumerate()
                    .rev()
                    .map(|(m, v)| (m as f64, *v)),
            )
            .collect();
        chart
            .draw_series(std::iter::once(Polygon::new(
                band,
                color.mix(0.25).filled(),
            )))
            .map_err(failed)?;
        chart
            .draw_series(LineSeries::new(
                curve.p50.iter().enumerate().map(|(m, v)| (m as f64, *v)),
                color.stroke_width(3),
            ))
            .map_err(failed)?;
        legend_entries.push(LegendEntry::new(
            format!("{} (P50, P10-P90 band)", approach.label),
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
        &legend_entries,
    )?;

    // probability of being cheapest, one bar per approach
    let count = analysis.approaches.len();
    let margin = (label_size * 1.2) as u32;
    let below = legend_below(area);
    let mut bars = ChartBuilder::on(&right)
        .margin(margin)
        .margin_bottom(bottom_margin(margin, label_size, count, below))
        .caption(
            "P(cheapest)",
            (FONT, desc_size).into_font().color(&theme.text()),
        )
        .x_label_area_size((label_size * 3.0) as u32)
        .y_label_area_size((label_size * 0.5) as u32)
        .build_cartesian_2d(0.0..1.0, 0.0..count as f64)
        .map_err(failed)?;
    bars.configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(3)
        .x_label_formatter(&|p| format!("{:.0}%", p * 100.0))
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    for (index, approach) in analysis.approaches.iter().enumerate() {
        let p = uncertainty
            .p_cheapest
            .get(&*approach.id)
            .copied()
            .unwrap_or(0.0);
        let y = (count - 1 - index) as f64;
        bars.draw_series(std::iter::once(Rectangle::new(
            [(0.0, y + 0.2), (p.max(0.002), y + 0.8)],
            colors[index].filled(),
        )))
        .map_err(failed)?;
        bars.draw_series(std::iter::once(Text::new(
            format!("{:.0}%", p * 100.0),
            ((p + 0.03).min(0.45), y + 0.65),
            (FONT, label_size).into_font().color(&theme.text()),
        )))
        .map_err(failed)?;
    }
    Ok(())
}
