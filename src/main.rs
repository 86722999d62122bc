use std::process::ExitCode;

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
