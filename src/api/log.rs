//! The request log: one line per request — method, path, status, time taken and who asked (the
//! token's name) — and, for a refusal, why, in words; a passing `/health` or `/ready` is not
//! logged. Never a header: no secret, token or cookie
//! reaches the log. Written through `tracing`, as text or JSON (`PHOIHOP_LOG_FORMAT`).

use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Orbit, Request, Response, Rocket};

use crate::error::LoggedProblem;

/// When the request came in.
struct Arrived(Instant);

/// The name of the token's holder, once a guard has checked it.
pub struct LoggedCaller(pub String);

pub struct RequestLog;

#[rocket::async_trait]
impl Fairing for RequestLog {
    fn info(&self) -> Info {
        Info { name: "Request log", kind: Kind::Request | Kind::Response | Kind::Liftoff }
    }

    async fn on_liftoff(&self, rocket: &Rocket<Orbit>) {
        let config = rocket.config();
        tracing::info!("serving on http://{}:{}", config.address, config.port);
    }

    async fn on_request(&self, req: &mut Request<'_>, _: &mut Data<'_>) {
        req.local_cache(|| Arrived(Instant::now()));
    }

    async fn on_response<'r>(&self, req: &'r Request<'_>, res: &mut Response<'r>) {
        let ms = req.local_cache(|| Arrived(Instant::now())).0.elapsed().as_secs_f64() * 1000.0;
        let caller = req.local_cache(|| LoggedCaller(String::new())).0.as_str();
        let method = req.method().as_str();
        let path = req.uri().to_string();
        let status = res.status().code;
        // A load balancer asks these every few seconds: their answers would drown the log.
        if status < 400 && matches!(req.uri().path().as_str(), "/health" | "/ready") {
            return;
        }
        let reason = req.local_cache(|| LoggedProblem(String::new())).0.as_str();
        if status >= 500 {
            tracing::error!(method, path, status, ms, caller, reason, "request failed");
        } else if status >= 400 {
            tracing::warn!(method, path, status, ms, caller, reason, "request refused");
        } else {
            tracing::info!(method, path, status, ms, caller, "request");
        }
    }
}

/// Starts writing the log: `PHOIHOP_LOG` chooses what (`info` by default: a line a request),
/// `PHOIHOP_LOG_FORMAT=json` writes JSON lines for a log collector, anything else readable text.
pub fn start() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("PHOIHOP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let json = std::env::var("PHOIHOP_LOG_FORMAT").is_ok_and(|f| f.eq_ignore_ascii_case("json"));
    let colours = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_ansi(colours && !json);
    let started = if json { builder.json().try_init() } else { builder.try_init() };
    // A second start (tests build several servers in one process) keeps the first.
    drop(started);
}
