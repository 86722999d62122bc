//! Running the outside programs some formats need (poppler's pdftotext, LibreOffice), with a
//! time limit, and an error that says what to install when one is missing.

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use super::input::one_line;

/// How long a program may take on one document before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(180);

/// Runs `program` with `args` and returns what it printed; `install` says how to get it,
/// `failed` what it means when the program fails.
pub(super) fn run<S: AsRef<OsStr>>(
    program: &str,
    args: &[S],
    install: &str,
    failed: &str,
) -> Result<Vec<u8>> {
    let mut child = match Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("{program} is not installed: {install}")
        }
        Err(e) => return Err(e).with_context(|| format!("cannot run {program}")),
    };
    // Read both pipes while the program runs, or a full pipe would stop it.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{program} did not finish within {} s; the document may be damaged",
                TIMEOUT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = stdout.join().unwrap_or_default();
    if !status.success() {
        let err = stderr.join().unwrap_or_default();
        let err: String = one_line(&String::from_utf8_lossy(&err))
            .chars()
            .take(300)
            .collect();
        bail!("{failed} ({program}: {err})");
    }
    Ok(out)
}
