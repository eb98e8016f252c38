//! One module a page.

pub mod accessibility;
pub mod admin;
pub mod auth;
pub mod contact;
pub mod content;
pub mod counter_offices;
pub mod dashboard;
pub mod forms;
pub mod home;
pub mod messages;
pub mod newsletter;
pub mod not_found;
pub mod profile;
pub mod research;
pub mod search;
pub mod staff_content;
pub mod staff_forms;
pub mod staff_offices;
pub mod staff_tickets;
pub mod staff_topics;
pub mod staff_water;
pub mod ticket_settings;
pub mod tickets;
pub mod water;
