//! The HTTP tests against the real router, as one test binary: one link instead of one per
//! file keeps the debug target small. The tests take turns on the router (see `common`).
//! `cargo test -p server --test suite page_cache::` runs one module.

#![recursion_limit = "256"]

mod common;

mod accounts;
mod attachments;
mod brute_force;
mod content;
mod http;
mod page_cache;
mod permissions;
mod rest;
mod titles;
mod visits;
