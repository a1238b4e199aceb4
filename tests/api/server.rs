//! The real `phoihop` binary as a server process on a free port, and a minimal HTTP/1.1 client
//! for it: for tests that kill the server or load it from many threads at once.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub struct Server {
    child: Child,
    pub addr: SocketAddr,
}

/// Runs `phoihop <args>` on the database at `db_url`, answering its standard output.
pub fn phoihop(db_url: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_phoihop"))
        .args(args)
        .env("DATABASE_URL", db_url)
        .output()
        .expect("the phoihop binary runs");
    assert!(out.status.success(), "phoihop {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

impl Server {
    /// Starts `phoihop serve` on the database and waits until it answers `/health`.
    pub fn start(db_url: &str) -> Server {
        Server::start_logging(db_url, Stdio::null())
    }

    /// The same, its log (standard error, as JSON lines) going to `log`.
    pub fn start_logging(db_url: &str, log: impl Into<Stdio>) -> Server {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_phoihop"))
            .arg("serve")
            .env("DATABASE_URL", db_url)
            .env("ROCKET_ADDRESS", "127.0.0.1")
            .env("ROCKET_PORT", port.to_string())
            .env("PHOIHOP_LOG_FORMAT", "json")
            .env("PHOIHOP_POOL_SIZE", "16")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("the server starts");
        let server = Server { child, addr: SocketAddr::from(([127, 0, 0, 1], port)) };
        let deadline = Instant::now() + Duration::from_secs(30);
        while !server.call("GET", "/health", None, None, &[]).is_ok_and(|r| r.status == 200) {
            assert!(Instant::now() < deadline, "the server did not come up");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    /// SIGKILL, while other threads may be using the server: it gets no chance to finish anything.
    pub fn kill(&self) {
        let killed = Command::new("kill").args(["-KILL", &self.child.id().to_string()]).status();
        assert!(killed.is_ok_and(|s| s.success()), "the server is killed");
    }

    /// One request on a fresh connection.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> std::io::Result<Reply> {
        let mut stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr);
        if let Some(token) = token {
            head.push_str(&format!("Authorization: Bearer {token}\r\n"));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw)?;
        Reply::parse(&raw).ok_or_else(|| std::io::Error::other("an incomplete HTTP answer"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub etag: Option<String>,
    pub replayed: bool,
    pub body: Value,
}

impl Reply {
    fn parse(raw: &[u8]) -> Option<Reply> {
        let text = String::from_utf8_lossy(raw);
        let (head, body) = text.split_once("\r\n\r\n")?;
        let mut lines = head.lines();
        let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        let length: usize = header("content-length").and_then(|l| l.parse().ok()).unwrap_or(0);
        if body.len() < length {
            return None;
        }
        let body = match body {
            "" => Value::Null,
            text => serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string())),
        };
        Some(Reply { status, etag: header("etag"), replayed: header("idempotency-replayed").is_some(), body })
    }
}

#[test]
fn the_log_says_each_request_in_one_line_and_never_a_secret() {
    let (_db, url) = crate::support::TestDb::sqlite();
    let secret = crate::support::make_token(&url, "cán bộ", phoihop::models::enums::Role::Admin, None);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("server.log");
    let server = Server::start_logging(&url, std::fs::File::create(&path).unwrap());
    let read = server.call("GET", "/api/v1/localities?q=ha%20noi", Some(&secret), None, &[]).unwrap();
    let refused = server.call("GET", "/api/v1/agreements?active_in=x", Some(&secret), None, &[]).unwrap();
    let anonymous = server.call("GET", "/api/v1/localities", Some("phk_not_a_token"), None, &[]).unwrap();
    assert_eq!((read.status, refused.status, anonymous.status), (200, 400, 401));
    drop(server);
    let log = std::fs::read_to_string(&path).unwrap();
    assert!(!log.contains(&secret) && !log.contains("phk_not_a_token"), "{log}");
    let lines: Vec<Value> = log.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    let requests: Vec<&Value> = lines.iter().filter(|l| l["fields"]["path"].is_string()).collect();
    let paths: Vec<(&str, i64)> = requests
        .iter()
        .map(|l| (l["fields"]["path"].as_str().unwrap(), l["fields"]["status"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        paths.iter().filter(|(p, _)| !p.starts_with("/health")).copied().collect::<Vec<_>>(),
        [("/api/v1/localities?q=ha%20noi", 200), ("/api/v1/agreements?active_in=x", 400), ("/api/v1/localities", 401)]
    );
    let refusal = requests.iter().find(|l| l["fields"]["status"] == 400).unwrap();
    assert_eq!(refusal["fields"]["caller"], "cán bộ");
    assert!(refusal["fields"]["reason"].as_str().unwrap().contains("active_in"), "{refusal}");
    assert!(!log.contains("ApiError {"), "no debug dump: {log}");
}
