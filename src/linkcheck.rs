//! Checking links to other sites for `gazette check --external`: each distinct URL once, a few
//! at a time, each with a timeout, so a slow or dead host costs seconds, not minutes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What one URL answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkStatus {
    pub url: String,
    /// The HTTP status, or why there was none (timeout, DNS, refused).
    pub outcome: Result<u16, String>,
}

impl LinkStatus {
    pub fn is_broken(&self) -> bool {
        !matches!(self.outcome, Ok(status) if status < 400)
    }
}

/// Checks `urls` (deduplicated by the caller) with at most `concurrency` requests in flight.
pub fn check(urls: &[String], concurrency: usize, timeout: Duration) -> Vec<LinkStatus> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent("gazette link checker")
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(urls.len()));
    std::thread::scope(|scope| {
        for _ in 0..concurrency.clamp(1, urls.len().max(1)) {
            scope.spawn(|| {
                while let Some(url) = urls.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let status = LinkStatus {
                        url: url.clone(),
                        outcome: probe(&agent, url),
                    };
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(status);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by(|a, b| a.url.cmp(&b.url));
    results
}

/// HEAD first (cheap); servers that refuse HEAD get a GET.
fn probe(agent: &ureq::Agent, url: &str) -> Result<u16, String> {
    let status = agent
        .head(url)
        .call()
        .map_err(|e| e.to_string())?
        .status()
        .as_u16();
    if status == 405 || status == 501 {
        return agent
            .get(url)
            .call()
            .map(|r| r.status().as_u16())
            .map_err(|e| e.to_string());
    }
    Ok(status)
}
