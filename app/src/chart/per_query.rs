//! Amortized cost per query (total over the horizon / total queries) on a log
//! volume axis from 1,000 to 1 billion queries a month, with break-even
//! volumes marked and the band where each approach is cheapest shaded beneath.

use super::frame::{bottom_margin, legend, legend_below, place, sizes, Corner, LegendEntry, Mark};
use super::theme::FONT;
use super::{approach_colors, failed, ChartError, ChartInput};
use crate::format::{compact, money_per_query};
use crate::model::{log_volumes, volume_sweep};
use plotters::coord::Shift;
use plotters::prelude::*;

pub const FROM: f64 = 1e3;
pub const TO: f64 = 1e9;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
) -> Result<(), ChartError> {
    let theme = input.theme;
    let analysis = input.analysis;
    let currency = input.scenario.currency.clone();
    let (label_size, desc_size) = sizes(area);
    let sweep = volume_sweep(input.scenario, &log_volumes(FROM, TO, 121));
    let values = sweep
        .amortized
        .iter()
        .flatten()
        .copied()
        .filter(|v| *v > 0.0);
    let (low, high) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (low, high) = if low.is_finite() {
        (low * 0.7, high * 1.4)
    } else {
        (1e-6, 1.0)
    };
    let margin = (label_size * 1.2) as u32;
    let below = legend_below(area);
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .margin_bottom(bottom_margin(
            margin,
            label_size,
            analysis.approaches.len(),
            below,
        ))
        .x_label_area_size((label_size * 3.0) as u32)
        .y_label_area_size((label_size * 5.5) as u32)
        .build_cartesian_2d((FROM..TO).log_scale(), (low..high).log_scale())
        .map_err(failed)?;
    chart
        .configure_mesh()
        // (short: they fit the page's narrow charts)
        .x_desc("Queries/month (log)")
        .y_desc(format!("{currency}/query (log)"))
        .x_label_formatter(&|q| compact(*q))
        .y_label_formatter(&|v| money_per_query(*v, &currency))
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .axis_desc_style((FONT, desc_size).into_font().color(&theme.text()))
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    let colors = approach_colors(input);
    // cheapest bands, shaded along the bottom of the plot
    let band_top = low * (high / low).powf(0.06);
    for band in &analysis.cheapest_by_volume {
        let Some(index) = analysis
            .approaches
            .iter()
            .position(|a| a.id == band.approach)
        else {
            continue;
        };
        let from = band.from_queries_per_month.max(FROM);
        let to = band.to_queries_per_month.unwrap_or(TO).min(TO);
        if to <= from {
            continue;
        }
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(from, low), (to, band_top)],
                colors[index].mix(0.35).filled(),
            )))
            .map_err(failed)?;
    }
    let mut legend_entries = Vec::new();
    for (index, approach) in analysis.approaches.iter().enumerate() {
        let color = colors[index];
        let points = sweep
            .volumes
            .iter()
            .copied()
            .zip(sweep.amortized[index].iter().copied());
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(3)))
            .map_err(failed)?;
        legend_entries.push(LegendEntry::new(approach.label.clone(), color, Mark::Line));
    }
    // break-even volumes of the pairs that involve the cheapest approach
    for pair in &analysis.pairs {
        let Some(q) = pair
            .break_even_queries_per_month
            .filter(|q| (FROM..=TO).contains(q))
        else {
            continue;
        };
        if pair.a != analysis.cheapest.approach && pair.b != analysis.cheapest.approach {
            continue;
        }
        chart
            .draw_series(DashedLineSeries::new(
                [(q, low), (q, high)],
                6,
                4,
                theme.muted().stroke_width(2),
            ))
            .map_err(failed)?;
        chart
            .draw_series(std::iter::once(Text::new(
                compact(q),
                (q, high / (high / low).powf(0.04)),
                (FONT, label_size).into_font().color(&theme.muted()),
            )))
            .map_err(failed)?;
    }
    legend(
        area,
        &chart,
        theme,
        label_size,
        place(area, Corner::UpperRight),
        &legend_entries,
    )?;
    Ok(())
}
