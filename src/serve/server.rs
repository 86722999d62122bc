//! The preview's HTTP side: the site from memory, a Server-Sent Events stream that tells open
//! pages to reload, and the live-reload script and error overlay added to HTML responses here,
//! at serve time, so they can never end up in a `gazette build` output.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};

use anyhow::{Context as _, Result};
use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bytes::Bytes;
use futures_util::{Stream, StreamExt as _};
use tokio::sync::broadcast;

use crate::escape::{escape_html, percent_decode};
use crate::rebuild::Files;
use crate::site::routes;

/// Where open pages listen for reloads; outside any base path, so it never shadows a page.
pub(super) const EVENTS_PATH: &str = "/__gazette/events";

/// Opens the event stream and reloads on `reload`. EventSource reconnects by itself when the
/// server restarts.
const RELOAD_SCRIPT: &str = r#"<script>(function(){var s=new EventSource("/__gazette/events");s.addEventListener("reload",function(){location.reload();});})();</script>"#;

/// Shown when no build has succeeded yet, so the overlay has a page to sit on.
const EMPTY_PAGE: &str = "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>gazette</title></head><body></body></html>\n";

/// One consistent state of the preview: requests take a snapshot and never see a half-swapped
/// site.
pub(super) struct Snapshot {
    /// Output files by their path relative to the output root, with `/` separators.
    pub files: Files,
    /// The path the site lives under (`/` or `/fulian/reports/`), from `base_url`.
    pub base_path: String,
    /// The last rebuild's error, shown over every page until a rebuild succeeds.
    pub error: Option<String>,
}

/// What the rebuild thread and the request handlers share.
pub(super) struct Shared {
    current: RwLock<Arc<Snapshot>>,
    reloads: broadcast::Sender<()>,
}

impl Shared {
    pub(super) fn new(base_path: String) -> Arc<Self> {
        Arc::new(Shared {
            current: RwLock::new(Arc::new(Snapshot {
                files: Arc::default(),
                base_path,
                error: None,
            })),
            reloads: broadcast::channel(16).0,
        })
    }

