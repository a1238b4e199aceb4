//! Who may write what: every write endpoint, asked by every kind of caller, answers the status
//! its role and locality allow, and a refused request writes nothing (the audit trail and the
//! record stay as they were).

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use phoihop::models::enums::Role;

use crate::support::{agreement_body, make_token, TestApp};

/// The callers of the matrix, in the order of each row's expected statuses.
const CALLERS: [&str; 6] = ["no token", "viewer", "editor inside", "editor outside", "editor everywhere", "admin"];

struct World {
    app: TestApp,
    /// The secrets of CALLERS (None: no token).
    tokens: Vec<Option<String>>,
    district: i64,
    orgs: [i64; 2],
}

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A name no other record has.
fn fresh(prefix: &str) -> String {
    format!("{prefix} {}", NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst))
}

/// Two provinces; the inside editor's province holds a district with two organizations.
fn world() -> World {
    let app = TestApp::new();
    let inside = app.locality("TP. Hồ Chí Minh", "province", None);
    let outside = app.locality("TP. Cần Thơ", "province", None);
    let district = app.locality("Quận 11", "district", Some(inside));
    let orgs = [
        app.org("Ủy ban MTTQ quận 11", "front_committee", Some(district)),
        app.org("Hội LHPN quận 11", "womens_union", Some(district)),
    ];
    let url = app.db_url.clone();
    let tokens = vec![
        None,
        Some(make_token(&url, "viewer", Role::Viewer, None)),
        Some(make_token(&url, "editor inside", Role::Editor, Some(inside))),
        Some(make_token(&url, "editor outside", Role::Editor, Some(outside))),
        Some(make_token(&url, "editor everywhere", Role::Editor, None)),
        Some(app.admin.clone()),
    ];
    World { app, tokens, district, orgs }
}

/// A request the matrix sends: made afresh (as the admin) for every caller, so that what one
/// caller did never decides what the next one meets.
struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    /// The record the request changes, to check that a refusal left it as it was.
    record: Option<String>,
}

fn post(path: &str, body: Value) -> Case {
    Case { method: Method::Post, path: path.to_string(), body: Some(body), record: None }
}

fn on(method: Method, path: String, body: Option<Value>) -> Case {
    let record = path.split("/implements/").next().map(str::to_string);
    Case { method, path, body, record }
}

type Prepare = fn(&World) -> Case;

fn locality(w: &World) -> i64 {
    w.app.locality(&fresh("Phường"), "commune", Some(w.district))
}
fn organization(w: &World) -> i64 {
    w.app.org(&fresh("Hội Nông dân phường"), "farmers_union", Some(w.district))
}
fn directive(w: &World) -> i64 {
    w.app.directive(
        json!({"symbol": format!("{}-KH/MTTQ-BTT", NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 100)}),
    )
}
fn event(w: &World) -> i64 {
    let r = w.app.post("/api/v1/signing-events", event_body(w, false));
    assert_eq!(r.status, Status::Created, "{}", r.body);
    r.id()
}
fn agreement(w: &World) -> i64 {
    w.app.agreement_between(&w.orgs, json!({"title": fresh("Kế hoạch phối hợp")}))
}

fn event_body(w: &World, with_agreement: bool) -> Value {
    let mut body = json!({"kind": "signing", "title": fresh("Hội nghị ký kết"), "locality_id": w.district});
    if with_agreement {
        body["agreements"] = json!([agreement_body(&w.orgs, json!({"title": fresh("Chương trình phối hợp")}))]);
    }
    body
}

