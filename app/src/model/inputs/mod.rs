//! The field registry: every input a team types is declared here once, with
//! its dotted path, label, unit, help (the product brief's typical values
//! where it has them), section, bounds, whether it takes a range, and its
//! default for each kind of approach. Validation, the editor's fields and
//! sections, the OpenAPI document's per-field rules, sensitivity labels,
//! templates and card defaults are all derived from it.
//!
//! Adding an input: one entry in `INPUTS` (plus, if the cost model reads it,
//! a `Field` and its formula). See docs/adding-an-input.md.

mod field;
mod rules;
mod section;
mod table;

pub use field::Field;
pub use rules::{Access, Bounds, Clear, Input, TextInput, Unit};
pub use section::{Section, CARD_SECTIONS};
pub use table::{INPUTS, TEXTS};

/// Upper bound on any money, token or volume figure: far beyond any real
/// budget, and low enough that no total can overflow to infinity.
pub const MAX_VALUE: f64 = 1e12;
pub const MAX_HORIZON_MONTHS: u32 = 120;
pub const MAX_NAME_CHARS: usize = 120;
pub const MAX_ID_CHARS: usize = 64;

/// The inputs of one section, in declaration order.
pub fn inputs_of(section: Section) -> impl Iterator<Item = &'static Input> {
    INPUTS.iter().filter(move |i| i.section == section)
}

/// The input at `path` within an approach (`approach = true`) or the scenario.
pub fn input(path: &str, approach: bool) -> Option<&'static Input> {
    INPUTS
        .iter()
        .find(|i| i.path == path && i.is_approach_input() == approach)
}

/// The text input at `path` (its label and rule).
pub fn text_input(path: &str) -> Option<&'static TextInput> {
    TEXTS.iter().find(|t| t.path == path)
}

/// The short label of an approach input named by its path (the path
/// itself when nothing is declared there).
pub fn short_label_of(path: &str) -> &str {
    input(path, true).map_or(path, |i| i.short_label())
}

/// The declaration of a cost-model field.
pub fn of_field(field: Field) -> &'static Input {
    INPUTS
        .iter()
        .find(|i| i.field == Some(field))
        .expect("every Field is declared in INPUTS (tested)")
}

#[cfg(test)]
mod tests {
    use super::rules::AMOUNT;
    use super::*;
    use crate::model::scenario::ApproachKind::{self, FineTuning, Prompting};

    #[test]
    fn every_field_is_declared_once_and_every_path_is_unique() {
        for field in Field::ALL {
            let count = INPUTS.iter().filter(|i| i.field == Some(field)).count();
            assert_eq!(count, 1, "{field:?}");
            assert_eq!(of_field(field).path, field.path());
        }
        let mut paths: Vec<(&str, bool)> = INPUTS
            .iter()
            .map(|i| (i.path, i.is_approach_input()))
            .collect();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), INPUTS.len());
    }

    #[test]
    fn every_entry_says_what_it_is() {
        let mut approach = super::super::templates::approach_template(FineTuning, &[]);
        for section in CARD_SECTIONS {
            section.switch(&mut approach, true);
        }
        for input in &INPUTS {
            assert!(
                !input.path.is_empty() && !input.label.is_empty(),
                "{}",
                input.path
            );
            assert!(!input.help.is_empty(), "{} has help", input.path);
            if input.is_approach_input() && !input.is_optional() {
                // its accessors are its own, not the placeholder's
                assert!(input.get(&approach).is_some(), "{} reads", input.path);
            }
        }
    }

    #[test]
    fn every_default_obeys_its_own_rule() {
        for input in &INPUTS {
            for kind in ApproachKind::ALL {
                let value = input.default_for(kind);
                if input.clear.is_some() && value == 0.0 && input.bounds.exclusive_min {
                    continue;
                }
                assert_eq!(input.check(value), None, "{} for {kind:?}", input.path);
            }
        }
    }

    #[test]
    fn a_switched_on_section_reads_back_its_defaults() {
        let mut approach = super::super::templates::approach_template(Prompting, &[]);
        for section in CARD_SECTIONS {
            section.switch(&mut approach, true);
            assert!(section.present(&approach), "{section:?}");
            for input in inputs_of(section) {
                assert_eq!(
                    input.get(&approach),
                    Some(input.default_for(Prompting)),
                    "{}",
                    input.path
                );
            }
        }
        for section in CARD_SECTIONS {
            section.switch(&mut approach, false);
            assert!(!section.present(&approach), "{section:?}");
        }
        // retraining brings the training it needs
        Section::Retraining.switch(&mut approach, true);
        assert!(Section::Training.present(&approach));
    }

    #[test]
    fn messages_read_as_rules() {
        assert_eq!(AMOUNT.check(-1.0).as_deref(), Some("must not be negative"));
        assert_eq!(
            AMOUNT.check(f64::NAN).as_deref(),
            Some("must be a finite number")
        );
        assert_eq!(AMOUNT.check(2e12).as_deref(), Some("must be at most 1e12"));
        let months = input("retraining.every_months", true).unwrap();
        assert_eq!(
            months.check(0.0).as_deref(),
            Some("must be between 1 and 120 months")
        );
        let target = input("latency_target_ms", false).unwrap();
        assert_eq!(target.check(0.0).as_deref(), Some("must be greater than 0"));
        assert_eq!(target.check(1.0), None);
    }
}
