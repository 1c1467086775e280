//! Text typed into a number box: a number, or a number with an uncertainty
//! range ("8 (5 to 15)", or "5 to 15" whose middle becomes the value).

/// What a number box holds after parsing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Typed {
    pub value: f64,
    pub range: Option<[f64; 2]>,
}

fn number(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | ' '))
        .collect();
    if cleaned.is_empty() {
        return None;
    }
    let (digits, scale) = match cleaned.chars().last()? {
        'k' | 'K' => (&cleaned[..cleaned.len() - 1], 1e3),
        'm' | 'M' => (&cleaned[..cleaned.len() - 1], 1e6),
        'b' | 'B' => (&cleaned[..cleaned.len() - 1], 1e9),
        _ => (cleaned.as_str(), 1.0),
    };
    digits.parse::<f64>().ok().map(|v| v * scale)
}

/// Parses "8", "1.2M", "8 (5 to 15)" or "5 to 15"; `None` when it is not a
/// number. Unparsable text becomes NaN in the scenario so that the cost
/// model's own message ("must be a finite number") appears by the field.
pub fn parse_typed(text: &str) -> Option<Typed> {
    let text = text.trim();
    if let Some(open) = text.find('(') {
        let value = number(&text[..open])?;
        let inner = text[open + 1..].trim_end().strip_suffix(')')?;
        let (low, high) = split_range(inner)?;
        return Some(Typed {
            value,
            range: Some([low, high]),
        });
    }
    if let Some((low, high)) = split_range(text) {
        return Some(Typed {
            value: (low + high) / 2.0,
            range: Some([low, high]),
        });
    }
    number(text).map(|value| Typed { value, range: None })
}

fn split_range(text: &str) -> Option<(f64, f64)> {
    let (low, high) = text.split_once(" to ").or_else(|| text.split_once('…'))?;
    Some((number(low)?, number(high)?))
}

/// How a value (and its range) is shown in a box.
pub fn show_typed(value: f64, range: Option<[f64; 2]>) -> String {
    let plain = |v: f64| {
        if v.is_nan() {
            String::new()
        } else {
            format!("{v}")
        }
    };
    match range {
        Some([low, high]) => format!("{} ({} to {})", plain(value), plain(low), plain(high)),
        None => plain(value),
    }
}

/// An optional figure: empty text is "not given" (None); anything else is
/// parsed, and unreadable text becomes NaN so that the model names the field.
pub fn parse_optional(text: &str) -> Option<f64> {
    if text.trim().is_empty() {
        None
    } else {
        Some(parse_typed(text).map_or(f64::NAN, |t| t.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_figures_are_none_when_empty_and_nan_when_unreadable() {
        assert_eq!(parse_optional("  "), None);
        assert_eq!(parse_optional("0.85"), Some(0.85));
        assert!(parse_optional("lots").unwrap().is_nan());
    }

    #[test]
    fn numbers_ranges_and_suffixes() {
        assert_eq!(
            parse_typed("8"),
            Some(Typed {
                value: 8.0,
                range: None
            })
        );
        assert_eq!(parse_typed(" 1,000,000 ").unwrap().value, 1e6);
        assert_eq!(parse_typed("1.2M").unwrap().value, 1.2e6);
        assert_eq!(parse_typed("$300").unwrap().value, 300.0);
        assert_eq!(parse_typed("-5").unwrap().value, -5.0);
        assert_eq!(
            parse_typed("8 (5 to 15)"),
            Some(Typed {
                value: 8.0,
                range: Some([5.0, 15.0])
            })
        );
        assert_eq!(
            parse_typed("5 to 15"),
            Some(Typed {
                value: 10.0,
                range: Some([5.0, 15.0])
            })
        );
        assert_eq!(parse_typed(""), None);
        assert_eq!(parse_typed("abc"), None);
        assert_eq!(parse_typed("8 (5 to"), None);
        assert_eq!(show_typed(8.0, Some([5.0, 15.0])), "8 (5 to 15)");
        assert_eq!(show_typed(0.0004, None), "0.0004");
        assert_eq!(
            parse_typed(&show_typed(0.1 + 0.2, None)).unwrap().value,
            0.1 + 0.2
        );
    }
}
