use std::process::ExitCode;

use clap::Parser;
use gazette::cli::Cli;
use gazette::diagnostics::Diagnostics;

fn main() -> ExitCode {
    match Cli::parse().run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            match error.downcast_ref::<Diagnostics>() {
                Some(diagnostics) => eprintln!("{diagnostics}"),
                None => {
                    eprintln!("error: {error}");
                    for cause in error.chain().skip(1) {
                        eprintln!("  caused by: {cause}");
                    }
                }
            }
            ExitCode::FAILURE
        }
    }
}
