//! The Jalali (Solar Hijri) calendar and Asia/Tehran local time.
//!
//! Pure integer arithmetic, no time-zone database and no platform clock, so the server and
//! the WASM produce the same text for the same instant. Leap years follow the 33-year
//! cycles with the historical break points used by the common implementations (jalaali-js,
//! jdatetime); `tests/suite/jalali_reference.rs` holds every month of 1300–1499 against them.

use super::digits::{digits_only, to_persian_digits};

/// Persian month names, Farvardin first.
pub const MONTH_NAMES: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// Persian weekday names, Saturday (the first day of the Iranian week) first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
];

/// Years with a known leap pattern; outside them conversion is refused.
pub const MIN_YEAR: i32 = -61;
pub const MAX_YEAR: i32 = 3177;

const BREAKS: [i64; 20] = [
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324,
    2394, 2456, 3178,
];

/// Julian day number of 1970-01-01.
const UNIX_EPOCH_JDN: i64 = 2_440_588;

struct YearInfo {
    /// 0 for a leap year, 1–4 otherwise (position in the four-year sub-cycle).
    leap: i64,
    /// The Gregorian year in which this Jalali year begins.
    gregorian_year: i64,
    /// The day of March on which 1 Farvardin falls.
    march: i64,
}

fn year_info(jy: i64) -> Option<YearInfo> {
    if jy < BREAKS[0] || jy >= BREAKS[BREAKS.len() - 1] {
        return None;
    }
    let gy = jy + 621;
    let mut leap_j = -14;
    let mut jp = BREAKS[0];
    let mut jump = 0;
    for &jm in &BREAKS[1..] {
        jump = jm - jp;
        if jy < jm {
            break;
        }
        leap_j += jump / 33 * 8 + (jump % 33) / 4;
        jp = jm;
    }
    let mut n = jy - jp;
    leap_j += n / 33 * 8 + ((n % 33) + 3) / 4;
    if jump % 33 == 4 && jump - n == 4 {
        leap_j += 1;
    }
    let leap_g = gy / 4 - ((gy / 100 + 1) * 3) / 4 - 150;
    let march = 20 + leap_j - leap_g;
    if jump - n < 6 {
        n = n - jump + (jump + 4) / 33 * 33;
    }
    let mut leap = (((n + 1) % 33) - 1) % 4;
    if leap == -1 {
        leap = 4;
    }
    Some(YearInfo {
        leap,
        gregorian_year: gy,
        march,
    })
}

/// Julian day number of a proleptic Gregorian date.
fn gregorian_to_jdn(gy: i64, gm: i64, gd: i64) -> i64 {
    let d = ((gy + (gm - 8) / 6 + 100_100) * 1461) / 4 + (153 * ((gm + 9) % 12) + 2) / 5 + gd
        - 34_840_408;
    d - ((gy + 100_100 + (gm - 8) / 6) / 100 * 3) / 4 + 752
}

/// Proleptic Gregorian date of a Julian day number.
fn jdn_to_gregorian(jdn: i64) -> (i64, i64, i64) {
    let mut j = 4 * jdn + 139_361_631;
    j += (4 * jdn + 183_187_720) / 146_097 * 3 / 4 * 4 - 3908;
    let i = (j % 1461) / 4 * 5 + 308;
    let gd = (i % 153) / 5 + 1;
    let gm = (i / 153) % 12 + 1;
    let gy = j / 1461 - 100_100 + (8 - gm) / 6;
    (gy, gm, gd)
}

/// A day of the Jalali calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JalaliDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Why a Jalali date was not accepted; each has a Persian message for the person typing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    Format,
    OutOfRange,
    NoSuchDay,
}

impl DateError {
    pub fn message(self) -> &'static str {
        match self {
            DateError::Format => "تاریخ را به شکل سال/ماه/روز بنویسید، مانند ۱۴۰۳/۱۱/۰۲.",
            DateError::OutOfRange => "سال واردشده در بازه‌ی پذیرفتنی نیست.",
            DateError::NoSuchDay => "چنین روزی در تقویم وجود ندارد؛ ماه و روز را بررسی کنید.",
        }
    }
}

