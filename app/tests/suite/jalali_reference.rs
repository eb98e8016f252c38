//! Every month of 1300–1499 against the reference table (generated from jdatetime and
//! jalaali-js, which agree on every day): first day, last day, length and leap years.

use app::persian::jalali::{days_in_month, is_leap_year, JalaliDate};

#[test]
fn every_month_of_1300_to_1499_matches_the_reference() {
    let csv = include_str!("../data/jalali-month-starts.csv");
    let mut rows = 0;
    let mut previous_last_jdn: Option<i64> = None;
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (jy, jm): (i32, u8) = (f[0].parse().unwrap(), f[1].parse().unwrap());
        let g: Vec<u32> = f[2].split('-').map(|x| x.parse().unwrap()).collect();
        let len: u8 = f[3].parse().unwrap();

        assert_eq!(days_in_month(jy, jm), len, "length of {jy}/{jm}");
        if jm == 12 {
            assert_eq!(is_leap_year(jy), len == 30, "leap year {jy}");
        }
        let first = JalaliDate::new(jy, jm, 1).unwrap();
        assert_eq!(
            first.to_gregorian(),
            (g[0] as i32, g[1], g[2]),
            "first of {jy}/{jm}"
        );
        assert_eq!(
            JalaliDate::from_gregorian(g[0] as i32, g[1], g[2]),
            Some(first)
        );

        let last = JalaliDate::new(jy, jm, len).unwrap();
        assert_eq!(last.to_jdn(), first.to_jdn() + len as i64 - 1);
        assert_eq!(JalaliDate::from_jdn(last.to_jdn()), Some(last));
        // The day after the last day is the first of the next month.
        let next = JalaliDate::from_jdn(last.to_jdn() + 1).unwrap();
        assert_eq!(next.day, 1, "day after {jy}/{jm}/{len}");
        if let Some(prev) = previous_last_jdn {
            assert_eq!(
                first.to_jdn(),
                prev + 1,
                "{jy}/{jm} follows the previous month"
            );
        }
        previous_last_jdn = Some(last.to_jdn());
        rows += 1;
    }
    assert_eq!(rows, 200 * 12);
}
