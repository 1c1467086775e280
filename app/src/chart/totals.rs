//! Total cost at the horizon against monthly volume, on a log volume axis:
//! the lines whose lower envelope picks the winner.

use super::frame::{bottom_margin, legend, legend_below, place, sizes, Corner, LegendEntry, Mark};
use super::per_query::{FROM, TO};
use super::theme::FONT;
use super::{approach_colors, failed, ChartError, ChartInput};
use crate::format::{compact, money_compact};
use crate::model::{log_volumes, volume_sweep};
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
    let sweep = volume_sweep(input.scenario, &log_volumes(FROM, TO, 121));
    let values = sweep.totals.iter().flatten().copied().filter(|v| *v > 0.0);
    let (low, high) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (low, high) = if low.is_finite() {
        (low * 0.7, high * 1.4)
    } else {
        (1.0, 10.0)
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
        .y_label_area_size((label_size * 5.0) as u32)
        .build_cartesian_2d((FROM..TO).log_scale(), (low..high).log_scale())
        .map_err(failed)?;
    chart
        .configure_mesh()
        // (short: they fit the page's narrow charts; the title says the rest)
        .x_desc("Queries/month (log)")
        .y_desc(format!("{currency} (log)"))
        .x_label_formatter(&|q| compact(*q))
        .y_label_formatter(&|v| money_compact(*v, &currency))
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .axis_desc_style((FONT, desc_size).into_font().color(&theme.text()))
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    let colors = approach_colors(input);
    let mut legend_entries = Vec::new();
    for (index, approach) in analysis.approaches.iter().enumerate() {
        let color = colors[index];
        let points = sweep
            .volumes
            .iter()
            .copied()
            .zip(sweep.totals[index].iter().copied());
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(3)))
            .map_err(failed)?;
        legend_entries.push(LegendEntry::new(approach.label.clone(), color, Mark::Line));
    }
    // the scenario's own volume
    let own = input.scenario.volume.queries_per_month;
    if (FROM..=TO).contains(&own) {
        chart
            .draw_series(DashedLineSeries::new(
                [(own, low), (own, high)],
                6,
                4,
                theme.text().stroke_width(2),
            ))
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
