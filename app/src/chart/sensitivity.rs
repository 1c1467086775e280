//! Tornado chart: how far each ranged input moves the leading pair's
//! break-even volume between its low and high end.

use super::frame::{bottom_margin, legend, legend_below, place, sizes, Corner, LegendEntry, Mark};
use super::theme::FONT;
use super::{failed, ChartError, ChartInput};
use crate::format::compact;
use crate::model::inputs::short_label_of;
use plotters::coord::Shift;
use plotters::prelude::*;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
) -> Result<(), ChartError> {
    let theme = input.theme;
    let analysis = input.analysis;
    let (label_size, desc_size) = sizes(area);
    let rows = analysis
        .uncertainty
        .as_ref()
        .map(|u| u.sensitivity.as_slice())
        .unwrap_or_default();
    let leading = analysis
        .uncertainty
        .as_ref()
        .and_then(|u| u.leading_pair.clone());
    let baseline = leading.as_ref().and_then(|[a, b]| {
        analysis
            .pair(a, b)
            .and_then(|p| p.break_even_queries_per_month)
    });
    let ends: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.break_even_at_low, r.break_even_at_high])
        .flatten()
        .chain(baseline)
        .collect();
    if rows.is_empty() || ends.is_empty() {
        area.draw(&Text::new(
            "Give a field a range (e.g. \"5 to 15\") to see which inputs move the break-even.",
            (20, 40),
            (FONT, desc_size).into_font().color(&theme.muted()),
        ))
        .map_err(failed)?;
        return Ok(());
    }
    let low = ends.iter().copied().fold(f64::INFINITY, f64::min);
    let high = ends.iter().copied().fold(0.0, f64::max);
    let pad = ((high - low) * 0.1).max(high * 0.05).max(1.0);
    let (from, to) = ((low - pad).max(0.0), high + pad);
    let labels: Vec<String> = rows
        .iter()
        .map(|r| {
            let name = analysis
                .approach(&r.approach)
                .map_or(r.approach.as_str(), |a| a.label.as_str());
            format!("{name}: {}", short_label_of(&r.field))
        })
        .collect();
    let count = rows.len();
    let pair_name = leading
        .map(|[a, b]| format!("{a} vs {b} break-even, queries/month"))
        .unwrap_or_default();
    let margin = (label_size * 1.2) as u32;
    let below = legend_below(area);
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .margin_bottom(bottom_margin(margin, label_size, 2, below))
        .x_label_area_size((label_size * 3.0) as u32)
        .y_label_area_size((label_size * 0.5) as u32)
        .build_cartesian_2d(from..to, 0.0..count as f64)
        .map_err(failed)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(pair_name)
        // (few ticks: they fit the page's narrow charts)
        .x_labels(4)
        .x_label_formatter(&|q| compact(*q))
        .disable_y_axis()
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .axis_desc_style((FONT, desc_size).into_font().color(&theme.text()))
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    let low_color = RGBColor(0, 114, 178);
    let high_color = RGBColor(213, 94, 0);
    for (index, row) in rows.iter().enumerate() {
        let y = (count - 1 - index) as f64;
        // no break-even at an end: that end's bar runs to the edge
        let low_end = row.break_even_at_low.unwrap_or(to);
        let high_end = row.break_even_at_high.unwrap_or(to);
        match baseline {
            Some(center) => {
                for (end, color) in [(low_end, low_color), (high_end, high_color)] {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(center.min(end), y + 0.15), (center.max(end), y + 0.65)],
                            color.mix(0.85).filled(),
                        )))
                        .map_err(failed)?;
                }
            }
            None => {
                chart
                    .draw_series(std::iter::once(Rectangle::new(
                        [
                            (low_end.min(high_end), y + 0.15),
                            (low_end.max(high_end), y + 0.65),
                        ],
                        theme.muted().mix(0.8).filled(),
                    )))
                    .map_err(failed)?;
            }
        }
        chart
            .draw_series(std::iter::once(Text::new(
                labels[index].clone(),
                (from, y + 0.92),
                (FONT, label_size).into_font().color(&theme.text()),
            )))
            .map_err(failed)?;
    }
    if let Some(baseline) = baseline {
        chart
            .draw_series(LineSeries::new(
                [(baseline, 0.0), (baseline, count as f64)],
                theme.text().stroke_width(2),
            ))
            .map_err(failed)?;
    }
    let mut legend_entries = Vec::new();
    for (label, color) in [
        ("field at its low end", low_color),
        ("field at its high end", high_color),
    ] {
        legend_entries.push(LegendEntry::new(label, color, Mark::Box));
    }
    legend(
        area,
        &chart,
        theme,
        label_size,
        place(area, Corner::LowerRight),
        &legend_entries,
    )?;
    Ok(())
}
