//! gazette: a static site generator for yearly reports written section by section in Markdown.
//!
//! The pipeline, one module per stage: [`config`] → [`content`] → [`site`] (the model and its
//! navigation) → [`markdown`] → [`theme`] and [`render`] → [`output`]; [`build`] runs it.

pub mod bodies;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod deploy;
pub mod diagnostics;
pub mod escape;
pub mod feeds;
pub mod figures;
pub mod gitdates;
pub mod import;
pub mod linkcheck;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod rebuild;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod slug;
pub mod statics;
pub mod theme;
pub mod yaml;

#[cfg(test)]
mod prop_tests;
