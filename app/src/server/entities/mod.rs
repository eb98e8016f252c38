//! SeaORM entities: one table a file. Never sent to the browser; services map them to DTOs.

pub mod appointment_check;
pub mod appointment_step;
pub mod attachment;
pub mod audit_entry;
pub mod category;
pub mod content_item;
pub mod content_revision;
pub mod content_topic;
pub mod counter_office;
pub mod custodian_appointment;
pub mod expert_assignment;
pub mod holiday;
pub mod message;
pub mod office_contact;
pub mod outbox_mail;
pub mod qualification_item;
pub mod rate_limit;
pub mod saved_reply;
pub mod section;
pub mod session;
pub mod ticket;
pub mod ticket_post;
pub mod user;
