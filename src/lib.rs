//! gazette: a static site generator for yearly reports written section by section in Markdown.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] → [`site`] (the model and its
//! navigation) → [`markdown`] → [`theme`] and [`render`] → [`output`]; [`build`] runs it.

pub(crate) mod bodies;
pub mod build;
pub(crate) mod check;
pub mod cli;
pub(crate) mod config;
pub mod content;
pub(crate) mod date;
pub(crate) mod deploy;
pub mod diagnostics;
pub mod escape;
pub(crate) mod feeds;
pub(crate) mod figures;
pub(crate) mod front_matter;
pub(crate) mod gitdates;
pub(crate) mod import;
pub(crate) mod linkcheck;
pub(crate) mod markdown;
pub(crate) mod output;
pub(crate) mod pdf;
pub mod rebuild;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod search;
pub(crate) mod serve;
pub mod site;
pub(crate) mod slug;
pub(crate) mod statics;
pub(crate) mod theme;
pub(crate) mod yaml;

#[cfg(test)]
mod prop_tests;
