//! Request counts and latencies per route, and job outcomes, in Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

const BUCKETS: [f64; 10] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0];

#[derive(Default)]
struct RouteStats {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    // (method, route, status) → stats
    routes: Mutex<BTreeMap<(String, String, u16), RouteStats>>,
    pub jobs_completed: AtomicU64,
    pub jobs_failed: AtomicU64,
    pub jobs_dead: AtomicU64,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let secs = elapsed.as_secs_f64();
        let Ok(mut map) = self.routes.lock() else {
            return;
        };
        let s = map
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default();
        s.count += 1;
        s.sum += secs;
        for (i, b) in BUCKETS.iter().enumerate() {
            if secs <= *b {
                s.buckets[i] += 1;
            }
        }
    }

    /// Renders all metrics; `queue` holds the job counts per status, read at scrape time.
    pub fn render(&self, queue: &[(String, i64)]) -> String {
        let mut out = String::new();
        out.push_str("# HELP amtfluencer_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE amtfluencer_http_requests_total counter\n");
        let map = match self.routes.lock() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        for ((m, r, st), s) in map.iter() {
            let _ = writeln!(
                out,
                "amtfluencer_http_requests_total{{method=\"{m}\",route=\"{r}\",status=\"{st}\"}} {}",
                s.count
            );
        }
        out.push_str(
            "# HELP amtfluencer_http_request_duration_seconds Request latency by route.\n",
        );
        out.push_str("# TYPE amtfluencer_http_request_duration_seconds histogram\n");
        for ((m, r, st), s) in map.iter() {
            let labels = format!("method=\"{m}\",route=\"{r}\",status=\"{st}\"");
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "amtfluencer_http_request_duration_seconds_bucket{{{labels},le=\"{b}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "amtfluencer_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}\n\
                 amtfluencer_http_request_duration_seconds_sum{{{labels}}} {}\n\
                 amtfluencer_http_request_duration_seconds_count{{{labels}}} {}",
                s.count, s.sum, s.count
            );
        }
        drop(map);
        out.push_str("# HELP amtfluencer_jobs Jobs in the queue by status.\n");
        out.push_str("# TYPE amtfluencer_jobs gauge\n");
        for status in ["queued", "running", "done", "dead"] {
            let n = queue
                .iter()
                .find(|(s, _)| s == status)
                .map_or(0, |(_, n)| *n);
            let _ = writeln!(out, "amtfluencer_jobs{{status=\"{status}\"}} {n}");
        }
        for (name, help, v) in [
            (
                "completed",
                "Jobs this instance completed.",
                &self.jobs_completed,
            ),
            (
                "failed",
                "Failed job attempts on this instance.",
                &self.jobs_failed,
            ),
            ("dead", "Jobs this instance gave up on.", &self.jobs_dead),
        ] {
            let _ = writeln!(
                out,
                "# HELP amtfluencer_jobs_{name}_total {help}\n\
                 # TYPE amtfluencer_jobs_{name}_total counter\n\
                 amtfluencer_jobs_{name}_total {}",
                v.load(Ordering::Relaxed)
            );
        }
        out
    }
}

/// Records every request under its route pattern (not its concrete path, which would leak
/// ids and explode the label set).
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let mut res = next.run(req).await;
    let elapsed = start.elapsed();
    state
        .metrics
        .observe(&method, &route, res.status().as_u16(), elapsed);
    tracing::debug!(%method, %route, status = res.status().as_u16(), ms = elapsed.as_millis() as u64, "request");
    // The server's own time, for browsers' developer tools and the benchmarks
    // (`Server-Timing`, W3C): from here to the response head, without the network.
    let timing = format!("app;dur={:.3}", elapsed.as_secs_f64() * 1000.0);
    if let Ok(v) = axum::http::HeaderValue::from_str(&timing) {
        res.headers_mut().insert("server-timing", v);
    }
    res
}
