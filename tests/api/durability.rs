//! A crash loses nothing acknowledged: the server is killed (SIGKILL) while clients register in
//! parallel; after a restart every registration answered 201 is there whole, nothing is half
//! stored, and SQLite finds the file intact.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use serde_json::{json, Value};

use crate::server::{phoihop, Server};
use crate::support::TestDb;

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct Line {
    #[diesel(sql_type = Text)]
    text: String,
}

/// An event with two agreements of two parties each: one registration.
fn registration(orgs: &[i64], n: usize) -> Value {
    let agreement = |title: String| {
        json!({"title": title, "kind": "coordination_plan", "period": {"start_year": 2024, "end_year": 2029},
               "parties": [{"organization_id": orgs[0], "role": "lead"}, {"organization_id": orgs[1], "role": "signatory"}]})
    };
    json!({"kind": "signing", "title": format!("Hội nghị ký kết số {n}"),
           "agreements": [agreement(format!("Kế hoạch {n}a")), agreement(format!("Kế hoạch {n}b"))]})
}

#[test]
fn a_killed_server_loses_no_acknowledged_registration() {
    let (_db, url) = TestDb::sqlite();
    phoihop(&url, &["migrate"]);
    let token = phoihop(&url, &["token", "create", "--name", "loader", "--role", "admin"]).trim().to_string();
    let server = Server::start(&url);
    let post = |path: &str, body: Value| server.call("POST", path, Some(&token), Some(&body), &[]).unwrap();
    let city = post("/api/v1/localities", json!({"name": "TP. Hồ Chí Minh", "level": "province"})).body["id"].clone();
    let orgs: Vec<i64> = ["Ủy ban MTTQ TP. Hồ Chí Minh", "Thành đoàn TP. Hồ Chí Minh"]
        .iter()
        .map(|name| {
            post("/api/v1/organizations", json!({"name": name, "kind": "other", "locality_id": city})).body["id"]
                .as_i64()
                .unwrap()
        })
        .collect();

    let acknowledged: Mutex<Vec<(i64, Vec<i64>)>> = Mutex::new(Vec::new());
    let failures: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let killed = AtomicBool::new(false);
    std::thread::scope(|s| {
        for client in 0..8 {
            let (server, token, orgs, acknowledged, failures, killed) =
                (&server, &token, &orgs, &acknowledged, &failures, &killed);
            s.spawn(move || {
                for n in (client..).step_by(8) {
                    match server.call("POST", "/api/v1/signing-events", Some(token), Some(&registration(orgs, n)), &[])
                    {
                        Ok(r) if r.status == 201 => {
                            let ids = r.body["agreement_ids"].as_array().unwrap().iter().map(|i| i.as_i64().unwrap());
                            acknowledged.lock().unwrap().push((r.body["id"].as_i64().unwrap(), ids.collect()));
                        }
                        Ok(r) => failures.lock().unwrap().push(format!("{}: {}", r.status, r.body)),
                        Err(_) if killed.load(Ordering::SeqCst) => break,
                        Err(e) => failures.lock().unwrap().push(e.to_string()),
                    }
                }
            });
        }
        let started = Instant::now();
        while acknowledged.lock().unwrap().len() < 60 && started.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(10));
        }
        killed.store(true, Ordering::SeqCst);
        server.kill();
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "before the kill every registration lands: {failures:?}");
    let acknowledged = acknowledged.into_inner().unwrap();
    assert!(acknowledged.len() >= 60, "{} registrations acknowledged", acknowledged.len());
    drop(server);

    let mut conn = SqliteConnection::establish(&url).unwrap();
    let check: Vec<Line> =
        diesel::sql_query("SELECT integrity_check AS text FROM pragma_integrity_check").load(&mut conn).unwrap();
    assert_eq!(check.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["ok"]);
    let count = |conn: &mut SqliteConnection, sql: &str| diesel::sql_query(sql).get_result::<Count>(conn).unwrap().n;
    let half_stored = [
        "SELECT count(*) AS n FROM signing_events e WHERE (SELECT count(*) FROM agreements a WHERE a.signing_event_id = e.id) <> 2",
        "SELECT count(*) AS n FROM agreements a WHERE (SELECT count(*) FROM parties p WHERE p.agreement_id = a.id) <> 2",
        "SELECT count(*) AS n FROM agreements a WHERE NOT EXISTS \
         (SELECT 1 FROM audit_log l WHERE l.record_type = 'agreement' AND l.record_id = a.id)",
        "SELECT count(*) AS n FROM signing_events e WHERE NOT EXISTS \
         (SELECT 1 FROM audit_log l WHERE l.record_type = 'signing_event' AND l.record_id = e.id)",
    ];
    for sql in half_stored {
        assert_eq!(count(&mut conn, sql), 0, "{sql}");
    }
    let stored = count(&mut conn, "SELECT count(*) AS n FROM signing_events");
    assert!(stored >= acknowledged.len() as i64, "{stored} stored, {} acknowledged", acknowledged.len());
    drop(conn);

    let server = Server::start(&url);
    for (event, agreements) in &acknowledged {
        let r = server.call("GET", &format!("/api/v1/signing-events/{event}"), Some(&token), None, &[]).unwrap();
        assert_eq!(r.status, 200, "acknowledged event {event} is there");
        let mut found: Vec<i64> =
            r.body["agreement_ids"].as_array().unwrap().iter().map(|i| i.as_i64().unwrap()).collect();
        found.sort();
        let mut wanted = agreements.clone();
        wanted.sort();
        assert_eq!(found, wanted, "event {event} with its agreements");
    }
}
