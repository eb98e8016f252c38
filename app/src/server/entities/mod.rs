//! SeaORM entities: one table a file. Never sent to the browser; services map them to DTOs.

pub mod counter_office;
pub mod office_contact;
pub mod related_site;
pub mod user;
