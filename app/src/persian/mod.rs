//! Everything Persian about text, numbers and dates, in one place, compiled identically for
//! the server and the browser so that hydration never changes what a person reads.
//!
//! - [`digits`]: Persian digits out, any digit script in.
//! - [`jalali`]: the Jalali (Solar Hijri) calendar and Asia/Tehran time.
//! - [`text`]: normalization for search and comparison.

pub mod digits;
pub mod identity;
pub mod jalali;
pub mod text;

pub use digits::{
    format_decimal, format_number, normalize_digits, parse_decimal, to_persian_digits,
};
pub use jalali::{JalaliDate, JalaliDateTime};
