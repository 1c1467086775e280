//! PNG export: the same drawing functions as the page, on plotters' bitmap
//! backend, with a font compiled into the binary (no system fonts needed).
//! Renders run off the async runtime, a few at a time, and are cached.

use super::cache::BoundedCache;
use crate::chart::{draw, ChartError, ChartInput, ChartKind};
use plotters::prelude::*;
use std::sync::Arc;

pub const MIN_WIDTH: u32 = 320;
pub const MAX_WIDTH: u32 = 4096;
pub const MIN_HEIGHT: u32 = 200;
pub const MAX_HEIGHT: u32 = 4096;

/// Draws a chart as PNG bytes. Sizes must already be within bounds.
pub fn render_png(
    kind: ChartKind,
    input: &ChartInput,
    size: (u32, u32),
) -> Result<Vec<u8>, ChartError> {
    let (width, height) = size;
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let root = super::glyphs::GlyphPng(BitMapBackend::with_buffer(&mut pixels, size))
            .into_drawing_area();
        draw(&root, kind, input)?;
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(crate::chart::failed)?;
        writer
            .write_image_data(&pixels)
            .map_err(crate::chart::failed)?;
    }
    Ok(out)
}

/// What identifies a rendered chart of a saved scenario.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChartKey {
    pub scenario: String,
    pub revision: u32,
    pub kind: ChartKind,
    pub size: (u32, u32),
    pub theme: &'static str,
    pub format: &'static str,
}

/// Rendered charts of saved revisions, bounded in count, per process.
pub type ChartCache = BoundedCache<ChartKey, Arc<Vec<u8>>>;

pub const CHART_CACHE_ENTRIES: usize = 512;
