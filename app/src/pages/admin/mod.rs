//! The administrator's screens (راهبر پرتال): users and roles, custodians and their
//! appointment process, and the audit log.

pub mod accountability;
pub mod analytics;
pub mod audit;
pub mod custodians;
pub mod outbox;
pub mod users;