/// Every write endpoint, with the status each of CALLERS gets.
fn matrix() -> Vec<(&'static str, Prepare, [u16; 6])> {
    vec![
        (
            "POST /localities",
            |w| {
                post(
                    "/api/v1/localities",
                    json!({"name": fresh("Phường"), "level": "commune", "parent_id": w.district}),
                )
            },
            [401, 403, 403, 403, 403, 201],
        ),
        (
            "PATCH /localities/{id}",
            |w| {
                on(Method::Patch, format!("/api/v1/localities/{}", locality(w)), Some(json!({"name": fresh("Phường")})))
            },
            [401, 403, 403, 403, 403, 200],
        ),
        (
            "DELETE /localities/{id}",
            |w| on(Method::Delete, format!("/api/v1/localities/{}", locality(w)), None),
            [401, 403, 403, 403, 403, 204],
        ),
        (
            "POST /organizations",
            |w| {
                post(
                    "/api/v1/organizations",
                    json!({"name": fresh("Đoàn Thanh niên phường"), "kind": "youth_union", "locality_id": w.district}),
                )
            },
            [401, 403, 201, 403, 201, 201],
        ),
        (
            "PATCH /organizations/{id}",
            |w| {
                on(
                    Method::Patch,
                    format!("/api/v1/organizations/{}", organization(w)),
                    Some(json!({"short_name": "HND"})),
                )
            },
            [401, 403, 200, 403, 200, 200],
        ),
        (
            "DELETE /organizations/{id}",
            |w| on(Method::Delete, format!("/api/v1/organizations/{}", organization(w)), None),
            [401, 403, 204, 403, 204, 204],
        ),
        (
            "POST /directives",
            |_| {
                post(
                    "/api/v1/directives",
                    json!({"symbol": format!("{}-CT/TU", NEXT.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 100)}),
                )
            },
            [401, 403, 201, 201, 201, 201],
        ),
        (
            "PATCH /directives/{id}",
            |w| {
                on(
                    Method::Patch,
                    format!("/api/v1/directives/{}", directive(w)),
                    Some(json!({"title": "Về công tác đối ngoại nhân dân"})),
                )
            },
            [401, 403, 403, 403, 200, 200],
        ),
        (
            "DELETE /directives/{id}",
            |w| on(Method::Delete, format!("/api/v1/directives/{}", directive(w)), None),
            [401, 403, 403, 403, 204, 204],
        ),
        (
            "PUT /directives/{id}/implements/{target}",
            |w| on(Method::Put, format!("/api/v1/directives/{}/implements/{}", directive(w), directive(w)), None),
            [401, 403, 403, 403, 200, 200],
        ),
        (
            "DELETE /directives/{id}/implements/{target}",
            |w| {
                let (from, to) = (directive(w), directive(w));
                assert_eq!(w.app.put(&format!("/api/v1/directives/{from}/implements/{to}")).status, Status::Ok);
                on(Method::Delete, format!("/api/v1/directives/{from}/implements/{to}"), None)
            },
            [401, 403, 403, 403, 204, 204],
        ),
        (
            "POST /signing-events",
            |w| post("/api/v1/signing-events", event_body(w, true)),
            [401, 403, 201, 403, 201, 201],
        ),
        (
            "PATCH /signing-events/{id}",
            |w| {
                on(
                    Method::Patch,
                    format!("/api/v1/signing-events/{}", event(w)),
                    Some(json!({"place": "Hội trường quận"})),
                )
            },
            [401, 403, 200, 403, 200, 200],
        ),
        (
            "DELETE /signing-events/{id}",
            |w| on(Method::Delete, format!("/api/v1/signing-events/{}", event(w)), None),
            [401, 403, 204, 403, 204, 204],
        ),
        (
            "POST /agreements",
            |w| post("/api/v1/agreements", agreement_body(&w.orgs, json!({"title": fresh("Quy chế phối hợp")}))),
            [401, 403, 201, 403, 201, 201],
        ),
        (
            "PATCH /agreements/{id}",
            |w| {
                on(
                    Method::Patch,
                    format!("/api/v1/agreements/{}", agreement(w)),
                    Some(json!({"topic": "đối ngoại nhân dân"})),
                )
            },
            [401, 403, 200, 403, 200, 200],
        ),
        (
            "DELETE /agreements/{id}",
            |w| on(Method::Delete, format!("/api/v1/agreements/{}", agreement(w)), None),
            [401, 403, 204, 403, 204, 204],
        ),
        (
            "POST /tokens",
            |_| post("/api/v1/tokens", json!({"name": fresh("token"), "role": "viewer"})),
            [401, 403, 403, 403, 403, 201],
        ),
        (
            "DELETE /tokens/{id}",
            |w| {
                let r = w.app.post("/api/v1/tokens", json!({"name": fresh("token"), "role": "viewer"}));
                // Revoking is not an edit of shared data: no version to name.
                Case { method: Method::Delete, path: format!("/api/v1/tokens/{}", r.id()), body: None, record: None }
            },
            [401, 403, 403, 403, 403, 204],
        ),
        (
            "POST /deleted/{id}/restore",
            |w| {
                let id = organization(w);
                assert_eq!(w.app.delete(&format!("/api/v1/organizations/{id}")).status, Status::NoContent);
                let deleted = w.app.get("/api/v1/deleted?record_type=organization&limit=1").ids()[0];
                Case {
                    method: Method::Post,
                    path: format!("/api/v1/deleted/{deleted}/restore"),
                    body: None,
                    record: None,
                }
            },
            [401, 403, 403, 403, 403, 201],
        ),
    ]
}

/// What a refused request must leave as it was.
fn state(w: &World, case: &Case) -> (i64, [i64; 5], Option<Value>) {
    let audit = w.app.get("/api/v1/audit?limit=1").total();
    let record = case.record.as_ref().map(|r| w.app.get(r).body);
    (audit, w.app.counts(), record)
}

