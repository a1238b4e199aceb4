//! Integration tests: every endpoint, filter and rule through the production `build()`.
//! One test binary (each extra one costs a link); a fresh database per test.

mod access;
mod agreements;
mod audit;
mod backup;
mod browser;
mod citations;
mod concurrency;
mod deleted;
mod demo;
mod directive_graph;
mod directives;
mod durability;
mod errors;
mod hardening;
mod kept;
mod limits;
mod localities;
mod openapi;
mod organizations;
mod plans;
mod postgres;
mod proxy;
mod registry;
mod scope;
mod search;
mod server;
mod signing_events;
mod sqlite_only;
mod support;
mod versions;
mod web;
mod web_edit;
mod web_register;
mod web_sign_in;
mod web_support;
