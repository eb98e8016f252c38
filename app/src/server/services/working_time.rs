//! Response targets in Tehran working time: Saturday to Wednesday are working days, Thursday
//! and Friday are not, nor is any date on the holiday list (data: the `holidays` table,
//! kept by the administrator). A target of N working days runs to the same Tehran clock time
//! on the N-th working day after the day of filing.

use crate::persian::jalali::{JalaliDate, JalaliDateTime};
use std::collections::BTreeSet;

/// Saturday = 0 … Friday = 6.
pub fn weekday(d: JalaliDate) -> i64 {
    (d.to_jdn() + 2).rem_euclid(7)
}

pub fn is_working_day(d: JalaliDate, holidays: &BTreeSet<JalaliDate>) -> bool {
    weekday(d) <= 4 && !holidays.contains(&d)
}

/// The instant (Unix seconds) at which a target of `days` working days, started at `from`,
/// runs out.
pub fn deadline(from: i64, days: u32, holidays: &BTreeSet<JalaliDate>) -> i64 {
    let Some(start) = JalaliDateTime::from_unix(from) else {
        return from + days as i64 * 86_400;
    };
    let mut jdn = start.date.to_jdn();
    let mut left = days;
    // Guard against a holiday list that covers everything: at most ten years ahead.
    let mut steps = 0;
    while left > 0 && steps < 3650 {
        jdn += 1;
        steps += 1;
        if let Some(d) = JalaliDate::from_jdn(jdn) {
            if is_working_day(d, holidays) {
                left -= 1;
            }
        }
    }
    let date = JalaliDate::from_jdn(jdn).unwrap_or(start.date);
    JalaliDateTime {
        date,
        hour: start.hour,
        minute: start.minute,
        second: start.second,
    }
    .to_unix()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u8, d: u8, h: u8) -> i64 {
        JalaliDateTime {
            date: JalaliDate::new(y, m, d).unwrap(),
            hour: h,
            minute: 0,
            second: 0,
        }
        .to_unix()
    }

    #[test]
    fn weekdays() {
        // 1403/11/02 = 2025-01-21, a Tuesday.
        assert_eq!(weekday(JalaliDate::new(1403, 11, 2).unwrap()), 3);
        // 1404/01/01 = 2025-03-21, a Friday.
        assert_eq!(weekday(JalaliDate::new(1404, 1, 1).unwrap()), 6);
    }

    #[test]
    fn three_working_days_skip_the_weekend_and_holidays() {
        let none = BTreeSet::new();
        // Tuesday 1403/11/02 10:00 + 3 → Wed 03, (Thu, Fri skipped) Sat 06, Sun 07.
        assert_eq!(deadline(at(1403, 11, 2, 10), 3, &none), at(1403, 11, 7, 10));
        // With Saturday 1403/11/06 a holiday → Monday 08.
        let holidays: BTreeSet<_> = [JalaliDate::new(1403, 11, 6).unwrap()].into();
        assert_eq!(
            deadline(at(1403, 11, 2, 10), 3, &holidays),
            at(1403, 11, 8, 10)
        );
        // Filed on a Friday (1404/01/01): Sat 02? Nowruz holidays listed → counting resumes after.
        let nowruz: BTreeSet<_> = (1..=4)
            .map(|d| JalaliDate::new(1404, 1, d).unwrap())
            .collect();
        // Sat 02, Sun 03, Mon 04 are holidays; Tue 05, Wed 06, (Thu 07, Fri 08), Sat 09.
        assert_eq!(deadline(at(1404, 1, 1, 9), 3, &nowruz), at(1404, 1, 9, 9));
        assert_eq!(deadline(at(1404, 1, 1, 9), 0, &nowruz), at(1404, 1, 1, 9));
    }
}
