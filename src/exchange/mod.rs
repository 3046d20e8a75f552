//! Documents in and out of the store.

pub mod json;
