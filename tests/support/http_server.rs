//! A tiny HTTP/1.1 server on 127.0.0.1 for the feed tests (std only): fixed routes, validators, 304s, redirects,
//! errors, a body larger than any limit, and a server that never answers. One request per connection.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// What a path answers.
#[derive(Debug, Clone)]
pub enum Route {
    /// 200 with this body; with an ETag and Last-Modified when given, and a 304 when the client sends them back.
    Body {
        body: Vec<u8>,
        content_type: &'static str,
        etag: Option<String>,
        gzip: bool,
    },
    Status(u16),
    Redirect(String),
    /// Accept the connection, read the request, never answer.
    Hang,
    /// 200 with a `Content-Length` of this many bytes, streamed until the client gives up.
    Huge(u64),
    /// 200 promising twice the body's length, then the body and a closed connection: a cut-off download.
    Partial(Vec<u8>),
}

impl Route {
    pub fn xml(body: impl Into<Vec<u8>>) -> Self {
        Route::Body { body: body.into(), content_type: "application/rss+xml", etag: None, gzip: false }
    }

    pub fn xml_with_etag(body: impl Into<Vec<u8>>, etag: &str) -> Self {
        Route::Body { body: body.into(), content_type: "application/rss+xml", etag: Some(etag.to_owned()), gzip: false }
    }
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    /// Header names lower-cased.
    pub headers: HashMap<String, String>,
}

pub struct Server {
    pub base: String,
    routes: Arc<Mutex<HashMap<String, Route>>>,
    prefixes: Arc<Mutex<Vec<(String, Route)>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

const LAST_MODIFIED: &str = "Fri, 08 Oct 2021 19:18:55 GMT";

impl Server {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let server = Server { base, routes: Arc::default(), prefixes: Arc::default(), seen: Arc::default() };
        let (routes, prefixes, seen) = (server.routes.clone(), server.prefixes.clone(), server.seen.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (routes, prefixes, seen) = (routes.clone(), prefixes.clone(), seen.clone());
                std::thread::spawn(move || handle(stream, &routes, &prefixes, &seen));
            }
        });
        server
    }

    /// Serve `route` at `path` (which starts with `/`); returns the full URL.
    pub fn route(&self, path: &str, route: Route) -> String {
        self.routes.lock().unwrap().insert(path.to_owned(), route);
        format!("{}{path}", self.base)
    }

    /// Serve `route` for every path starting with `prefix`.
    pub fn prefix(&self, prefix: &str, route: Route) {
        self.prefixes.lock().unwrap().push((prefix.to_owned(), route));
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn handle(
    stream: TcpStream,
    routes: &Mutex<HashMap<String, Route>>,
    prefixes: &Mutex<Vec<(String, Route)>>,
    seen: &Mutex<Vec<Seen>>,
) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    seen.lock().unwrap().push(Seen { path: path.clone(), headers: headers.clone() });
    let route = routes.lock().unwrap().get(&path).cloned().or_else(|| {
        prefixes.lock().unwrap().iter().find(|(p, _)| path.starts_with(p.as_str())).map(|(_, r)| r.clone())
    });
    let mut stream = stream;
    match route {
        None => respond(&mut stream, "404 Not Found", &[], b"no such path"),
        Some(Route::Status(code)) => respond(&mut stream, &format!("{code} Status"), &[], b"error page"),
        Some(Route::Redirect(to)) => respond(&mut stream, "302 Found", &[("Location", to.as_str())], b""),
        Some(Route::Hang) => {
            // Hold the connection until the client gives up and closes it.
            let _ = reader.read_to_end(&mut Vec::new());
        }
        Some(Route::Huge(len)) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
            );
            if stream.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = vec![b' '; 1 << 16];
            let mut sent = 0;
            while sent < len && stream.write_all(&chunk).is_ok() {
                sent += chunk.len() as u64;
            }
        }
        Some(Route::Partial(body)) => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len() * 2);
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        Some(Route::Body { body, content_type, etag, gzip }) => {
            if let Some(tag) = &etag {
                let fresh = headers.get("if-none-match") == Some(tag)
                    || headers.get("if-modified-since").map(String::as_str) == Some(LAST_MODIFIED);
                if fresh {
                    respond(&mut stream, "304 Not Modified", &[("ETag", tag.as_str())], b"");
                    return;
                }
            }
            let mut extra: Vec<(&str, &str)> = vec![("Content-Type", content_type)];
            if let Some(tag) = &etag {
                extra.push(("ETag", tag.as_str()));
                extra.push(("Last-Modified", LAST_MODIFIED));
            }
            if gzip {
                extra.push(("Content-Encoding", "gzip"));
            }
            respond(&mut stream, "200 OK", &extra, &body);
        }
    }
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}
