//! Where the money goes: one stacked bar per approach, its total over the
//! horizon split by category (people, data, training, evals, inference,
//! errors, fixed, the incumbent's bill before launch, setup).

use super::frame::{
    bottom_margin, cut_to, legend, legend_below, legend_height, place, sizes, Corner, LegendEntry,
    Mark,
};
use super::theme::FONT;
use super::{failed, ChartError, ChartInput};
use crate::format::money_compact;
use crate::model::breakdown::CATEGORIES;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One colour per category, in `CATEGORIES` order (Okabe-Ito, then greys),
/// distinct from each other in both themes.
const CATEGORY_COLORS: [RGBColor; 9] = [
    RGBColor(213, 94, 0),    // people: vermilion
    RGBColor(240, 228, 66),  // data: yellow
    RGBColor(0, 114, 178),   // training: blue
    RGBColor(86, 180, 233),  // evals: sky blue
    RGBColor(0, 158, 115),   // inference: bluish green
    RGBColor(204, 121, 167), // errors: reddish purple
    RGBColor(230, 159, 0),   // fixed: orange
    RGBColor(120, 120, 120), // before launch: grey
    RGBColor(180, 180, 180), // setup: light grey
];

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
) -> Result<(), ChartError> {
    let theme = input.theme;
    let approaches = &input.analysis.approaches;
    let currency = input.scenario.currency.clone();
    let (label_size, desc_size) = sizes(area);
    // the categories some approach pays for: the legend's lines
    let used: Vec<bool> = CATEGORIES
        .iter()
        .map(|(_, part)| approaches.iter().any(|a| part(&a.breakdown_usd) > 0.0))
        .collect();
    let tallest = approaches
        .iter()
        .map(|a| a.breakdown_usd.total())
        .fold(0.0, f64::max)
        .max(1.0);
    let margin = (label_size * 1.2) as u32;
    let x_labels = (label_size * 3.0) as u32;
    // The legend sits in the upper left, over the first bars: the value axis
    // goes high enough that the tallest bar ends below it (unless it goes
    // below the plot, in a narrow chart).
    let rows = used.iter().filter(|u| **u).count();
    let below = legend_below(area);
    let plot_height = f64::from(area.dim_in_pixel().1) - f64::from(2 * margin + x_labels);
    let legend_px = legend_height(label_size, rows) * 1.1;
    let high = if below {
        tallest * 1.05
    } else if plot_height > 2.0 * legend_px {
        tallest * plot_height / (plot_height - legend_px)
    } else {
        tallest * 1.3
    };
    let count = approaches.len();
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .margin_bottom(bottom_margin(margin, label_size, rows, below))
        .x_label_area_size(x_labels)
        .y_label_area_size((label_size * 5.0) as u32)
        .build_cartesian_2d(-0.5..count as f64 - 0.5, 0.0..high)
        .map_err(failed)?;
    // a name longer than its bar is wide is cut (by an average glyph's width)
    let bar_px = (f64::from(area.dim_in_pixel().0) - label_size * 5.0) / count.max(1) as f64;
    let fits = (bar_px / (label_size * 0.6)).max(4.0) as usize;
    let label_of = |x: &f64| {
        let index = x.round();
        let on_bar = (x - index).abs() < 1e-6 && index >= 0.0;
        approaches
            .get(index as usize)
            .filter(|_| on_bar)
            .map_or(String::new(), |a| cut_to(&a.label, fits))
    };
    chart
        .configure_mesh()
        .x_labels(count.max(1))
        .x_label_formatter(&label_of)
        .y_desc(currency.clone())
        .y_label_formatter(&|v| money_compact(*v, &currency))
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .axis_desc_style((FONT, desc_size).into_font().color(&theme.text()))
        .disable_x_mesh()
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    for (index, approach) in approaches.iter().enumerate() {
        let x = index as f64;
        let mut base = 0.0;
        for (category, (_, part)) in CATEGORIES.iter().enumerate() {
            let value = part(&approach.breakdown_usd);
            if value <= 0.0 {
                continue;
            }
            chart
                .draw_series([Rectangle::new(
                    [(x - 0.32, base), (x + 0.32, base + value)],
                    CATEGORY_COLORS[category].filled(),
                )])
                .map_err(failed)?;
            base += value;
        }
    }
    let entries: Vec<LegendEntry> = CATEGORIES
        .iter()
        .zip(CATEGORY_COLORS)
        .zip(used)
        .filter(|(_, used)| *used)
        .map(|(((label, _), color), _)| LegendEntry::new(*label, color, Mark::Box))
        .collect();
    legend(
        area,
        &chart,
        theme,
        label_size,
        place(area, Corner::UpperLeft),
        &entries,
    )
}
