//! What to measure next, as a chart: for each ranged input, what knowing it
//! before deciding could save (its EVPPI) as a bar, most valuable on top,
//! and what knowing every input could save (the EVPI) as a dashed line that
//! no bar passes. Drawn by the server only (the `/measure` page is not
//! hydrated), so it is not in the wasm.

use super::frame::{cut_to, sizes};
use super::metrics::MeasuredSvg;
use super::theme::FONT;
use super::{failed, ChartError, ChartInput};
use crate::format::money_compact;
use crate::model::inputs::short_label_of;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The chart as SVG, or `None` when there is nothing to draw: no input has
/// a range, or knowing every one would save nothing (one approach is
/// cheapest in every sample; the page says so in words).
pub fn information_svg(input: &ChartInput, width: u32) -> Result<Option<String>, ChartError> {
    let Some(voi) = (input.analysis.uncertainty.as_ref())
        .and_then(|u| u.value_of_information.as_ref())
        .filter(|voi| voi.evpi_usd > 0.0)
    else {
        return Ok(None);
    };
    // a row per input, whatever their number
    let size = (width, 200 + 110 * voi.inputs.len().max(1) as u32);
    let mut svg = String::new();
    {
        let root = MeasuredSvg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        root.fill(&input.theme.background()).map_err(failed)?;
        draw(&root, input, voi)?;
    }
    Ok(Some(svg))
}

fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: &ChartInput,
    voi: &crate::model::results::ValueOfInformation,
) -> Result<(), ChartError> {
    let theme = input.theme;
    let currency = &input.scenario.currency;
    let (label_size, desc_size) = sizes(area);
    let rows = &voi.inputs;
    let count = rows.len().max(1);
    let top = rows
        .iter()
        .map(|r| r.evppi_usd)
        .fold(voi.evpi_usd, f64::max)
        .max(1.0)
        * 1.1;
    let margin = (label_size * 1.2) as u32;
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .x_label_area_size((label_size * 3.0) as u32)
        .y_label_area_size((label_size * 0.5) as u32)
        // a band above the rows for the EVPI line's label
        .build_cartesian_2d(0.0..top, 0.0..count as f64 + 0.5)
        .map_err(failed)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(format!("Worth knowing before deciding ({currency})"))
        .x_labels(4)
        .x_label_formatter(&|v| money_compact(*v, currency))
        .disable_y_axis()
        .label_style((FONT, label_size).into_font().color(&theme.text()))
        .axis_desc_style((FONT, desc_size).into_font().color(&theme.text()))
        .bold_line_style(theme.grid())
        .max_light_lines(0)
        .axis_style(theme.muted())
        .draw()
        .map_err(failed)?;
    let colors = super::approach_colors(input);
    // about as many characters as fit across the plot
    let plot_width = area.dim_in_pixel().0.saturating_sub(2 * margin);
    let chars = (f64::from(plot_width) / (label_size * 0.55)) as usize;
    for (index, row) in rows.iter().enumerate() {
        let y = (count - 1 - index) as f64;
        let position = input
            .analysis
            .approaches
            .iter()
            .position(|a| a.id == row.approach);
        let color = position.map_or(theme.muted(), |p| colors[p]);
        let name = position.map_or(&*row.approach, |p| {
            input.analysis.approaches[p].label.as_str()
        });
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(0.0, y + 0.15), (row.evppi_usd, y + 0.65)],
                color.filled(),
            )))
            .map_err(failed)?;
        let worth = if row.evppi_usd > 0.0 {
            money_compact(row.evppi_usd, currency)
        } else {
            "won't change the decision".into()
        };
        // the worth first, so that a cut keeps it (the table has the names)
        let label = format!("{worth} · {} · {name}", short_label_of(&row.field));
        chart
            .draw_series(std::iter::once(Text::new(
                cut_to(&label, chars),
                (0.0, y + 0.92),
                (FONT, label_size).into_font().color(&theme.text()),
            )))
            .map_err(failed)?;
    }
    // what knowing everything could save: no input is worth more
    let dash = (label_size * 0.5) as u32;
    chart
        .draw_series(DashedLineSeries::new(
            [(voi.evpi_usd, 0.0), (voi.evpi_usd, count as f64)],
            dash,
            dash,
            theme.text().stroke_width(2),
        ))
        .map_err(failed)?;
    let everything = format!(
        "knowing everything: {}",
        money_compact(voi.evpi_usd, currency)
    );
    let (width, _) = super::metrics::text_size(&everything, label_size);
    // its label to the line's left, unless that would leave the plot
    let plot_left = chart.plotting_area().get_pixel_range().0.start;
    let line_x = chart.backend_coord(&(voi.evpi_usd, 0.0)).0;
    let h_pos = if line_x - (width as i32) - 8 > plot_left {
        HPos::Right
    } else {
        HPos::Left
    };
    chart
        .plotting_area()
        .draw(&Text::new(
            everything,
            (voi.evpi_usd, count as f64 + 0.45),
            TextStyle::from((FONT, label_size).into_font())
                .color(&theme.text())
                .pos(Pos::new(h_pos, VPos::Top)),
        ))
        .map_err(failed)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::theme::Theme;
    use crate::model::analyze;
    use crate::model::examples::{example, SUPPORT_TICKET_TRIAGE};

    /// The triage example, unsure what few-shot (cheapest at the point
    /// values) costs to build: up to $100k, when fine-tuning would win.
    pub(crate) fn worth_measuring() -> crate::model::Scenario {
        let mut scenario = example(SUPPORT_TICKET_TRIAGE);
        let cheapest = analyze(&scenario).unwrap().cheapest.approach;
        let approach = (scenario.approaches.iter_mut())
            .find(|a| *a.id == *cheapest)
            .unwrap();
        approach.ranges.insert("setup_usd".into(), [0.0, 100_000.0]);
        scenario
    }

    #[test]
    fn one_bar_per_ranged_input_and_the_evpi_line() {
        let scenario = worth_measuring();
        let analysis = analyze(&scenario).unwrap();
        let voi = (analysis.uncertainty.as_ref())
            .and_then(|u| u.value_of_information.clone())
            .unwrap();
        assert!(voi.evpi_usd > 0.0);
        let input = ChartInput {
            scenario: &scenario,
            analysis: &analysis,
            theme: Theme::Light,
            as_of: "",
        };
        let svg = information_svg(&input, 1200).unwrap().unwrap();
        for row in &voi.inputs {
            let label = crate::format::escape_html(short_label_of(&row.field));
            assert!(svg.contains(&label), "{}", row.field);
        }
        let axis = format!("Worth knowing before deciding ({})", scenario.currency);
        assert!(svg.contains(&axis));
        // the EVPI as a dashed line: many short segments
        assert!(svg.matches("<polyline").count() >= 4);
        // nothing worth knowing (fine-tuning never wins the triage example),
        // or no ranges: no chart
        let triage = example(SUPPORT_TICKET_TRIAGE);
        let triaged = analyze(&triage).unwrap();
        let none = ChartInput {
            scenario: &triage,
            analysis: &triaged,
            ..input
        };
        assert_eq!(information_svg(&none, 1200).unwrap(), None);
        let mut fixed = scenario.clone();
        for approach in &mut fixed.approaches {
            approach.ranges.clear();
        }
        let analysis = analyze(&fixed).unwrap();
        let none = ChartInput {
            scenario: &fixed,
            analysis: &analysis,
            ..input
        };
        assert_eq!(information_svg(&none, 1200).unwrap(), None);
    }
}
