//! Text measurement for SVG charts, from DejaVu Sans's advance widths.
//!
//! plotters measures text to lay out labels and legends. In wasm it measures
//! by inserting a `<span style=...>` into the page for every label: slow (a
//! layout per label on every keystroke) and blocked by the page's
//! Content-Security-Policy. `MeasuredSvg` wraps the SVG backend and answers
//! those measurements from this table instead, so the server and the browser
//! draw byte-identical SVGs. (PNGs keep measuring with the embedded font.)

use plotters::prelude::SVGBackend;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// Advance widths of ASCII 32..=126 in DejaVu Sans, in font units.
const ADVANCE: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690, 1303,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087, 2048,
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235,
    1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024, 1024,
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
    1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
];
/// Anything outside ASCII: about the width of a lower-case letter.
const OTHER: u16 = 1260;
/// Ascent minus descent: plotters scales a font so that this is the size.
const HEIGHT_UNITS: f64 = 2384.0;

/// The (width, height) in pixels of `text` at plotters font `size`, as
/// plotters' own font backend would measure it with DejaVu Sans.
pub fn text_size(text: &str, size: f64) -> (u32, u32) {
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            code @ 32..=126 => u32::from(ADVANCE[(code - 32) as usize]),
            _ => u32::from(OTHER),
        })
        .sum();
    let width = f64::from(units) * size / HEIGHT_UNITS;
    (width.round() as u32, (size / 1.24) as u32)
}

/// The drawing methods of a backend wrapper (a tuple struct around the
/// backend it wraps) that pass straight to the wrapped backend: the wrappers
/// here and in `ssr::glyphs` change only how text is measured or drawn.
macro_rules! delegate_drawing {
    () => {
        fn get_size(&self) -> (u32, u32) {
            self.0.get_size()
        }

        fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.ensure_prepared()
        }

        fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.present()
        }

        fn draw_pixel(
            &mut self,
            point: BackendCoord,
            color: BackendColor,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.draw_pixel(point, color)
        }

        fn draw_line<S: BackendStyle>(
            &mut self,
            from: BackendCoord,
            to: BackendCoord,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.draw_line(from, to, style)
        }

        fn draw_rect<S: BackendStyle>(
            &mut self,
            upper_left: BackendCoord,
            bottom_right: BackendCoord,
            style: &S,
            fill: bool,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.draw_rect(upper_left, bottom_right, style, fill)
        }

        fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            path: I,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.draw_path(path, style)
        }

        fn draw_circle<S: BackendStyle>(
            &mut self,
            center: BackendCoord,
            radius: u32,
            style: &S,
            fill: bool,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.draw_circle(center, radius, style, fill)
        }

        fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
            &mut self,
            vert: I,
            style: &S,
        ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
            self.0.fill_polygon(vert, style)
        }
    };
}
// (used outside this file only by the server's PNG text)
#[cfg(feature = "ssr")]
pub(crate) use delegate_drawing;

/// The SVG backend with text measured from the table above.
pub struct MeasuredSvg<'a>(pub SVGBackend<'a>);

impl DrawingBackend for MeasuredSvg<'_> {
    type ErrorType = <SVGBackend<'static> as DrawingBackend>::ErrorType;

    delegate_drawing!();

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        Ok(text_size(text, style.size()))
    }
}

#[cfg(test)]
mod tests {
    use super::text_size;

    #[test]
    fn widths_follow_the_font() {
        // "W" is wider than "i", digits are all one width.
        assert!(text_size("W", 20.0).0 > 2 * text_size("i", 20.0).0);
        assert_eq!(text_size("1000", 20.0), text_size("9999", 20.0));
        // 12 digits at size 24.8: 12 x 1303 units x 24.8 / 2384
        assert_eq!(text_size("123456789012", 24.8).0, 163);
        assert_eq!(text_size("€", 24.8).0, text_size("e", 24.8).0);
    }
}
