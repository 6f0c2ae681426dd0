//! Helpers shared by the integration tests. Everything listens on 127.0.0.1.

#![allow(dead_code, unreachable_pub)]

pub mod mock;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mock::{Request, Respond, ResponseTemplate};
use shopspec_client::RetryPolicy;

/// The token the tests use; assertions look for it in output.
pub const TOKEN: &str = "tok-3f9a1c-SECRET";

/// Retries without long waits and without jitter, so tests stay fast and exact.
pub fn fast_retries(max_attempts: u32) -> RetryPolicy {
    RetryPolicy::builder()
        .max_attempts(max_attempts)
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
        .jitter(false)
        .build()
}

/// Answers with each template in turn (the last one repeats) and records when
/// each request arrived.
#[derive(Clone)]
pub struct Sequence {
    templates: Arc<Vec<ResponseTemplate>>,
    next: Arc<AtomicUsize>,
    pub arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Sequence {
    pub fn new(templates: Vec<ResponseTemplate>) -> Self {
        assert!(!templates.is_empty());
        Sequence {
            templates: Arc::new(templates),
            next: Arc::new(AtomicUsize::new(0)),
            arrivals: Arc::new(Mutex::new(Vec::new())),
        }
    }

    pub fn arrivals(&self) -> Vec<Instant> {
        self.arrivals.lock().map(|a| a.clone()).unwrap_or_default()
    }
}

impl Respond for Sequence {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        if let Ok(mut arrivals) = self.arrivals.lock() {
            arrivals.push(Instant::now());
        }
        let i = self.next.fetch_add(1, Ordering::SeqCst);
        self.templates[i.min(self.templates.len() - 1)].clone()
    }
}

/// A loopback port with nothing listening on it.
pub fn closed_port() -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let addr = listener.local_addr().expect("local addr");
    drop(listener);
    addr
}

/// A store that reads one request, counts it as processed, then closes the
/// connection without answering ("the store committed, the answer was lost").
pub struct DroppingStore {
    pub addr: SocketAddr,
    pub processed: Arc<AtomicUsize>,
}

impl DroppingStore {
    pub fn start() -> Self {
        use std::io::Read;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let processed = Arc::new(AtomicUsize::new(0));
        let counter = processed.clone();
        std::thread::spawn(move || {
            for socket in listener.incoming() {
                let Ok(mut socket) = socket else { return };
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                // Read until the end of the headers and the body they announce.
                let complete = loop {
                    let n = match socket.read(&mut buf) {
                        Ok(0) | Err(_) => break false,
                        Ok(n) => n,
                    };
                    request.extend_from_slice(&buf[..n]);
                    if let Some(end) = find(&request, b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&request[..end]).to_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if request.len() >= end + 4 + length {
                            break true;
                        }
                    }
                };
                if complete {
                    counter.fetch_add(1, Ordering::SeqCst);
                }
                drop(socket);
            }
        });
        DroppingStore { addr, processed }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A DNS resolver for `reqwest` that answers `first` for the first lookup and
/// `then` for every later one: the first connect fails, later ones reach the server.
pub struct FlakyResolver {
    pub first: SocketAddr,
    pub then: SocketAddr,
    pub lookups: Arc<AtomicUsize>,
}

impl reqwest::dns::Resolve for FlakyResolver {
    fn resolve(&self, _name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let n = self.lookups.fetch_add(1, Ordering::SeqCst);
        let addr = if n == 0 { self.first } else { self.then };
        Box::pin(async move {
            let addrs: reqwest::dns::Addrs = Box::new(std::iter::once(addr));
            Ok(addrs)
        })
    }
}
