//! What one input is: its bounds and how a broken one reads, its unit, how
//! it is read and written in the scenario JSON, and the same for texts.

use super::{Field, Section, MAX_VALUE};
use crate::model::scenario::{Approach, ApproachKind, Scenario};

/// What a figure is measured in, as the API document states it (labels on
/// the page carry their own hint, e.g. "(ms)").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Usd,
    UsdPerQuery,
    UsdPer1mTokens,
    UsdPerHour,
    Tokens,
    TokensPerSecond,
    Queries,
    Count,
    Hours,
    Months,
    Weeks,
    Percent,
    Fraction,
    Milliseconds,
}

impl Unit {
    /// The unit in words, as the API document states it ("" for a plain
    /// count or fraction). Money is in the scenario's currency.
    pub fn words(self) -> &'static str {
        match self {
            Unit::Count | Unit::Fraction => "",
            Unit::Usd => "money",
            Unit::UsdPerQuery => "money per query",
            Unit::UsdPer1mTokens => "money per 1M tokens",
            Unit::UsdPerHour => "money per hour",
            Unit::Tokens => "tokens",
            Unit::TokensPerSecond => "tokens per second",
            Unit::Queries => "queries",
            Unit::Hours => "hours",
            Unit::Months => "months",
            Unit::Weeks => "weeks",
            Unit::Percent => "percent",
            Unit::Milliseconds => "milliseconds",
        }
    }
}

/// The range of values one field may take, and how its rule reads.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub min: f64,
    pub max: f64,
    /// `min` itself is refused (a latency target of 0 ms means nothing).
    pub exclusive_min: bool,
    /// Words after the bound in the message ("months", "(a fraction of GPU time)").
    pub words: &'static str,
}

/// Any non-negative figure up to `MAX_VALUE`.
pub(super) const AMOUNT: Bounds = Bounds {
    min: 0.0,
    max: MAX_VALUE,
    exclusive_min: false,
    words: "",
};

pub(super) const FRACTION: Bounds = Bounds {
    min: 0.0,
    max: 1.0,
    exclusive_min: false,
    words: "",
};

impl Bounds {
    /// Bounds from `min` to `max` whose message names both.
    pub(super) const fn between(min: f64, max: f64, words: &'static str) -> Bounds {
        Bounds {
            min,
            max,
            exclusive_min: false,
            words,
        }
    }

    /// Whether `value` keeps the rule: the test every valid input of every
    /// analysis passes through, kept apart from the messages so that it
    /// inlines into the validation loop.
    #[inline]
    pub fn holds(&self, value: f64) -> bool {
        value.is_finite()
            && value <= self.max
            && (value > self.min || (!self.exclusive_min && value == self.min))
    }

    /// The rule `value` breaks, as a message, or `None`.
    #[inline]
    pub fn check(&self, value: f64) -> Option<String> {
        if self.holds(value) {
            None
        } else {
            self.broken(value)
        }
    }

    /// The message of a broken rule (`None` if it holds after all).
    #[cold]
    fn broken(&self, value: f64) -> Option<String> {
        let words = || {
            if self.words.is_empty() {
                String::new()
            } else {
                format!(" {}", self.words)
            }
        };
        if self.max < MAX_VALUE {
            // A closed interval reads as one rule.
            return (!self.holds(value))
                .then(|| format!("must be between {} and {}{}", self.min, self.max, words()));
        }
        if !value.is_finite() {
            Some("must be a finite number".into())
        } else if value < 0.0 && self.min >= 0.0 {
            Some("must not be negative".into())
        } else if value == self.min && self.exclusive_min {
            Some(format!("must be greater than {}", self.min))
        } else if value < self.min {
            Some(format!("must be at least {}{}", self.min, words()))
        } else if value > self.max {
            Some("must be at most 1e12".into())
        } else {
            None
        }
    }
}

/// How an input is read from and written into the scenario JSON.
#[derive(Clone, Copy)]
pub enum Access {
    /// `None` when the optional field is absent.
    Scenario {
        get: fn(&Scenario) -> Option<f64>,
        set: fn(&mut Scenario, f64),
    },
    /// `None` when the approach lacks the input's section.
    Approach {
        get: fn(&Approach) -> Option<f64>,
        set: fn(&mut Approach, f64),
    },
}

/// Removes an optional input (an empty box: "not given").
#[derive(Clone, Copy)]
pub enum Clear {
    Scenario(fn(&mut Scenario)),
    Approach(fn(&mut Approach)),
}

