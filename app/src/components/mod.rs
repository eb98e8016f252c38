//! Pieces shared by many pages.

pub mod attachments;
pub mod common;
pub mod editor;
pub mod forms;
pub mod layout;
pub mod live;
