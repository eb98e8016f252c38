//! Everything that runs only on the server: the database, its migrations and entities, and
//! the services that hold the portal's rules. Compiled only with the `ssr` feature.

pub mod auth;
pub mod db;
pub mod entities;
pub mod events;
pub mod migration;
pub mod request;
pub mod services;
pub mod sql;
