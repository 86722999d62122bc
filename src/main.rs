//! The `gazette` command: parses the command line, runs it, prints any error and sets the
//! exit code.

use std::process::ExitCode;

use clap::Parser;
use gazette::cli::Cli;
use gazette::diagnostics::{describe, report};

/// Builds allocate many small strings on every core; mimalloc keeps that cheap and uncontended.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match Cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&describe(&error));
            ExitCode::FAILURE
        }
    }
}
