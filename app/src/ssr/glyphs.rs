//! PNG text laid out glyph by glyph. plotters 0.3.7 draws each glyph of a
//! PNG's text at the pen position without the glyph's left side bearing (and
//! truncates the pen to whole pixels), so letters with a wide bearing sit
//! too close to the one before them: "Prompt ed", "cach ed". `GlyphPng` wraps
//! the bitmap backend and draws text itself with ab_glyph (the rasteriser
//! plotters uses): each glyph outlined at its fractional pen position, its
//! bearing and kerning included. Everything else, text measurement included
//! (which plotters gets right), is the bitmap backend's.

use ab_glyph::{point, Font, FontRef, ScaleFont};
use plotters::prelude::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::sync::OnceLock;

/// The embedded font, parsed once per process (`None` if it were invalid:
/// then the bitmap backend's own text drawing is used).
fn font() -> Option<&'static FontRef<'static>> {
    static FONT: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| FontRef::try_from_slice(crate::chart::font::DEJAVU_SANS).ok())
        .as_ref()
}

/// The bitmap backend with text drawn glyph by glyph (see the module).
pub struct GlyphPng<'a>(pub BitMapBackend<'a>);

type Error<'a> = <BitMapBackend<'a> as DrawingBackend>::ErrorType;

impl<'a> DrawingBackend for GlyphPng<'a> {
    type ErrorType = Error<'a>;

    crate::chart::metrics::delegate_drawing!();

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, (iw, ih), src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.0.estimate_text_size(text, style)
    }

    /// Placed like plotters' own text (the same layout box, anchors and
    /// rotation; the baseline half the font size below the box's top), each
    /// glyph where the font puts it.
    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        let Some(font) = font() else {
            return self.0.draw_text(text, style, pos);
        };
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ((min_x, min_y), (max_x, max_y)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (max_x - min_x, max_y - min_y);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Right => -width,
            HPos::Center => -width / 2,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let size = style.size() as f32;
        let scaled = font.as_scaled(size);
        let (canvas_width, canvas_height) = self.get_size();
        let mut pen = 0f32;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(previous) = previous {
                pen += scaled.kern(previous, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(scaled.scale(), point(pen, 0.0));
            pen += scaled.h_advance(id);
            let Some(outline) = scaled.outline_glyph(glyph) else {
                continue; // a space
            };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i32, (size / 2.0 + bounds.min.y) as i32);
            let mut drawn = Ok(());
            outline.draw(|x, y, coverage| {
                if drawn.is_err() || coverage <= 0.0 {
                    return;
                }
                let (x, y) =
                    transform.transform(left + x as i32 + dx - min_x, top + y as i32 + dy - min_y);
                let (x, y) = (pos.0 + x, pos.1 + y);
                if x >= 0 && y >= 0 && (x as u32) < canvas_width && (y as u32) < canvas_height {
                    drawn = self.0.draw_pixel(
                        (x, y),
                        BackendColor {
                            alpha: color.alpha * f64::from(coverage.min(1.0)),
                            rgb: color.rgb,
                        },
                    );
                }
            });
            drawn?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    /// Columns with ink in a one-line rendering of `text` (black on white).
    fn inked_columns(text: &str, size: f64) -> Vec<bool> {
        crate::chart::font::register().unwrap();
        let (width, height) = (800u32, 200u32);
        let mut pixels = vec![255u8; (width * height * 3) as usize];
        {
            let root = GlyphPng(BitMapBackend::with_buffer(&mut pixels, (width, height)))
                .into_drawing_area();
            let style = (crate::chart::theme::FONT.as_str(), size)
                .into_font()
                .color(&BLACK);
            root.draw_text(text, &style, (10, 40)).unwrap();
            root.present().unwrap();
        }
        (0..width as usize)
            .map(|x| (0..height as usize).any(|y| pixels[(y * width as usize + x) * 3] < 128))
            .collect()
    }

    /// Where each run of inked columns starts.
    fn ink_starts(columns: &[bool]) -> Vec<usize> {
        (0..columns.len())
            .filter(|&x| columns[x] && (x == 0 || !columns[x - 1]))
            .collect()
    }

    #[test]
    fn each_letter_starts_where_the_font_puts_it() {
        // "l" and "d" have wide left bearings, which plotters' own PNG text
        // drops: each glyph then starts several pixels early at this size.
        let size = 96.0;
        let font = font().unwrap().as_scaled(size as f32);
        let starts = ink_starts(&inked_columns("ild", size));
        assert_eq!(starts.len(), 3, "three separate letters: {starts:?}");
        let mut pen = 0f32;
        for (c, start) in "ild".chars().zip(&starts) {
            let id = font.glyph_id(c);
            let glyph = id.with_scale_and_position(font.scale(), point(pen, 0.0));
            let expected = 10 + font.outline_glyph(glyph).unwrap().px_bounds().min.x as i64;
            assert!(
                (*start as i64 - expected).abs() <= 1,
                "{c} starts at {start}, the font says {expected}"
            );
            pen += font.h_advance(id);
        }
        // and the bearing matters here: "d"'s is over 4 px
        let d = font.glyph_id('d');
        assert!(font.h_side_bearing(d) > 4.0);
    }

    #[test]
    fn rotated_text_is_drawn_too() {
        crate::chart::font::register().unwrap();
        let mut pixels = vec![255u8; 200 * 400 * 3];
        {
            let root =
                GlyphPng(BitMapBackend::with_buffer(&mut pixels, (200, 400))).into_drawing_area();
            let style = (crate::chart::theme::FONT.as_str(), 40.0)
                .into_font()
                .transform(FontTransform::Rotate270)
                .color(&BLACK);
            root.draw_text("Cost (USD)", &style, (100, 300)).unwrap();
            root.present().unwrap();
        }
        // drawn upwards: ink spans far more rows than columns
        let inked = |x: usize, y: usize| pixels[(y * 200 + x) * 3] < 128;
        let rows = (0..400).filter(|&y| (0..200).any(|x| inked(x, y))).count();
        let columns = (0..200).filter(|&x| (0..400).any(|y| inked(x, y))).count();
        assert!(rows > 3 * columns, "{rows} rows, {columns} columns");
    }
}