#[test]
fn every_write_endpoint_answers_each_role_and_refusals_write_nothing() {
    let w = world();
    let mut wrong = Vec::new();
    for (name, prepare, expected) in matrix() {
        for (caller, (secret, want)) in CALLERS.iter().zip(w.tokens.iter().zip(expected)) {
            let case = prepare(&w);
            let before = state(&w, &case);
            let mut req = w.app.req(case.method, &case.path).token(secret.as_deref());
            if let Some(record) = &case.record {
                req = req.if_match(&w.app.etag(record));
            }
            if let Some(body) = &case.body {
                req = req.json(body.clone());
            }
            let r = req.send();
            if r.status.code != want {
                wrong.push(format!("{name} as {caller}: {} (wanted {want}) {}", r.status.code, r.body));
                continue;
            }
            if want >= 400 {
                assert_eq!(r.content_type.as_deref(), Some("application/problem+json"), "{name} as {caller}");
                assert_eq!(state(&w, &case), before, "{name} as {caller} was refused but wrote");
            } else {
                assert!(state(&w, &case).0 > before.0, "{name} as {caller} wrote no audit entry");
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn reads_need_a_token_unless_the_operator_makes_them_public() {
    let w = world();
    let paths = ["/api/v1/localities", "/api/v1/organizations?q=quan%2011", "/api/v1/agreements", "/api/v1/directives"];
    for path in paths {
        w.app.req(Method::Get, path).token(None).send().assert_problem_status(Status::Unauthorized);
        let r = w.app.req(Method::Get, path).token(w.tokens[1].as_deref()).send();
        assert_eq!(r.status, Status::Ok, "a viewer reads {path}");
        let r = w.app.req(Method::Get, path).token(Some("phk_not-a-token")).send();
        r.assert_problem_status(Status::Unauthorized);
    }
    let r = w.app.req(Method::Get, "/api/v1/localities").token(None).header("Authorization", "Basic YWRtaW4=").send();
    r.assert_problem_status(Status::Unauthorized);
    assert_eq!(w.app.req(Method::Get, "/health").token(None).send().status, Status::Ok);
    assert_eq!(w.app.req(Method::Get, "/api/v1/audit").token(w.tokens[1].as_deref()).send().status, Status::Forbidden);
    assert_eq!(w.app.req(Method::Get, "/api/v1/audit").token(w.tokens[2].as_deref()).send().status, Status::Ok);

    let (db, url) = crate::support::TestDb::of_backend();
    let mut config = phoihop::Config::new(url);
    config.public_read = true;
    let public = TestApp::on(db, config);
    assert_eq!(public.req(Method::Get, "/api/v1/localities").token(None).send().status, Status::Ok);
    let write =
        public.req(Method::Post, "/api/v1/localities").token(None).json(json!({"name": "Hà Nội", "level": "province"}));
    write.send().assert_problem_status(Status::Unauthorized);
}

#[test]
fn a_revoked_token_stops_working_at_once() {
    let w = world();
    let made =
        w.app.post("/api/v1/tokens", json!({"name": "cán bộ quận 11", "role": "editor", "locality_id": w.district}));
    assert_eq!(made.status, Status::Created, "{}", made.body);
    let secret = made.body["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("phk_") && secret.len() > 60);
    let listed = w.app.get(&format!("/api/v1/tokens/{}", made.id()));
    assert_eq!(listed.body.get("secret"), None, "a secret is shown once, never again");
    let body = agreement_body(&w.orgs, json!({"title": "Kế hoạch phối hợp số 1"}));
    let r = w.app.req(Method::Post, "/api/v1/agreements").token(Some(&secret)).json(body.clone()).send();
    assert_eq!(r.status, Status::Created, "{}", r.body);
    let r = w.app.req(Method::Delete, &format!("/api/v1/tokens/{}", made.id())).send();
    assert_eq!(r.status, Status::NoContent);
    let r = w.app.req(Method::Post, "/api/v1/agreements").token(Some(&secret)).json(body).send();
    r.assert_problem_status(Status::Unauthorized);
    assert!(w.app.get(&format!("/api/v1/tokens/{}", made.id())).body["revoked_at"].is_string());
    let r = w.app.post("/api/v1/tokens", json!({"name": "viewer", "role": "viewer"}));
    r.assert_problem(Status::Conflict, "name");
    // No admin locks themself out by a slip: a token cannot revoke itself.
    let me = w.app.get("/api/v1/tokens?limit=500").body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "admin")
        .map(|t| t["id"].as_i64().unwrap())
        .unwrap();
    w.app.req(Method::Delete, &format!("/api/v1/tokens/{me}")).send().assert_problem_status(Status::Conflict);
    assert_eq!(w.app.get("/api/v1/localities").status, Status::Ok);
    let r = w.app.post("/api/v1/tokens", json!({"name": "xem", "role": "viewer", "locality_id": w.district}));
    r.assert_problem(Status::UnprocessableEntity, "locality_id");
}
