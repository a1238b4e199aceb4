//! Writers in parallel on one database: every write either lands or is refused by a rule, never
//! fails for lack of the database lock, and checks made before writing hold until the commit.

use rocket::futures::future::join_all;
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::Client;
use serde_json::json;

use phoihop::{build, Config};

use std::time::{Duration, Instant};

use phoihop::models::enums::Role;
use serde_json::Value;

use crate::server::Server;
use crate::support::{agreement_body, make_token, TestDb};

#[rocket::async_test]
async fn parallel_writers_all_land() {
    let (_db, url) = TestDb::of_backend();
    let client = Client::tracked(build(Config::new(url.clone()))).await.unwrap();
    let admin = Header::new("Authorization", format!("Bearer {}", make_token(&url, "admin", Role::Admin, None)));
    // Each create reads (duplicate and reference checks) before it writes: with deferred
    // transactions two of them deadlock on the lock upgrade.
    let requests = (0..24).map(|i| {
        client
            .post("/api/v1/organizations")
            .header(ContentType::JSON)
            .header(admin.clone())
            .body(json!({"name": format!("Hội Nông dân xã {i}"), "kind": "farmers_union"}).to_string())
            .dispatch()
    });
    let statuses: Vec<Status> = join_all(requests).await.iter().map(|r| r.status()).collect();
    assert!(statuses.iter().all(|s| *s == Status::Created), "{statuses:?}");
    let duplicates = (0..8).map(|_| {
        client
            .post("/api/v1/organizations")
            .header(ContentType::JSON)
            .header(admin.clone())
            .body(json!({"name": "Hội Cựu chiến binh xã A", "kind": "veterans_association"}).to_string())
            .dispatch()
    });
    let mut statuses: Vec<u16> = join_all(duplicates).await.iter().map(|r| r.status().code).collect();
    statuses.sort();
    assert_eq!(statuses, [201, 409, 409, 409, 409, 409, 409, 409], "one lands, the others are duplicates");
    let list = client.get("/api/v1/organizations?limit=1").header(admin.clone()).dispatch().await;
    let body: serde_json::Value = serde_json::from_str(&list.into_string().await.unwrap()).unwrap();
    assert_eq!(body["total"], 25);
}

/// What one client saw.
#[derive(Default)]
struct Seen {
    /// (idempotency key, event id) of every registration answered 201.
    registered: Vec<(String, i64)>,
    /// (agreement, topic written) of every edit answered 200.
    edited: Vec<(i64, String)>,
    stale: usize,
    wrong: Vec<String>,
}

/// Every entry of a list, page by page.
fn all_items(server: &Server, token: &str, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    loop {
        let page =
            server.call("GET", &format!("{path}&limit=500&offset={}", items.len()), Some(token), None, &[]).unwrap();
        let got = page.body["items"].as_array().unwrap().clone();
        if got.is_empty() {
            return items;
        }
        items.extend(got);
    }
}

