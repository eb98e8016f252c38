//! One module a page.

pub mod contact;
pub mod counter_offices;
pub mod home;
pub mod not_found;
pub mod section;
