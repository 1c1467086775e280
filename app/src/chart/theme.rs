//! Colours and fonts. Approach colours are fixed per kind from the Okabe-Ito
//! palette, which stays distinguishable for the common kinds of colour
//! blindness; a second approach of the same kind gets a darker shade.

use crate::model::ApproachKind;
use plotters::style::{FontFamily, RGBColor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub fn from_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn background(self) -> RGBColor {
        match self {
            Theme::Light => RGBColor(255, 255, 255),
            Theme::Dark => RGBColor(30, 30, 35),
        }
    }

    pub fn text(self) -> RGBColor {
        match self {
            Theme::Light => RGBColor(29, 29, 31),
            Theme::Dark => RGBColor(236, 236, 241),
        }
    }

    pub fn muted(self) -> RGBColor {
        match self {
            Theme::Light => RGBColor(91, 91, 102),
            Theme::Dark => RGBColor(163, 163, 176),
        }
    }

    pub fn grid(self) -> RGBColor {
        match self {
            Theme::Light => RGBColor(225, 225, 230),
            Theme::Dark => RGBColor(58, 58, 68),
        }
    }

    /// The colour of the `nth` approach of `kind` (0 for the first).
    pub fn approach(self, kind: ApproachKind, nth: usize) -> RGBColor {
        let base = match kind {
            ApproachKind::Prompting => (0, 114, 178),    // blue
            ApproachKind::FewShot => (230, 159, 0),      // orange
            ApproachKind::Rag => (0, 158, 115),          // bluish green
            ApproachKind::FineTuning => (204, 121, 167), // reddish purple
        };
        let lighten = self == Theme::Dark;
        let shade = |c: u8| {
            let c = f64::from(c);
            let factor = 1.0 - 0.25 * (nth % 3) as f64;
            let value = if lighten {
                255.0 - (255.0 - c) * 0.85 * factor
            } else {
                c * factor
            };
            value.round().clamp(0.0, 255.0) as u8
        };
        RGBColor(shade(base.0), shade(base.1), shade(base.2))
    }
}

/// A family, not its name: plotters lowercases a name it is given, and
/// that alone put Unicode's case tables into the wasm.
pub const FONT: FontFamily<'static> = FontFamily::SansSerif;
