//! The font charts are drawn in on the server. There plotters lays out text
//! with ab_glyph, for SVG as well as PNG, so every draw needs a registered
//! font; it is compiled into the binary (no system fonts needed). In the
//! browser the SVG names the font family and the page's CSS supplies it.

use super::ChartError;
use plotters::style::FontStyle;
use std::sync::OnceLock;

pub(crate) static DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font with plotters, once per process.
pub(crate) fn register() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(
                super::theme::FONT.as_str(),
                FontStyle::Normal,
                DEJAVU_SANS,
            )
            .map_err(|_| "the embedded font is invalid".to_string())
        })
        .clone()
        .map_err(ChartError)
}