pub fn is_leap_year(year: i32) -> bool {
    year_info(year as i64).is_some_and(|i| i.leap == 0)
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1..=6 => 31,
        7..=11 => 30,
        12 if is_leap_year(year) => 30,
        12 => 29,
        _ => 0,
    }
}

impl JalaliDate {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        if !(MIN_YEAR..MAX_YEAR).contains(&year) {
            return Err(DateError::OutOfRange);
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(JalaliDate { year, month, day })
    }

    /// Parses `1403/11/02`, `۱۴۰۳-۱۱-۲` and the like: digits in any script, `/`, `-` or `.`
    /// between the parts.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let parts: Vec<String> = s
            .trim()
            .split(['/', '-', '.', '／'])
            .map(|p| p.trim().to_string())
            .collect();
        if parts.len() != 3 {
            return Err(DateError::Format);
        }
        let mut nums = [0i64; 3];
        for (slot, part) in nums.iter_mut().zip(&parts) {
            let d = digits_only(part);
            if d.is_empty() || d.chars().count() != part.chars().count() || d.len() > 4 {
                return Err(DateError::Format);
            }
            *slot = d.parse().map_err(|_| DateError::Format)?;
        }
        if nums[1] > 12 || nums[2] > 31 {
            return Err(DateError::NoSuchDay);
        }
        JalaliDate::new(nums[0] as i32, nums[1] as u8, nums[2] as u8)
    }

    /// The Julian day number of this day.
    pub fn to_jdn(self) -> i64 {
        let info = year_info(self.year as i64).expect("JalaliDate is always in range");
        let m = self.month as i64;
        gregorian_to_jdn(info.gregorian_year, 3, info.march) + (m - 1) * 31 - m / 7 * (m - 7)
            + self.day as i64
            - 1
    }

    pub fn from_jdn(jdn: i64) -> Option<Self> {
        let (gy, _, _) = jdn_to_gregorian(jdn);
        let mut jy = gy - 621;
        let info = year_info(jy)?;
        let first = gregorian_to_jdn(gy, 3, info.march);
        let mut k = jdn - first;
        if k >= 0 {
            if k <= 185 {
                return Some(JalaliDate {
                    year: jy as i32,
                    month: (1 + k / 31) as u8,
                    day: (k % 31 + 1) as u8,
                });
            }
            k -= 186;
        } else {
            jy -= 1;
            k += 179;
            if info.leap == 1 {
                k += 1;
            }
            year_info(jy)?;
        }
        Some(JalaliDate {
            year: jy as i32,
            month: (7 + k / 30) as u8,
            day: (k % 30 + 1) as u8,
        })
    }

    pub fn from_gregorian(year: i32, month: u32, day: u32) -> Option<Self> {
        Self::from_jdn(gregorian_to_jdn(year as i64, month as i64, day as i64))
    }

    /// (year, month, day) of the same day in the Gregorian calendar.
    pub fn to_gregorian(self) -> (i32, u32, u32) {
        let (y, m, d) = jdn_to_gregorian(self.to_jdn());
        (y as i32, m as u32, d as u32)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_unix_days(self) -> i64 {
        self.to_jdn() - UNIX_EPOCH_JDN
    }

    pub fn from_unix_days(days: i64) -> Option<Self> {
        Self::from_jdn(days + UNIX_EPOCH_JDN)
    }

    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[(self.month - 1) as usize]
    }

    pub fn weekday_name(self) -> &'static str {
        // JDN 0 was a Monday; Saturday is index 0 of WEEKDAY_NAMES.
        WEEKDAY_NAMES[((self.to_jdn() + 2).rem_euclid(7)) as usize]
    }

    /// The first day (1 Mehr) of the water year this day belongs to.
    pub fn water_year_start(self) -> JalaliDate {
        let year = if self.month >= 7 {
            self.year
        } else {
            self.year - 1
        };
        JalaliDate {
            year,
            month: 7,
            day: 1,
        }
    }

    /// `۱۴۰۳/۱۱/۰۲`
    pub fn format(self) -> String {
        to_persian_digits(&self.to_latin_string())
    }

    /// `1403/11/02`, for storage and URLs.
    pub fn to_latin_string(self) -> String {
        format!("{:04}/{:02}/{:02}", self.year, self.month, self.day)
    }

    /// `۲ بهمن ۱۴۰۳`
    pub fn format_long(self) -> String {
        to_persian_digits(&format!("{} {} {}", self.day, self.month_name(), self.year))
    }
}