/// One numeric input.
#[derive(Clone, Copy)]
pub struct Input {
    /// The dotted path within the scenario (scenario inputs) or within an
    /// approach (approach inputs), as validation errors and ranges name it.
    pub path: &'static str,
    pub section: Section,
    pub label: &'static str,
    /// Labels in the words of one kind of approach, where they differ.
    pub kind_labels: &'static [(ApproachKind, &'static str)],
    pub unit: Unit,
    pub help: &'static str,
    pub bounds: Bounds,
    /// The cost model's name for it when it may take an uncertainty range.
    pub field: Option<Field>,
    /// The value a new card or a newly switched-on section starts with.
    pub default: f64,
    /// Defaults that differ by kind of approach.
    pub kind_defaults: &'static [(ApproachKind, f64)],
    /// How an optional input is removed when its box is left empty; `None`
    /// for an input that must always have a value.
    pub clear: Option<Clear>,
    pub access: Access,
}

impl Input {
    pub fn label_for(&self, kind: ApproachKind) -> &'static str {
        self.kind_labels
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(self.label, |(_, label)| label)
    }

    /// The label without its parenthesis ("Training runs"), for charts and
    /// lists where space is short.
    pub fn short_label(&self) -> &'static str {
        self.label.split(" (").next().unwrap_or(self.label)
    }

    /// Whether a new card of `kind` starts with this input set: always for
    /// a required input; for an optional one, when its kind has a default.
    pub fn starts_set(&self, kind: ApproachKind) -> bool {
        !self.is_optional() || self.kind_defaults.iter().any(|(k, _)| *k == kind)
    }

    pub fn default_for(&self, kind: ApproachKind) -> f64 {
        self.kind_defaults
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(self.default, |(_, value)| *value)
    }

    /// The rule `value` breaks, as a message.
    #[inline]
    pub fn check(&self, value: f64) -> Option<String> {
        self.bounds.check(value)
    }

    pub fn is_optional(&self) -> bool {
        self.clear.is_some()
    }

    /// Removes an optional approach input (nothing for a required one).
    pub fn clear(&self, approach: &mut Approach) {
        if let Some(Clear::Approach(clear)) = self.clear {
            clear(approach)
        }
    }

    /// Removes an optional scenario input (nothing for a required one).
    pub fn clear_in(&self, scenario: &mut Scenario) {
        if let Some(Clear::Scenario(clear)) = self.clear {
            clear(scenario)
        }
    }

    pub fn is_approach_input(&self) -> bool {
        matches!(self.access, Access::Approach { .. })
    }

    /// The value in an approach (`None` for a scenario input, or when the
    /// approach lacks the input's section or the optional value).
    pub fn get(&self, approach: &Approach) -> Option<f64> {
        match self.access {
            Access::Approach { get, .. } => get(approach),
            Access::Scenario { .. } => None,
        }
    }

    /// Writes an approach input (a no-op for a scenario input, or when the
    /// approach lacks the section: switch it on first).
    pub fn set(&self, approach: &mut Approach, value: f64) {
        if let Access::Approach { set, .. } = self.access {
            set(approach, value)
        }
    }

    pub fn get_in(&self, scenario: &Scenario) -> Option<f64> {
        match self.access {
            Access::Scenario { get, .. } => get(scenario),
            Access::Approach { .. } => None,
        }
    }

    pub fn set_in(&self, scenario: &mut Scenario, value: f64) {
        if let Access::Scenario { set, .. } = self.access {
            set(scenario, value)
        }
    }
}

/// A whole number stored as `u32`: rounded, and out-of-range or unreadable
/// text kept out of range so that validation names it.
pub(super) fn whole(value: f64) -> u32 {
    if value.is_finite() {
        value.round().clamp(0.0, 1e6) as u32
    } else {
        0
    }
}

/// One text input (ids, names).
#[derive(Clone, Copy, Debug)]
pub struct TextInput {
    pub path: &'static str,
    pub scope_is_approach: bool,
    pub label: &'static str,
    /// Must hold a character other than whitespace.
    pub required: bool,
    pub max_chars: usize,
}

impl TextInput {
    pub fn check(&self, text: &str) -> Option<String> {
        // a text no longer in bytes than the limit is within it in characters
        let too_long = text.len() > self.max_chars && text.chars().count() > self.max_chars;
        // blank: only whitespace as the API document's pattern (`\S`, an
        // ECMAScript class) counts it; U+0085 is whitespace to Rust but not there
        let blank = text.trim().is_empty() && !text.contains('\u{85}');
        if self.required && blank {
            Some("must not be empty".into())
        } else if too_long {
            Some(format!("must be at most {} characters", self.max_chars))
        } else {
            None
        }
    }
}
