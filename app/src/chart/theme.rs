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

    /// Eight colours that stay apart for the common kinds of colour
    /// blindness, in both themes (tested below): Okabe-Ito's, the kinds' own
    /// first (in `ApproachKind` order: blue, orange, bluish green, reddish
    /// purple), then vermillion, sky blue, black and a dark brown (yellow
    /// would vanish on white). The dark theme's are 15% lighter, with light
    /// grey for black and Okabe-Ito's yellow for the brown.
    pub fn palette(self) -> [RGBColor; 8] {
        match self {
            Theme::Light => [
                RGBColor(0, 114, 178),
                RGBColor(230, 159, 0),
                RGBColor(0, 158, 115),
                RGBColor(204, 121, 167),
                RGBColor(213, 94, 0),
                RGBColor(86, 180, 233),
                RGBColor(0, 0, 0),
                RGBColor(120, 70, 20),
            ],
            Theme::Dark => [
                RGBColor(38, 135, 190),
                RGBColor(234, 173, 38),
                RGBColor(38, 173, 136),
                RGBColor(212, 141, 180),
                RGBColor(219, 118, 38),
                RGBColor(111, 191, 236),
                RGBColor(236, 236, 241),
                RGBColor(240, 228, 66),
            ],
        }
    }

    /// The colour of each approach, given their kinds in order: the first of
    /// a kind gets the kind's colour, the others the next one unused, so up
    /// to eight approaches never share one.
    pub fn approach_colors(self, kinds: impl Iterator<Item = ApproachKind>) -> Vec<RGBColor> {
        let palette = self.palette();
        let mut used = [false; 8];
        kinds
            .map(|kind| {
                let own = kind as usize;
                let index = if used[own] {
                    (4..8).chain(0..4).find(|&i| !used[i]).unwrap_or(own)
                } else {
                    own
                };
                used[index] = true;
                palette[index]
            })
            .collect()
    }
}

/// A family, not its name: plotters lowercases a name it is given, and
/// that alone put Unicode's case tables into the wasm.
pub const FONT: FontFamily<'static> = FontFamily::SansSerif;

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(c: f64) -> f64 {
        let c = c / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIELAB (D65) of linear RGB.
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Machado, Oliveira and Fernandes (2009), severity 1.0: protanopia,
    /// deuteranopia, tritanopia; and normal vision.
    const VISION: [[[f64; 3]; 3]; 4] = [
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ];

    fn seen(color: RGBColor, vision: &[[f64; 3]; 3]) -> [f64; 3] {
        let rgb = [color.0, color.1, color.2].map(|c| linear(f64::from(c)));
        lab(vision.map(|row| (0..3).map(|i| row[i] * rgb[i]).sum::<f64>().clamp(0.0, 1.0)))
    }

    fn distance(a: [f64; 3], b: [f64; 3]) -> f64 {
        (0..3).map(|i| (a[i] - b[i]).powi(2)).sum::<f64>().sqrt()
    }

    #[test]
    fn eight_colours_stay_apart_for_colour_blind_eyes_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let palette = theme.palette();
            for vision in &VISION {
                for (i, a) in palette.iter().enumerate() {
                    // lines stand out from the background
                    let from_background =
                        distance(seen(*a, vision), seen(theme.background(), vision));
                    assert!(
                        from_background > 30.0,
                        "{theme:?} colour {i}: {from_background:.1}"
                    );
                    for (j, b) in palette.iter().enumerate().skip(i + 1) {
                        // a difference of about 10 in CIELAB is plainly visible
                        let apart = distance(seen(*a, vision), seen(*b, vision));
                        assert!(apart > 12.0, "{theme:?} colours {i} and {j}: {apart:.1}");
                    }
                }
            }
        }
    }

    #[test]
    fn eight_approaches_never_share_a_colour() {
        let kinds = [ApproachKind::FineTuning; 8];
        let colors = Theme::Light.approach_colors(kinds.into_iter());
        for (i, a) in colors.iter().enumerate() {
            assert!(colors[i + 1..].iter().all(|b| b != a), "{colors:?}");
        }
        // the first of a kind keeps the kind's colour
        let mixed = [
            ApproachKind::Rag,
            ApproachKind::FineTuning,
            ApproachKind::FineTuning,
        ];
        let colors = Theme::Dark.approach_colors(mixed.into_iter());
        let palette = Theme::Dark.palette();
        assert_eq!(colors, [palette[2], palette[3], palette[4]]);
    }
}