/// Offset of Asia/Tehran from UTC, in seconds, for an instant given in seconds since the
/// Unix epoch. Iran Standard Time is UTC+03:30; daylight time (UTC+04:30) ran from 00:00 of
/// 2 Farvardin to 00:00 of 31 Shahrivar (daylight) in 1370–1384 and 1387–1401, and was
/// abolished from 1402 on.
pub fn tehran_offset_seconds(unix_seconds: i64) -> i64 {
    const STANDARD: i64 = 3 * 3600 + 1800;
    let local = unix_seconds + STANDARD;
    let Some(date) = JalaliDate::from_unix_days(local.div_euclid(86_400)) else {
        return STANDARD;
    };
    let observed = (1370..=1384).contains(&date.year) || (1387..=1401).contains(&date.year);
    if !observed {
        return STANDARD;
    }
    let hour = local.rem_euclid(86_400) / 3600;
    let after_start = (date.month, date.day) >= (1, 2);
    // The end is 00:00 daylight time on 31 Shahrivar, i.e. 23:00 standard on 30 Shahrivar.
    let before_end = date.month < 6 || (date.month == 6 && (date.day < 30 || hour < 23));
    if after_start && before_end {
        STANDARD + 3600
    } else {
        STANDARD
    }
}

/// A moment as read on a clock in Tehran.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct JalaliDateTime {
    pub date: JalaliDate,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl JalaliDateTime {
    /// The Tehran wall-clock reading of an instant (seconds since the Unix epoch, UTC).
    pub fn from_unix(unix_seconds: i64) -> Option<Self> {
        let local = unix_seconds + tehran_offset_seconds(unix_seconds);
        let date = JalaliDate::from_unix_days(local.div_euclid(86_400))?;
        let secs = local.rem_euclid(86_400);
        Some(JalaliDateTime {
            date,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
        })
    }

    /// The instant (seconds since the Unix epoch) at which Tehran's clock reads this.
    pub fn to_unix(self) -> i64 {
        let local = self.date.to_unix_days() * 86_400
            + self.hour as i64 * 3600
            + self.minute as i64 * 60
            + self.second as i64;
        let guess = local - tehran_offset_seconds(local - 3 * 3600 - 1800);
        local - tehran_offset_seconds(guess)
    }

    /// `۱۴۰۳/۱۱/۰۲ ۱۴:۰۶`
    pub fn format(self) -> String {
        to_persian_digits(&format!(
            "{} {:02}:{:02}",
            self.date.to_latin_string(),
            self.hour,
            self.minute
        ))
    }

    /// `۱۴۰۳/۱۱/۰۲ ۱۴:۰۶:۵۱`
    pub fn format_with_seconds(self) -> String {
        to_persian_digits(&format!(
            "{} {:02}:{:02}:{:02}",
            self.date.to_latin_string(),
            self.hour,
            self.minute,
            self.second
        ))
    }
}

/// Formats an instant (seconds since the Unix epoch) as a Tehran date, `۱۴۰۳/۱۱/۰۲`.
pub fn format_date(unix_seconds: i64) -> String {
    JalaliDateTime::from_unix(unix_seconds)
        .map(|t| t.date.format())
        .unwrap_or_default()
}

