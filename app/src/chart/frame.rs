//! What every chart has around its plot: background, title, and a footer with
//! the scenario name and the "as of" date.

use super::theme::{Theme, FONT};
use super::{failed, ChartError, ChartInput, ChartKind};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    kind: ChartKind,
    input: &ChartInput,
) -> Result<DrawingArea<DB, Shift>, ChartError> {
    let theme = input.theme;
    root.fill(&theme.background()).map_err(failed)?;
    let (width, height) = root.dim_in_pixel();
    let scale = (f64::from(width.min(height * 2)) / 1200.0).clamp(0.5, 2.5);
    let least = least_text(width);
    let title_size = (26.0 * scale).max(least.max(12.0));
    let footer_size = (15.0 * scale).max(least);
    let (top, rest) = root.split_vertically((title_size * 2.0) as u32);
    let (body, bottom) = rest.split_vertically(
        rest.dim_in_pixel()
            .1
            .saturating_sub((footer_size * 2.2) as u32),
    );
    top.draw(&Text::new(
        kind.title(),
        ((title_size * 0.6) as i32, (title_size * 0.5) as i32),
        (FONT, title_size).into_font().color(&theme.text()),
    ))
    .map_err(failed)?;
    let footer = format!(
        "{} · {} · as of {}",
        input.scenario.name, input.scenario.currency, input.as_of
    );
    bottom
        .draw(&Text::new(
            footer,
            ((title_size * 0.6) as i32, (footer_size * 0.5) as i32),
            TextStyle::from((FONT, footer_size).into_font())
                .color(&theme.muted())
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))
        .map_err(failed)?;
    Ok(body)
}

/// The smallest text a chart draws, in plotters' size (the SVG's font-size
/// is this / 1.24). The page draws its charts `PAGE_CHART_WIDTH` wide and
/// shows them at least 325 CSS px wide (on a 375 px phone): 24 is a
/// font-size of 19.4 there, shown at 12.1 CSS px, above the 11 the page
/// promises (end2end/tests/accessibility.test.mjs measures it). Larger
/// images scale their text up from here.
pub const MIN_TEXT_PX: f64 = 24.0;

/// The width the page draws its charts at (see `MIN_TEXT_PX`).
pub const PAGE_CHART_WIDTH: u32 = 520;

/// Charts narrower than this are laid out for the page: text of at least
/// `MIN_TEXT_PX`, the legend below the plot, shorter axis titles. Wider ones
/// (the downloads, 1200 px by default) keep text in proportion to their size.
const NARROW_BELOW: u32 = 800;

/// The smallest text of a chart this wide.
fn least_text(width: u32) -> f64 {
    if width < NARROW_BELOW {
        MIN_TEXT_PX
    } else {
        9.0
    }
}

/// Font sizes for a plot area of this size.
pub fn sizes<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> (f64, f64) {
    let (width, height) = area.dim_in_pixel();
    let scale = (f64::from(width.min(height * 2)) / 1200.0).clamp(0.5, 2.5);
    let least = least_text(width);
    ((16.0 * scale).max(least), (18.0 * scale).max(least + 1.0))
}

/// Whether a chart this wide puts its legend below the plot: in a narrow
/// chart (the page's) a legend inside the plot would cover the data.
pub fn legend_below<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> bool {
    area.dim_in_pixel().0 < NARROW_BELOW
}

/// Where the legend of a chart drawn on `area` goes: `corner` of the plot,
/// or below it in a narrow chart.
pub fn place<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, corner: Corner) -> Corner {
    if legend_below(area) {
        Corner::Below
    } else {
        corner
    }
}

/// The bottom margin of a chart: `margin`, and room for a legend of
/// `entries` when it goes below the plot.
pub fn bottom_margin(margin: u32, label_size: f64, entries: usize, below: bool) -> u32 {
    if below {
        margin + legend_height(label_size, entries.div_ceil(columns_below(entries))) as u32
    } else {
        margin
    }
}

/// A legend below the plot takes two columns for more than four entries
/// (the breakdown's categories), so that it leaves the plot its height.
fn columns_below(entries: usize) -> usize {
    if entries > 4 {
        2
    } else {
        1
    }
}

/// The month x money plot of the cumulative-cost charts (amortization,
/// uncertainty, the compare overlay): months 0..`horizon`, money 0..`top`,
/// text at the chart's `sizes` (a chart that splits its area passes the
/// whole area's), and room under the axis for a legend of `rows_below` lines
/// (0: the legend is inside the plot).
pub fn month_axes<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (label_size, desc_size): (f64, f64),
    theme: Theme,
    currency: &str,
    horizon: f64,
    top: f64,
    rows_below: usize,
) -> Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, ChartError> {
    let margin = (label_size * 1.2) as u32;
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .margin_bottom(bottom_margin(
            margin,
            label_size,
            rows_below,
            rows_below > 0,
        ))
        .x_label_area_size((label_size * 3.0) as u32)
        .y_label_area_size((label_size * 5.0) as u32)
        .build_cartesian_2d(0.0..horizon, 0.0..top)
        .map_err(failed)?;
    chart
        .configure_mesh()
        .x_desc("Month")
        .y_desc(format!("Cumulative cost ({currency})"))
        .x_label_formatter(&|m| format!("{m:.0}"))
        .y_label_formatter(&|v| crate::format::money_compact(*v, currency))
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .axis_desc_style((FONT, desc_size).into_font().color(&theme.text()))
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    Ok(chart)
}

/// `text`, cut to `chars` characters with an ellipsis when it is longer
/// (labels in narrow charts).
pub fn cut_to(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars.saturating_sub(1)) {
        Some((end, _)) if text.chars().count() > chars => format!("{}…", &text[..end]),
        _ => text.to_string(),
    }
}

