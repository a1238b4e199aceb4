//! The test application: the production `build()` on a fresh database per test (a SQLite file, or a
//! PostgreSQL database when the suite runs on PostgreSQL), driven through Rocket's local client,
//! with small helpers to make the records a test needs.

use rocket::http::{ContentType, Header, Method, Status};
use rocket::local::blocking::{Client, LocalResponse};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};

use diesel::connection::SimpleConnection;
use diesel::{Connection, PgConnection};
use tempfile::TempDir;

use phoihop::auth::Actor;
use phoihop::models::enums::Role;
use phoihop::models::token::{self, TokenInput};
use phoihop::{build, Config};

pub struct TestApp {
    pub client: Client,
    /// The database the app runs on: a SQLite file, or a PostgreSQL database of its own.
    pub db_url: String,
    /// An admin token's secret, sent with every request the plain helpers make.
    pub admin: String,
    _db: TestDb,
}

/// Makes a token on the database at `db_url` as the command line does, and answers its secret.
pub fn make_token(db_url: &str, name: &str, role: Role, locality: Option<i64>) -> String {
    let pool = phoihop::db::connect(&Config::new(db_url.to_string())).expect("the database opens");
    let mut conn = pool.get().expect("a connection");
    let input = TokenInput { name: name.to_string(), role, locality_id: locality };
    let operator = Actor::operator("tests");
    phoihop::db::transaction(&mut conn, |c| token::create(c, &operator, input)).expect("a token").secret
}

/// The backend under test: SQLite unless `PHOIHOP_TEST_BACKEND=postgres`, which runs on the server
/// `PHOIHOP_TEST_POSTGRES` names (`scripts/test` sets both for the PostgreSQL half).
pub fn on_postgres() -> bool {
    std::env::var("PHOIHOP_TEST_BACKEND").is_ok_and(|b| b == "postgres")
}

/// The PostgreSQL server the tests may use, as `postgres://user@host:port/database`.
pub fn postgres_server() -> String {
    std::env::var("PHOIHOP_TEST_POSTGRES")
        .expect("PHOIHOP_TEST_POSTGRES names a PostgreSQL server (bash scripts/pg-cluster start gives one)")
}

/// A fresh database for one test, removed when the test ends: a SQLite file in a temporary
/// directory, or a database created on the PostgreSQL server.
pub enum TestDb {
    Sqlite { _dir: TempDir },
    Postgres { server: String, name: String },
}

impl TestDb {
    pub fn sqlite() -> (Self, String) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let url = dir.path().join("registry.db").to_str().unwrap().to_string();
        (TestDb::Sqlite { _dir: dir }, url)
    }

    pub fn postgres() -> (Self, String) {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let server = postgres_server();
        let name = format!("phoihop_test_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let mut admin = PgConnection::establish(&server).expect("the PostgreSQL server answers");
        admin.batch_execute(&format!("CREATE DATABASE {name}")).expect("a test database");
        let url = format!("{}/{name}", &server[..server.rfind('/').expect("a URL with a database")]);
        (TestDb::Postgres { server, name }, url)
    }

    pub fn of_backend() -> (Self, String) {
        if on_postgres() {
            TestDb::postgres()
        } else {
            TestDb::sqlite()
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let TestDb::Postgres { server, name } = self {
            if let Ok(mut admin) = PgConnection::establish(server) {
                let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: Status,
    pub body: Value,
    pub content_type: Option<String>,
    pub location: Option<String>,
    pub language: Option<String>,
    pub etag: Option<String>,
    pub replayed: bool,
}

/// One request, built up: who sends it, with which version and retry key.
pub struct Req<'a> {
    app: &'a TestApp,
    method: Method,
    path: String,
    body: Option<String>,
    headers: Vec<(&'static str, String)>,
    token: Option<String>,
}

impl<'a> Req<'a> {
    /// Sends it with this token's secret instead of the admin's (None: with no token).
    pub fn token(mut self, secret: Option<&str>) -> Self {
        self.token = secret.map(str::to_string);
        self
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn if_match(self, etag: &str) -> Self {
        self.header("If-Match", etag)
    }

    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body.to_string());
        self
    }

    pub fn raw(mut self, body: &str) -> Self {
        self.body = Some(body.to_string());
        self
    }

    pub fn send(self) -> Resp {
        let mut request = self.app.client.req(self.method, self.path);
        if let Some(secret) = self.token {
            request = request.header(Header::new("Authorization", format!("Bearer {secret}")));
        }
        for (name, value) in self.headers {
            request = request.header(Header::new(name, value));
        }
        if let Some(body) = self.body {
            request = request.header(ContentType::JSON).body(body);
        }
        TestApp::read(request.dispatch())
    }
}

impl Resp {
    /// The `field` of each problem+json `errors` entry.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| errors.iter().map(|e| e["field"].as_str().unwrap_or_default().to_string()).collect())
            .unwrap_or_default()
    }

    pub fn message_of(&self, field: &str) -> String {
        self.body["errors"]
            .as_array()
            .and_then(|errors| errors.iter().find(|e| e["field"] == field))
            .and_then(|e| e["message"].as_str())
            .unwrap_or_default()
            .to_string()
    }

    pub fn id(&self) -> i64 {
        self.body["id"].as_i64().unwrap_or_else(|| panic!("no id in {:?}: {}", self.status, self.body))
    }

    /// The ids of a list answer's items, in order.
    pub fn ids(&self) -> Vec<i64> {
        self.body["items"].as_array().expect("a list answer").iter().map(|i| i["id"].as_i64().unwrap()).collect()
    }

    pub fn total(&self) -> i64 {
        self.body["total"].as_i64().expect("a list answer")
    }

    /// Asserts a problem+json answer with this status.
    pub fn assert_problem_status(&self, status: Status) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.content_type.as_deref(), Some("application/problem+json"), "{}", self.body);
        assert_eq!(self.body["status"], status.code, "{}", self.body);
    }

    /// Asserts a problem+json answer with this status that names `field`.
    pub fn assert_problem(&self, status: Status, field: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.content_type.as_deref(), Some("application/problem+json"), "{}", self.body);
        assert_eq!(self.body["status"], status.code, "{}", self.body);
        assert!(self.error_fields().iter().any(|f| f == field), "no error for {field:?} in {}", self.body);
    }
}

