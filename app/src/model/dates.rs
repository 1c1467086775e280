//! Calendar dates as the catalog and scenarios write them, YYYY-MM-DD.

/// Days since 1970-01-01 of a YYYY-MM-DD date (the proleptic Gregorian
/// calendar; a day past its month's end runs into the next month), or
/// `None` when `date` is not written so.
pub fn day_number(date: &str) -> Option<i64> {
    let bytes = date.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |at: std::ops::Range<usize>| {
        bytes[at].iter().try_fold(0i64, |n, &b| {
            b.is_ascii_digit().then(|| n * 10 + i64::from(b - b'0'))
        })
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The YYYY-MM-DD date `days` days after 1970-01-01 (the inverse of
/// `day_number`).
pub fn date_of_day(days: i64) -> String {
    // Howard Hinnant's civil_from_days
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_day_numbers_agree() {
        for date in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2026-11-20",
            "2100-03-01",
        ] {
            assert_eq!(date_of_day(day_number(date).unwrap()), date);
        }
        for days in (-1_000..80_000).step_by(97) {
            assert_eq!(day_number(&date_of_day(days)), Some(days));
        }
        assert_eq!(
            day_number("2026-12-02").unwrap() - day_number("2026-11-20").unwrap(),
            12
        );
        for not_a_date in [
            "2026-11-2",
            "2026/11/20",
            "",
            "2026-1-010",
            "2026-00-10",
            "+026-01-10",
        ] {
            assert_eq!(day_number(not_a_date), None, "{not_a_date}");
        }
    }
}