/// 16 clients against the real server for a bounded time: half their requests register events
/// (some sent twice under one Idempotency-Key, as a client retries after a timeout), half edit
/// four shared agreements with If-Match. Nothing answers 5xx, nothing is lost or doubled, and
/// every edit that did not start from the current version was refused with 412: the audit
/// trail shows each agreement's edits as one unbroken chain.
#[test]
fn sixteen_clients_register_and_edit_without_losing_or_doubling_anything() {
    let (_db, url) = TestDb::of_backend();
    let server = Server::start(&url);
    let token = make_token(&url, "staff", Role::Editor, None);
    let post = |path: &str, body: Value| server.call("POST", path, Some(&token), Some(&body), &[]).unwrap().body;
    let city = post("/api/v1/localities", json!({"name": "TP. Hồ Chí Minh", "level": "province"}));
    let city = city["id"].as_i64();
    let orgs: Vec<i64> = ["Ủy ban MTTQ TP. Hồ Chí Minh", "Hội LHPN TP. Hồ Chí Minh"]
        .iter()
        .map(|name| {
            post("/api/v1/organizations", json!({"name": name, "kind": "other", "locality_id": city}))["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    let agreement = |title: String| agreement_body(&orgs, json!({"title": title}));
    let shared: Vec<i64> = (0..4)
        .map(|i| post("/api/v1/agreements", agreement(format!("Chương trình phối hợp {i}")))["id"].as_i64().unwrap())
        .collect();

    let deadline = Instant::now() + Duration::from_secs(3);
    let seen: Vec<Seen> = std::thread::scope(|s| {
        let clients: Vec<_> = (0..16)
            .map(|client| {
                let (server, token, shared, agreement) = (&server, &token, &shared, &agreement);
                s.spawn(move || {
                    let mut seen = Seen::default();
                    let mut step = 0;
                    while Instant::now() < deadline {
                        step += 1;
                        if step % 2 == 0 {
                            let key = format!("client-{client}-{step}");
                            let body = json!({"kind": "signing", "title": format!("Hội nghị {key}"),
                                              "agreements": [agreement(format!("Kế hoạch {key}"))]});
                            let tries = if step % 4 == 0 { 2 } else { 1 };
                            let mut ids = Vec::new();
                            for _ in 0..tries {
                                let headers = [("Idempotency-Key", key.as_str())];
                                match server.call("POST", "/api/v1/signing-events", Some(token), Some(&body), &headers)
                                {
                                    // A retry is answered as a replay, the first try not.
                                    Ok(r) if r.status == 201 && r.replayed != ids.is_empty() => {
                                        ids.push(r.body["id"].as_i64().unwrap())
                                    }
                                    Ok(r) => seen.wrong.push(format!("register {}: {}", r.status, r.body)),
                                    Err(e) => seen.wrong.push(format!("register: {e}")),
                                }
                            }
                            if ids.windows(2).any(|w| w[0] != w[1]) {
                                seen.wrong.push(format!("the retry of {key} made another event: {ids:?}"));
                            }
                            seen.registered.extend(ids.first().map(|id| (key, *id)));
                        } else {
                            let id = shared[(client + step) % shared.len()];
                            let path = format!("/api/v1/agreements/{id}");
                            let current = match server.call("GET", &path, Some(token), None, &[]) {
                                Ok(r) if r.status == 200 => r,
                                other => {
                                    seen.wrong.push(format!("read: {other:?}"));
                                    continue;
                                }
                            };
                            let topic = format!("client {client} step {step}");
                            let tag = current.etag.unwrap_or_default();
                            let edit = json!({"topic": topic});
                            match server.call("PATCH", &path, Some(token), Some(&edit), &[("If-Match", &tag)]) {
                                Ok(r) if r.status == 200 => seen.edited.push((id, topic)),
                                Ok(r) if r.status == 412 => seen.stale += 1,
                                Ok(r) => seen.wrong.push(format!("edit {}: {}", r.status, r.body)),
                                Err(e) => seen.wrong.push(format!("edit: {e}")),
                            }
                        }
                    }
                    seen
                })
            })
            .collect();
        clients.into_iter().map(|c| c.join().unwrap()).collect()
    });

    let wrong: Vec<&String> = seen.iter().flat_map(|s| &s.wrong).collect();
    assert!(wrong.is_empty(), "{wrong:?}");
    let registered: Vec<&(String, i64)> = seen.iter().flat_map(|s| &s.registered).collect();
    let events = all_items(&server, &token, "/api/v1/signing-events?kind=signing");
    assert_eq!(events.len(), registered.len(), "one event per key: none lost, none doubled");
    for (key, id) in &registered {
        assert!(events.iter().any(|e| e["id"] == *id && e["title"] == format!("Hội nghị {key}")), "{key}");
    }
    assert!(seen.iter().map(|s| s.stale).sum::<usize>() > 0, "the clients did collide");

    for id in &shared {
        let acknowledged: Vec<&String> =
            seen.iter().flat_map(|s| &s.edited).filter(|(a, _)| a == id).map(|(_, t)| t).collect();
        let mut chain = all_items(&server, &token, &format!("/api/v1/audit?record_type=agreement&record_id={id}"));
        chain.retain(|e| e["action"] == "update");
        chain.reverse();
        assert_eq!(chain.len(), acknowledged.len(), "agreement {id}: one audited update per 200");
        let mut topic = Value::Null;
        for (n, entry) in chain.iter().enumerate() {
            assert_eq!(entry["version"], n as i64 + 2, "agreement {id}: versions in order");
            assert_eq!(entry["before"]["topic"], topic, "agreement {id}: each edit started from the one before");
            topic = entry["after"]["topic"].clone();
            assert!(acknowledged.iter().any(|t| **t == topic), "agreement {id}: {topic} was acknowledged");
        }
        let now = server.call("GET", &format!("/api/v1/agreements/{id}"), Some(&token), None, &[]).unwrap();
        assert_eq!(now.etag, Some(format!("\"{}\"", chain.len() + 1)));
        assert_eq!(now.body["topic"], topic, "agreement {id}: the last acknowledged edit is what stands");
    }
}