    pub(super) fn current(&self) -> Arc<Snapshot> {
        // A panic while holding the lock cannot leave a snapshot half-written: it is replaced
        // whole. So a poisoned lock is still good to read.
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Swaps in new files without telling pages to reload (the search index, made after the
    /// pages an edit changed).
    pub(super) fn update_files(&self, files: Files) {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let snapshot = Snapshot {
            files,
            base_path: current.base_path.clone(),
            error: current.error.clone(),
        };
        *current = Arc::new(snapshot);
    }

    /// Swaps in a new state, then tells open pages to reload (in that order, so a reloading
    /// page gets the new files).
    pub(super) fn publish(&self, snapshot: Snapshot) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(snapshot);
        // No open page means no receiver, which is fine.
        let _ = self.reloads.send(());
    }
}

/// Serves until Ctrl+C.
pub(super) async fn run(listener: std::net::TcpListener, shared: Arc<Shared>) -> Result<()> {
    listener.set_nonblocking(true)?;
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site_file)
        .with_state(shared);
    tokio::select! {
        served = axum::serve(listener, app).into_future() => served.context("the server stopped"),
        // Open event streams would keep a graceful shutdown waiting forever; just stop.
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let reloads = shared.reloads.subscribe();
    // A first comment flushes the response at once, so a client knows it is subscribed.
    let hello = futures_util::stream::once(async { Ok(Event::default().comment("connected")) });
    let stream = futures_util::stream::unfold(reloads, |mut reloads| async move {
        // A lagging receiver missed some reloads; one reload covers them all.
        match reloads.recv().await {
            Ok(()) | Err(broadcast::error::RecvError::Lagged(_)) => {
                Some((Ok(Event::default().event("reload").data("reload")), reloads))
            }
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    Sse::new(hello.chain(stream)).keep_alive(KeepAlive::default())
}

async fn site_file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    respond(&shared.current(), &uri)
}

/// The response for `uri` from the site in `snapshot`.
fn respond(snapshot: &Snapshot, uri: &Uri) -> Response {
    let base = snapshot.base_path.as_str();
    let Some(path) = decode_path(uri.path()) else {
        return not_found(snapshot);
    };
    if base != "/" && (path == "/" || format!("{path}/") == base) {
        return redirect(base);
    }
    let Some(rel) = path.strip_prefix(base) else {
        return not_found(snapshot);
    };
    let key = routes::file_for(rel);
    if let Some(bytes) = snapshot.files.get(&key) {
        return file(StatusCode::OK, &key, bytes, snapshot);
    }
    if snapshot.files.contains_key(&format!("{rel}/index.html")) {
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return redirect(&format!("{}/{query}", uri.path()));
    }
    not_found(snapshot)
}

/// The percent-decoded path, or `None` for anything that could step outside the site: `..` or
/// `.` segments (encoded or not), encoded slashes, backslashes, NUL, invalid UTF-8.
fn decode_path(raw: &str) -> Option<String> {
    // An encoded slash would turn into a path separator only after the checks below.
    if raw.to_ascii_lowercase().contains("%2f") {
        return None;
    }
    let path = percent_decode(raw)?;
    let unsafe_segment = path.split('/').any(|s| s == ".." || s == ".");
    let unsafe_char = path.contains(['\\', '\0']);
    (path.starts_with('/') && !unsafe_segment && !unsafe_char).then_some(path)
}

fn redirect(location: &str) -> Response {
    (
        StatusCode::TEMPORARY_REDIRECT,
        [
            (header::LOCATION, location.to_string()),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
    )
        .into_response()
}

/// The site's own 404 page, or an empty page when no build has succeeded yet.
fn not_found(snapshot: &Snapshot) -> Response {
    let empty = Bytes::from_static(EMPTY_PAGE.as_bytes());
    let page = snapshot.files.get("404.html").unwrap_or(&empty);
    file(StatusCode::NOT_FOUND, "404.html", page, snapshot)
}

fn file(status: StatusCode, name: &str, bytes: &Bytes, snapshot: &Snapshot) -> Response {
    let content_type = content_type(name);
    let body = if content_type.starts_with("text/html") {
        Body::from(inject(bytes, snapshot.error.as_deref()))
    } else {
        Body::from(bytes.clone())
    };
    (
        status,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// The page with the reload script (and the error overlay, if the last rebuild failed) added
/// before its last `</body>`, or at the end when it has none.
fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(&overlay(error));
    }
    extra.push_str(RELOAD_SCRIPT);
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn overlay(error: &str) -> String {
    format!(
        concat!(
            r#"<div id="gazette-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;background:rgba(24,24,24,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace">"#,
            r#"<p style="margin:0 0 1rem;color:#ff8a80;font-weight:bold">gazette could not rebuild the site; the page underneath is the last good version.</p>"#,
            r#"<pre style="margin:0;white-space:pre-wrap">{}</pre></div>"#
        ),
        escape_html(error)
    )
}

/// The Content-Type for a file name, from its extension.
fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        for raw in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/..%2fsite.yaml",
            "/2013/..%5c..%5csite.yaml",
            "/a\\b",
            "/./index.html",
            "/a%00",
            "/%ff",
            "/%zz",
        ] {
            assert_eq!(decode_path(raw), None, "{raw}");
        }
        assert_eq!(
            decode_path("/2013/%E5%B7%A5%E4%BD%9C/").as_deref(),
            Some("/2013/工作/")
        );
        assert_eq!(decode_path("/a..b/").as_deref(), Some("/a..b/"));
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = inject(b"<body><p>x</p></body>\n</html>", Some("<bad> & \"worse\""));
        let html = String::from_utf8(html).unwrap();
        assert!(html.starts_with("<body><p>x</p><div id=\"gazette-error-overlay\""));
        assert!(html.contains("&lt;bad&gt; &amp; &quot;worse&quot;"));
        assert!(html.ends_with(&format!("{RELOAD_SCRIPT}</body>\n</html>")));
        assert_eq!(
            String::from_utf8(inject(b"<p>", None)).unwrap(),
            format!("<p>{RELOAD_SCRIPT}")
        );
    }

    fn snapshot(base_path: &str) -> Snapshot {
        let files = ["index.html", "2013/index.html", "404.html", "css/a.css"].map(|name| {
            (
                name.to_string(),
                Bytes::from(format!("<body>{name}</body>")),
            )
        });
        Snapshot {
            files: Arc::new(std::collections::HashMap::from(files)),
            base_path: base_path.to_string(),
            error: None,
        }
    }

    fn get(snapshot: &Snapshot, uri: &str) -> (StatusCode, Option<String>) {
        let response = respond(snapshot, &uri.parse().unwrap());
        let location = response.headers().get(header::LOCATION);
        (
            response.status(),
            location.map(|l| l.to_str().unwrap().to_string()),
        )
    }

    #[test]
    fn urls_resolve_under_the_base_path() {
        let site = snapshot("/sub/");
        let redirect = |to: &str| (StatusCode::TEMPORARY_REDIRECT, Some(to.to_string()));
        assert_eq!(get(&site, "/"), redirect("/sub/"));
        assert_eq!(get(&site, "/sub"), redirect("/sub/"));
        assert_eq!(get(&site, "/sub/"), (StatusCode::OK, None));
        assert_eq!(get(&site, "/sub/2013?x=1"), redirect("/sub/2013/?x=1"));
        assert_eq!(get(&site, "/sub/css/a.css"), (StatusCode::OK, None));
        assert_eq!(get(&site, "/css/a.css"), (StatusCode::NOT_FOUND, None));
        assert_eq!(get(&site, "/sub/2014/"), (StatusCode::NOT_FOUND, None));
        assert_eq!(get(&snapshot("/"), "/2013"), redirect("/2013/"));
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.PNG"), "image/png");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
