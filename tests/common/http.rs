//! A plain static file server and a blocking HTTP GET (ureq), for tests that look at a site the way
//! a browser on a real host would. Loopback only; every wait is bounded.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// An HTTP response, whatever its status.
pub(crate) struct Response {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub(crate) fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }
}

/// A client that hands back every response as it came (errors and redirects included) and
/// gives up after `PATIENCE`.
pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(PATIENCE))
        .build()
        .into()
}

pub(crate) const PATIENCE: Duration = Duration::from_secs(20);

/// GETs `path` (already percent-encoded as needed, `..` kept as written) from `addr`.
pub(crate) fn get(addr: impl std::fmt::Display, path: &str) -> Response {
    let url = format!("http://{addr}{path}");
    let response = agent()
        .get(&url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let (parts, body) = response.into_parts();
    let body = body
        .into_with_config()
        .limit(256 << 20)
        .read_to_vec()
        .unwrap_or_else(|e| panic!("read {url}: {e}"));
    Response {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    }
}

/// Serves `root` under the URL path `prefix` (`/fulian/reports/`) until the test ends, like a
/// plain web server: a folder URL serves its index.html, anything else missing is a 404.
/// Each connection has its own thread: a browser opens connections it may never use, which
/// must not hold up the others.
pub(crate) fn serve_static(root: &Path, prefix: &str) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    let (root, prefix) = (root.to_path_buf(), prefix.to_string());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, prefix) = (root.clone(), prefix.clone());
            std::thread::spawn(move || answer(stream, &root, &prefix));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, root: &Path, prefix: &str) {
    if stream.set_read_timeout(Some(PATIENCE)).is_err() {
        return;
    }
    // Read the whole request head: closing with unread bytes would reset the connection.
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
    let (status, content_type, body) = match file_for(root, prefix, &path) {
        Some(file) => (
            200,
            content_type(&file),
            std::fs::read(&file).unwrap_or_default(),
        ),
        None => (404, "text/plain", b"not found".to_vec()),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

fn file_for(root: &Path, prefix: &str, path: &str) -> Option<PathBuf> {
    let rel = path.strip_prefix(prefix)?;
    if rel.split('/').any(|segment| segment == "..") {
        return None;
    }
    let file = root.join(gazette::site::routes::file_for(rel));
    file.is_file().then_some(file)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("xml") => "application/xml",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}

/// Percent-decoded, or as written when malformed (gazette's own decoder).
pub(crate) fn percent_decode(text: &str) -> String {
    gazette::escape::percent_decode(text).unwrap_or_else(|| text.to_string())
}