/// Formats an instant as a Tehran date and time, `۱۴۰۳/۱۱/۰۲ ۱۴:۰۶`.
pub fn format_date_time(unix_seconds: i64) -> String {
    JalaliDateTime::from_unix(unix_seconds)
        .map(JalaliDateTime::format)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn j(y: i32, m: u8, d: u8) -> JalaliDate {
        JalaliDate::new(y, m, d).unwrap()
    }

    #[test]
    fn known_pairs_from_the_persian_guide() {
        let pairs = [
            ((1398, 2, 25), (2019, 5, 15)),
            ((1400, 2, 26), (2021, 5, 16)),
            ((1403, 11, 2), (2025, 1, 21)),
            ((1399, 12, 30), (2021, 3, 20)),
            ((1403, 12, 30), (2025, 3, 20)),
            ((1404, 1, 1), (2025, 3, 21)),
        ];
        for ((jy, jm, jd), (gy, gm, gd)) in pairs {
            assert_eq!(j(jy, jm, jd).to_gregorian(), (gy, gm, gd));
            assert_eq!(JalaliDate::from_gregorian(gy, gm, gd), Some(j(jy, jm, jd)));
        }
    }

    #[test]
    fn leap_years() {
        assert!(is_leap_year(1399));
        assert!(is_leap_year(1403));
        assert!(!is_leap_year(1400));
        assert!(!is_leap_year(1404));
        assert_eq!(days_in_month(1403, 12), 30);
        assert_eq!(days_in_month(1402, 12), 29);
        assert_eq!(JalaliDate::new(1402, 12, 30), Err(DateError::NoSuchDay));
    }

    #[test]
    fn parse_accepts_any_digits_and_separators() {
        assert_eq!(JalaliDate::parse("۱۴۰۳/۱۱/۰۲"), Ok(j(1403, 11, 2)));
        assert_eq!(JalaliDate::parse("١٤٠٣-١١-٢"), Ok(j(1403, 11, 2)));
        assert_eq!(JalaliDate::parse(" 1403.11.02 "), Ok(j(1403, 11, 2)));
        assert_eq!(JalaliDate::parse("1403/13/01"), Err(DateError::NoSuchDay));
        assert_eq!(JalaliDate::parse("1403/11"), Err(DateError::Format));
        assert_eq!(JalaliDate::parse("14o3/11/02"), Err(DateError::Format));
    }

    #[test]
    fn formatting() {
        assert_eq!(j(1403, 11, 2).format(), "۱۴۰۳/۱۱/۰۲");
        assert_eq!(j(1403, 11, 2).format_long(), "۲ بهمن ۱۴۰۳");
        // 2025-01-21 was a Tuesday.
        assert_eq!(j(1403, 11, 2).weekday_name(), "سه‌شنبه");
        assert_eq!(j(1403, 11, 2).water_year_start(), j(1403, 7, 1));
        assert_eq!(j(1404, 1, 1).water_year_start(), j(1403, 7, 1));
    }

    #[test]
    fn tehran_time() {
        // 1403/11/02 14:06:51 in Tehran (standard time) is 10:36:51 UTC.
        let t = j(1403, 11, 2).to_unix_days() * 86_400 + 10 * 3600 + 36 * 60 + 51;
        let local = JalaliDateTime::from_unix(t).unwrap();
        assert_eq!(local.format_with_seconds(), "۱۴۰۳/۱۱/۰۲ ۱۴:۰۶:۵۱");
        assert_eq!(local.to_unix(), t);
        // 2019-05-15 12:00 UTC is 16:30 in Tehran (daylight time then).
        let dst = j(1398, 2, 25).to_unix_days() * 86_400 + 12 * 3600;
        assert_eq!(format_date_time(dst), "۱۳۹۸/۰۲/۲۵ ۱۶:۳۰");
        assert_eq!(JalaliDateTime::from_unix(dst).unwrap().to_unix(), dst);
        // Just before midnight UTC the Tehran date is already the next day.
        let late = j(1404, 1, 1).to_unix_days() * 86_400 - 60;
        assert_eq!(format_date(late), "۱۴۰۴/۰۱/۰۱");
    }

    #[test]
    fn round_trip_every_day_for_ten_thousand_days() {
        let start = j(1395, 1, 1).to_jdn();
        let mut prev: Option<JalaliDate> = None;
        for jdn in start..start + 10_000 {
            let d = JalaliDate::from_jdn(jdn).unwrap();
            assert_eq!(d.to_jdn(), jdn);
            assert_eq!(JalaliDate::parse(&d.format()), Ok(d));
            if let Some(p) = prev {
                assert!(p < d);
            }
            prev = Some(d);
        }
    }
}
