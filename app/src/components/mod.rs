//! Pieces shared by many pages.

pub mod attachments;
pub mod chart;
pub mod common;
pub mod datepicker;
pub mod editor;
pub mod forms;
pub mod layout;
pub mod live;
