use std::process::ExitCode;

/// Builds allocate many small strings on every core; mimalloc keeps that cheap and uncontended.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use gazette::cli::Cli;
use gazette::diagnostics::describe;

fn main() -> ExitCode {
    match Cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("{}", describe(&error));
            ExitCode::FAILURE
        }
    }
}