/// How a legend entry shows its series: a line, or a filled box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Line,
    Box,
}

/// One legend line.
pub struct LegendEntry {
    pub label: String,
    pub color: RGBColor,
    pub mark: Mark,
}

impl LegendEntry {
    pub fn new(label: impl Into<String>, color: RGBColor, mark: Mark) -> LegendEntry {
        LegendEntry {
            label: label.into(),
            color,
            mark,
        }
    }
}

/// Where the legend sits in the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Corner {
    UpperLeft,
    UpperRight,
    LowerRight,
    /// Under the x axis, in the room `bottom_margin` left (narrow charts).
    Below,
}

/// The height in pixels a legend of `entries` lines takes from the top of
/// the plotting area (its inset included), so that a chart can leave room.
pub fn legend_height(label_size: f64, entries: usize) -> f64 {
    let line_h = (label_size * 1.25).round();
    let margin = (label_size * 0.5).round();
    margin * 3.0 + line_h * entries as f64
}

/// The legend of every chart: the same font, background and border. Drawn
/// here rather than by plotters' series labels, which measure text with the
/// font backend (a DOM span per label in the browser); widths come from
/// `metrics::text_size`, the same table the SVG backend uses.
pub fn legend<DB: DrawingBackend, CT: CoordTranslate>(
    body: &DrawingArea<DB, Shift>,
    chart: &ChartContext<'_, DB, CT>,
    theme: Theme,
    label_size: f64,
    corner: Corner,
    entries: &[LegendEntry],
) -> Result<(), ChartError> {
    let plot = chart.plotting_area().strip_coord_spec();
    legend_on(body, plot, theme, label_size, corner, entries)
}

/// `legend`, once per backend rather than once per kind of axes (the
/// page's wasm holds one copy).
fn legend_on<DB: DrawingBackend>(
    body: &DrawingArea<DB, Shift>,
    area: DrawingArea<DB, Shift>,
    theme: Theme,
    label_size: f64,
    corner: Corner,
    entries: &[LegendEntry],
) -> Result<(), ChartError> {
    if entries.is_empty() {
        return Ok(());
    }
    let (area_w, area_h) = area.dim_in_pixel();
    let line_h = (label_size * 1.25).round() as i32;
    let margin = (label_size * 0.5).round() as i32;
    let mark_w = (label_size * 1.6).round() as i32;
    // below the plot the legend is drawn on the chart's `body` (a plot's
    // area does not reach past its axes), across its width; a label longer
    // than that is cut (by an average glyph's width)
    let (body_w, _) = body.dim_in_pixel();
    let columns = if corner == Corner::Below {
        columns_below(entries.len())
    } else {
        1
    };
    let rows = entries.len().div_ceil(columns);
    let column_w = (body_w as i32 - margin * 2) / columns as i32;
    let room = if corner == Corner::Below {
        ((column_w - margin * 3 - mark_w) as f64 / (label_size * 0.6)) as usize
    } else {
        usize::MAX
    };
    let text_w = entries
        .iter()
        .map(|e| super::metrics::text_size(&e.label, label_size).0 as i32)
        .max()
        .unwrap_or(0)
        .min(column_w - margin * 3 - mark_w);
    let entry_w = margin * 2 + mark_w + text_w;
    let (w, h) = (
        margin + entry_w * columns as i32,
        margin * 2 + line_h * rows as i32,
    );
    let inset = margin;
    let (x0, y0) = match corner {
        Corner::UpperLeft => (inset, inset),
        Corner::UpperRight => (area_w as i32 - w - inset, inset),
        Corner::LowerRight => (area_w as i32 - w - inset, area_h as i32 - h - inset),
        // past the x axis' labels and title (the charts' x label area)
        Corner::Below => {
            let plot_bottom = area.get_pixel_range().1.end;
            let top = plot_bottom - body.get_base_pixel().1 + (label_size * 3.0) as i32;
            (margin, top)
        }
    };
    let area = if corner == Corner::Below {
        body.clone()
    } else {
        area
    };
    area.draw(&Rectangle::new(
        [(x0, y0), (x0 + w, y0 + h)],
        theme.background().mix(0.85).filled(),
    ))
    .map_err(failed)?;
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], theme.grid()))
        .map_err(failed)?;
    let font = (FONT, label_size).into_font().color(&theme.text());
    for (i, entry) in entries.iter().enumerate() {
        let (column, row) = (i / rows, i % rows);
        let y = y0 + margin + line_h * row as i32 + line_h / 2;
        let x = x0 + margin + entry_w * column as i32;
        match entry.mark {
            Mark::Line => area.draw(&PathElement::new(
                vec![(x, y), (x + mark_w, y)],
                entry.color.stroke_width(4),
            )),
            Mark::Box => area.draw(&Rectangle::new(
                [(x, y - line_h / 3), (x + mark_w, y + line_h / 3)],
                entry.color.filled(),
            )),
        }
        .map_err(failed)?;
        area.draw(&Text::new(
            cut_to(&entry.label, room),
            (x + mark_w + margin, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(failed)?;
    }
    Ok(())
}

#[cfg(test)]
mod cut_tests {
    use super::cut_to;

    #[test]
    fn labels_are_cut_on_characters_with_an_ellipsis() {
        assert_eq!(cut_to("Fine-tuned gpt-4.1-mini", 8), "Fine-tu…");
        assert_eq!(cut_to("short", 8), "short");
        assert_eq!(cut_to("exactly8", 8), "exactly8");
        // never inside a multi-byte character
        assert_eq!(cut_to("Modèle réglé fin", 5), "Modè…");
        assert_eq!(cut_to("αβγδεζ", 3), "αβ…");
        assert_eq!(cut_to("anything", usize::MAX), "anything");
    }
}
