//! What every chart has around its plot: background, title, and a footer with
//! the scenario name and the "as of" date.

use super::theme::{Theme, FONT};
use super::{failed, ChartError, ChartInput, ChartKind};
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
    let title_size = (26.0 * scale).max(12.0);
    let footer_size = (15.0 * scale).max(9.0);
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

/// Font sizes for a plot area of this size.
pub fn sizes<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> (f64, f64) {
    let (width, height) = area.dim_in_pixel();
    let scale = (f64::from(width.min(height * 2)) / 1200.0).clamp(0.5, 2.5);
    ((16.0 * scale).max(9.0), (18.0 * scale).max(10.0))
}

/// The legend of every chart: the same font, background and border.
pub fn legend<'a, DB: DrawingBackend + 'a, CT: CoordTranslate>(
    chart: &mut ChartContext<'a, DB, CT>,
    theme: Theme,
    label_size: f64,
    position: SeriesLabelPosition,
) -> Result<(), ChartError> {
    chart
        .configure_series_labels()
        .position(position)
        .label_font((FONT, label_size).into_font().color(&theme.text()))
        .background_style(theme.background().mix(0.85))
        .border_style(theme.grid())
        .draw()
        .map_err(failed)
}
