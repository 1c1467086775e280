//! How numbers read on the page and in charts: thousands separators and
//! k/M/B suffixes, in the scenario's currency.

/// 1234567 -> "1,234,567".
pub fn thousands(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A compact quantity: 950, 12.5k, 1.2M, 3.4B.
pub fn compact(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "B")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "k")
    } else {
        return thousands(value);
    };
    let text = if scaled.abs() >= 100.0 {
        format!("{scaled:.0}")
    } else if scaled.abs() >= 10.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.2}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    format!("{text}{suffix}")
}

fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    }
}

fn with_currency(number: String, currency: &str) -> String {
    let (sign, digits) = match number.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", number),
    };
    match symbol(currency) {
        Some(symbol) => format!("{sign}{symbol}{digits}"),
        None => format!("{sign}{digits} {currency}"),
    }
}

/// A whole amount with separators: "$12,345".
pub fn money(value: f64, currency: &str) -> String {
    with_currency(thousands(value), currency)
}

/// A compact amount: "$1.2M".
pub fn money_compact(value: f64, currency: &str) -> String {
    with_currency(compact(value), currency)
}

/// A per-query price, which is often a fraction of a cent: "$0.00042".
pub fn money_per_query(value: f64, currency: &str) -> String {
    let number = if value == 0.0 {
        "0".to_string()
    } else if value.abs() >= 1.0 {
        format!("{value:.2}")
    } else {
        // up to three significant digits, without trailing zeros ($0.001, not $0.00100)
        let digits = (-value.abs().log10().floor()) as usize + 2;
        let text = format!("{value:.digits$}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    with_currency(number, currency)
}

/// Queries a month, as people say them: "310k queries/month".
pub fn volume(value: f64) -> String {
    format!("{} queries/month", compact(value))
}

/// Text as HTML, for the blocks the page builds as text (the answer, the
/// data tables): they carry user text (approach names).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_people_say_them() {
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(-1234.0), "-1,234");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(compact(9_999.0), "9,999");
        assert_eq!(compact(12_500.0), "12.5k");
        assert_eq!(compact(310_000.0), "310k");
        assert_eq!(compact(1_200_000.0), "1.2M");
        assert_eq!(compact(2_000_000_000.0), "2B");
        assert_eq!(money(-1234.4, "USD"), "-$1,234");
        assert_eq!(money(5.0, "CHF"), "5 CHF");
        assert_eq!(money_compact(36_302.0, "EUR"), "€36.3k");
        assert_eq!(money_per_query(0.000304, "USD"), "$0.000304");
        assert_eq!(money_per_query(0.00376, "USD"), "$0.00376");
        assert_eq!(money_per_query(0.0, "USD"), "$0");
        // chart ticks: no trailing zeros
        assert_eq!(money_per_query(0.001, "USD"), "$0.001");
        assert_eq!(money_per_query(0.0025, "USD"), "$0.0025");
        assert_eq!(money_per_query(0.1, "EUR"), "€0.1");
        assert_eq!(money_compact(10_000.0, "USD"), "$10k");
        assert_eq!(volume(590_268.0), "590k queries/month");
    }
}
