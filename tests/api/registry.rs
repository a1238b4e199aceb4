//! The registry service without HTTP: a face that calls it directly (the command line, the web
//! pages, imports) gets the same rules, scope and audit entries as the API.

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use phoihop::db::transaction;
use phoihop::models::enums::Role;
use phoihop::models::signing_event::{SigningEvent, SigningEventInput};
use phoihop::models::token;
use phoihop::registry;

use crate::support::{agreement_body, make_token, TestApp};

/// The audit entries of a registration (the event, then its agreements), without what differs
/// between two registrations of the same thing: ids, times and who acted.
fn trail_of(app: &TestApp, event: i64, agreements: &[Value]) -> Vec<Value> {
    let mut records = vec![("signing_event", event)];
    records.extend(agreements.iter().map(|a| ("agreement", a.as_i64().unwrap())));
    records
        .into_iter()
        .map(|(kind, id)| {
            let trail = app.get(&format!("/api/v1/audit?record_type={kind}&record_id={id}"));
            let mut entry = trail.body["items"][0].clone();
            for field in ["id", "at", "actor", "token_id", "record_id"] {
                entry[field] = Value::Null;
            }
            for volatile in ["id", "signing_event_id", "agreement_ids"] {
                if entry["after"].get(volatile).is_some() {
                    entry["after"][volatile] = Value::Null;
                }
            }
            entry
        })
        .collect()
}

#[test]
fn a_registration_through_the_service_is_scoped_and_audited_as_through_the_api() {
    let app = TestApp::new();
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let q11 = app.locality("Quận 11", "district", Some(hcm));
    let ct = app.locality("TP. Cần Thơ", "province", None);
    let front = app.org("Ủy ban MTTQ quận 11", "front_committee", Some(q11));
    let women = app.org("Hội LHPN quận 11", "womens_union", Some(q11));
    let far = app.org("Liên hiệp các tổ chức hữu nghị TP. Cần Thơ", "friendship_union", Some(ct));
    let body = |parties: &[i64]| {
        json!({"title": "Lễ ký kết", "held_on": "2017-05-11", "locality_id": q11, "host_id": front,
               "agreements": [agreement_body(parties, json!({}))]})
    };
    let secret = make_token(&app.db_url, "cán bộ quận 11", Role::Editor, Some(q11));
    let through_api =
        app.req(Method::Post, "/api/v1/signing-events").token(Some(&secret)).json(body(&[front, women])).send();
    assert_eq!(through_api.status, Status::Created, "{}", through_api.body);

    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap();
    let mut conn = pool.get().unwrap();
    let editor = token::holder(&mut conn, &secret).unwrap().expect("the token's holder");
    let input: SigningEventInput = serde_json::from_value(body(&[front, women])).unwrap();
    let saved = transaction(&mut conn, |c| registry::create::<SigningEvent>(c, &editor, input)).expect("registered");
    assert_eq!(saved.version, 1);
    let direct = &saved.record;
    assert_eq!(
        trail_of(&app, direct.id, &direct.agreement_ids.iter().map(|a| json!(a)).collect::<Vec<_>>()),
        trail_of(&app, through_api.id(), through_api.body["agreement_ids"].as_array().unwrap()),
        "the same entries, apart from ids, times and who acted"
    );

    // Outside the editor's scope the service refuses as the API does, and writes nothing.
    let counts = app.counts();
    let outside: SigningEventInput = serde_json::from_value(body(&[front, far])).unwrap();
    let refused = transaction(&mut conn, |c| registry::create::<SigningEvent>(c, &editor, outside)).unwrap_err();
    let via_api = app.req(Method::Post, "/api/v1/signing-events").token(Some(&secret)).json(body(&[front, far])).send();
    assert_eq!((refused.status.code, via_api.status.code), (403, 403));
    assert_eq!(
        refused.errors.iter().map(|e| e.field.clone()).collect::<Vec<_>>(),
        via_api.error_fields(),
        "the same fields named"
    );
    assert_eq!(app.counts(), counts);
}
