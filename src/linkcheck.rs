//! Checking links to other sites for `gazette check --external`: each distinct URL once, a few
//! at a time, each with a timeout, so a slow or dead host costs seconds, not minutes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The longest wait for one link (`check --timeout`): beyond it a host is as good as dead,
/// and an unbounded one overflows the clock.
pub(crate) const MAX_TIMEOUT_SECONDS: u64 = 300;

/// The most requests in flight (`check --concurrency`): one thread each.
pub(crate) const MAX_CONCURRENCY: usize = 64;

/// What one URL answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkStatus {
    pub url: String,
    /// The HTTP status, or why there was none (timeout, DNS, refused).
    pub outcome: Result<u16, String>,
}

impl LinkStatus {
    pub(crate) fn is_broken(&self) -> bool {
        !matches!(self.outcome, Ok(status) if status < 400)
    }
}

/// Checks `urls` (deduplicated by the caller) with at most `concurrency` requests in flight.
/// Both figures are held to their ceilings here too, whatever the caller passes.
pub(crate) fn check(urls: &[String], concurrency: usize, timeout: Duration) -> Vec<LinkStatus> {
    let timeout = timeout.min(Duration::from_secs(MAX_TIMEOUT_SECONDS));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent("gazette link checker")
        .build()
        .into();
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::with_capacity(urls.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers(concurrency, urls.len()) {
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

/// Threads to start: as asked, but at least one, no more than there are URLs and never more
/// than [`MAX_CONCURRENCY`].
fn workers(concurrency: usize, urls: usize) -> usize {
    concurrency.clamp(1, urls.clamp(1, MAX_CONCURRENCY))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_a_bounded_number_of_threads() {
        assert_eq!(workers(8, 3), 3);
        assert_eq!(workers(0, 100), 1);
        assert_eq!(workers(40_000, 40_000), MAX_CONCURRENCY);
        assert_eq!(workers(usize::MAX, 0), 1);
    }
}
