//! Days and water years. A water year runs from 1 Mehr to the last day of Shahrivar; it is
//! named by its first Jalali year (water year 1403 = 1 Mehr 1403 – 31 Shahrivar 1404) and
//! has 366 days when the Esfand inside it has 30. "The same day last year" is the same
//! Jalali month and day a year earlier (30 Esfand of a leap year maps to 29 Esfand).

use crate::persian::jalali::{days_in_month, JalaliDate, JalaliDateTime};

/// `1403/07/01`, how days are stored.
pub fn key(d: JalaliDate) -> String {
    d.to_latin_string()
}

/// Today in Tehran.
pub fn today() -> JalaliDate {
    JalaliDateTime::from_unix(chrono::Utc::now().timestamp())
        .map(|t| t.date)
        .unwrap_or(JalaliDate {
            year: 1403,
            month: 7,
            day: 1,
        })
}

pub fn water_year_of(d: JalaliDate) -> i32 {
    d.water_year_start().year
}

pub fn water_year_start(water_year: i32) -> JalaliDate {
    JalaliDate {
        year: water_year,
        month: 7,
        day: 1,
    }
}

/// The last day of a water year (31 Shahrivar of the next Jalali year).
pub fn water_year_end(water_year: i32) -> JalaliDate {
    JalaliDate {
        year: water_year + 1,
        month: 6,
        day: 31,
    }
}

/// How many days the water year has.
pub fn water_year_length(water_year: i32) -> u16 {
    (water_year_end(water_year).to_jdn() - water_year_start(water_year).to_jdn() + 1) as u16
}

/// The day's place in its water year: 0 for 1 Mehr.
pub fn water_day(d: JalaliDate) -> u16 {
    (d.to_jdn() - d.water_year_start().to_jdn()) as u16
}

/// The day `n` days after (or before, when negative).
pub fn add_days(d: JalaliDate, n: i64) -> JalaliDate {
    JalaliDate::from_jdn(d.to_jdn() + n).unwrap_or(d)
}

/// The same month and day a year earlier; the last day of the month when it has fewer days.
pub fn last_year(d: JalaliDate) -> JalaliDate {
    let year = d.year - 1;
    JalaliDate {
        year,
        month: d.month,
        day: d.day.min(days_in_month(year, d.month)),
    }
}

/// The day of water year `water_year` that corresponds to `as_of` (the same month and day,
/// `last_year` applied once a year back).
pub fn same_day_in(as_of: JalaliDate, water_year: i32) -> JalaliDate {
    let mut d = as_of;
    for _ in water_year..water_year_of(as_of) {
        d = last_year(d);
    }
    d
}

/// Whether `d` falls within its water year's span from 1 Mehr to the day matching `as_of`
/// (calendar dates, so a 30-day Esfand shifts nothing after it).
pub fn in_span(d: JalaliDate, as_of: JalaliDate) -> bool {
    d <= same_day_in(as_of, water_year_of(d))
}

/// The Jalali week (Saturday to Friday) that holds the day: its first and last days.
pub fn week_of(d: JalaliDate) -> (JalaliDate, JalaliDate) {
    // JDN 0 was a Monday; Saturday is two days before: (jdn + 2) mod 7 == 0 on Saturdays.
    let back = (d.to_jdn() + 2).rem_euclid(7);
    let first = add_days(d, -back);
    (first, add_days(first, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(y: i32, m: u8, d: u8) -> JalaliDate {
        JalaliDate::new(y, m, d).unwrap()
    }

    #[test]
    fn water_years_start_on_mehr_first() {
        assert_eq!(water_year_of(j(1403, 7, 1)), 1403);
        assert_eq!(water_year_of(j(1403, 6, 31)), 1402);
        assert_eq!(water_year_of(j(1404, 1, 1)), 1403);
        assert_eq!(water_day(j(1403, 7, 1)), 0);
        assert_eq!(water_day(j(1403, 7, 30)), 29);
        // Mehr to Esfand: 6 months of 30 days, then Esfand 1 is day 150.
        assert_eq!(water_day(j(1403, 12, 1)), 150);
        assert_eq!(water_day(j(1404, 1, 1)), 180);
    }

    #[test]
    fn leap_years_have_366_days() {
        // 1403 is a leap year (30 Esfand 1403 exists); water year 1403 holds that Esfand.
        assert!(JalaliDate::new(1403, 12, 30).is_ok());
        assert_eq!(water_year_length(1403), 366);
        assert_eq!(water_year_length(1402), 365);
        assert_eq!(water_day(j(1404, 6, 31)), 365);
        assert_eq!(water_day(j(1403, 6, 31)), 364);
        assert_eq!(last_year(j(1404, 12, 29)), j(1403, 12, 29));
        // The 30th of Esfand of a leap year maps to the 29th a year earlier.
        assert_eq!(last_year(j(1403, 12, 30)), j(1402, 12, 29));
        assert_eq!(add_days(j(1403, 12, 29), 1), j(1403, 12, 30));
        assert_eq!(add_days(j(1403, 12, 30), 1), j(1404, 1, 1));
    }

    #[test]
    fn spans_compare_calendar_days_across_a_leap_esfand() {
        // On 1 Farvardin 1404, last year's span ends on 1 Farvardin 1403, not a day later.
        assert!(in_span(j(1403, 1, 1), j(1404, 1, 1)));
        assert!(!in_span(j(1403, 1, 2), j(1404, 1, 1)));
        // On 1 Farvardin 1405, water year 1403's span still takes 30 Esfand 1403.
        assert!(in_span(j(1403, 12, 30), j(1405, 1, 1)));
        assert!(in_span(j(1404, 1, 1), j(1405, 1, 1)));
        assert_eq!(same_day_in(j(1404, 8, 10), 1402), j(1402, 8, 10));
    }

    #[test]
    fn weeks_run_saturday_to_friday() {
        // 1 Farvardin 1404 was a Friday (21 March 2025).
        let (first, last) = week_of(j(1404, 1, 1));
        assert_eq!((first, last), (j(1403, 12, 25), j(1404, 1, 1)));
        assert_eq!(first.weekday_name(), "شنبه");
    }
}