/// Percent-encodes a query value (UTF-8, as a browser would).
pub fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl TestApp {
    /// The registry on a fresh database of the backend under test.
    pub fn new() -> Self {
        let (db, url) = TestDb::of_backend();
        TestApp::on(db, Config::new(url))
    }

    /// The registry on `db`, configured by `config`, with an admin token.
    pub fn on(db: TestDb, config: Config) -> Self {
        let db_url = config.database_url.clone();
        let client = Client::tracked(build(config)).expect("the registry ignites");
        let admin = make_token(&db_url, "admin", Role::Admin, None);
        TestApp { client, db_url, admin, _db: db }
    }

    /// A request as the admin; `.token(…)` changes who sends it.
    pub fn req(&self, method: Method, path: &str) -> Req<'_> {
        Req {
            app: self,
            method,
            path: path.to_string(),
            body: None,
            headers: Vec::new(),
            token: Some(self.admin.clone()),
        }
    }

    /// The record's current `ETag`, as the admin reads it.
    pub fn etag(&self, record: &str) -> String {
        let r = self.get(record);
        r.etag.unwrap_or_else(|| panic!("no ETag on {record}: {:?} {}", r.status, r.body))
    }

    /// The record a change is made to: a link `/directives/1/implements/2` changes directive 1.
    fn record_of(path: &str) -> &str {
        path.split("/implements/").next().unwrap_or(path)
    }

    /// A registry holding the demo data (the five seed articles).
    pub fn with_demo() -> Self {
        let app = TestApp::new();
        app.load_demo();
        app
    }

    pub fn load_demo(&self) {
        let pool = phoihop::db::connect(&Config::new(self.db_url.clone())).unwrap();
        let loaded = phoihop::demo::load(&mut pool.get().unwrap()).expect("the demo loads");
        assert!(loaded.is_some());
    }

    fn read(response: LocalResponse<'_>) -> Resp {
        let status = response.status();
        let content_type = response.content_type().map(|c| format!("{}/{}", c.top(), c.sub()));
        let location = response.headers().get_one("Location").map(str::to_string);
        let language = response.headers().get_one("Content-Language").map(str::to_string);
        let etag = response.headers().get_one("ETag").map(str::to_string);
        let replayed = response.headers().get_one("Idempotency-Replayed") == Some("true");
        let text = response.into_string().unwrap_or_default();
        let body =
            if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
        Resp { status, body, content_type, location, language, etag, replayed }
    }

    /// A file as the admin downloads it: status, media type and bytes.
    pub fn download(&self, path: &str, headers: &[(&'static str, &str)]) -> (Status, Option<String>, Vec<u8>) {
        let mut request = self.client.get(path.to_string());
        request = request.header(Header::new("Authorization", format!("Bearer {}", self.admin)));
        for (name, value) in headers {
            request = request.header(Header::new(*name, value.to_string()));
        }
        let response = request.dispatch();
        let content_type = response.content_type().map(|c| format!("{}/{}", c.top(), c.sub()));
        (response.status(), content_type, response.into_bytes().unwrap_or_default())
    }

    /// A file posted as its bytes, by the holder of `token` (the admin when None).
    pub fn upload(&self, path: &str, bytes: Vec<u8>, token: Option<&str>) -> Resp {
        let secret = token.unwrap_or(&self.admin).to_string();
        let request =
            self.client.post(path.to_string()).header(Header::new("Authorization", format!("Bearer {secret}")));
        TestApp::read(request.header(ContentType::Binary).body(bytes).dispatch())
    }

    pub fn get(&self, path: &str) -> Resp {
        self.req(Method::Get, path).send()
    }

    pub fn get_in(&self, path: &str, language: &str) -> Resp {
        self.req(Method::Get, path).header("Accept-Language", language).send()
    }

    pub fn post(&self, path: &str, body: Value) -> Resp {
        self.req(Method::Post, path).json(body).send()
    }

    pub fn post_raw(&self, path: &str, body: &str) -> Resp {
        self.req(Method::Post, path).raw(body).send()
    }

    pub fn post_in(&self, path: &str, body: Value, language: &str) -> Resp {
        self.req(Method::Post, path).json(body).header("Accept-Language", language).send()
    }

    /// A change as the admin, at the record's current version (tests of versions use `req`).
    fn change(&self, method: Method, path: &str) -> Req<'_> {
        let record = Self::record_of(path);
        let r = self.get(record);
        let req = self.req(method, path);
        match r.etag {
            Some(tag) => req.if_match(&tag),
            None => req,
        }
    }

    pub fn patch(&self, path: &str, body: Value) -> Resp {
        self.change(Method::Patch, path).json(body).send()
    }

    pub fn put(&self, path: &str) -> Resp {
        self.change(Method::Put, path).send()
    }

    pub fn put_in(&self, path: &str, language: &str) -> Resp {
        self.change(Method::Put, path).header("Accept-Language", language).send()
    }

    pub fn delete(&self, path: &str) -> Resp {
        self.change(Method::Delete, path).send()
    }

    /// How many records a list endpoint holds in all.
    pub fn count(&self, resource: &str) -> i64 {
        self.get(&format!("/api/v1/{resource}?limit=1")).total()
    }

    /// Every record count at once, to show that a refused request wrote nothing.
    pub fn counts(&self) -> [i64; 5] {
        ["localities", "organizations", "directives", "signing-events", "agreements"].map(|r| self.count(r))
    }

    fn created(&self, resource: &str, body: Value) -> i64 {
        let r = self.post(&format!("/api/v1/{resource}"), body);
        assert_eq!(r.status, Status::Created, "{}", r.body);
        r.id()
    }

    pub fn locality(&self, name: &str, level: &str, parent: Option<i64>) -> i64 {
        self.created("localities", json!({"name": name, "level": level, "parent_id": parent}))
    }

    pub fn org(&self, name: &str, kind: &str, locality: Option<i64>) -> i64 {
        self.created("organizations", json!({"name": name, "kind": kind, "locality_id": locality}))
    }

    pub fn directive(&self, body: Value) -> i64 {
        self.created("directives", body)
    }

    pub fn agreement(&self, body: Value) -> i64 {
        self.created("agreements", body)
    }

    /// A minimal valid agreement between these organizations; `extra` members override.
    pub fn agreement_between(&self, orgs: &[i64], extra: Value) -> i64 {
        self.agreement(agreement_body(orgs, extra))
    }
}

/// A valid agreement payload between `orgs` (the first leads), with `extra` merged over it.
pub fn agreement_body(orgs: &[i64], extra: Value) -> Value {
    let parties: Vec<Value> = orgs
        .iter()
        .enumerate()
        .map(|(i, o)| json!({"organization_id": o, "role": if i == 0 { "lead" } else { "signatory" }}))
        .collect();
    let mut body = json!({
        "title": "Kế hoạch phối hợp công tác đối ngoại nhân dân",
        "kind": "coordination_plan",
        "period": {"start_year": 2022, "end_year": 2025},
        "parties": parties,
    });
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        body[k] = v;
    }
    body
}
