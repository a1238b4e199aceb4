use rocket::http::Status;
use serde_json::{json, Value};

use crate::support::{agreement_body, TestApp};

struct Fixture {
    app: TestApp,
    q11: i64,
    front: i64,
    women: i64,
    veterans: i64,
}

fn fixture() -> Fixture {
    let app = TestApp::new();
    let q11 = app.locality("Quận 11", "district", None);
    let front = app.org("Ủy ban MTTQ quận 11", "front_committee", Some(q11));
    let women = app.org("Hội LHPN quận 11", "womens_union", Some(q11));
    let veterans = app.org("Hội Cựu chiến binh quận 11", "veterans_association", Some(q11));
    Fixture { app, q11, front, women, veterans }
}

fn event_with(f: &Fixture, agreements: Vec<Value>) -> Value {
    json!({
        "kind": "signing",
        "title": "Hội nghị ký kết kế hoạch phối hợp",
        "held_on": "2017-05-11",
        "place": "Hội trường UB.MTTQ quận 11",
        "locality_id": f.q11,
        "host_id": f.front,
        "attendees": [{"name": "Đào Thanh Long", "position": "Chủ tịch UB.MTTQ quận", "organization_id": f.front}],
        "agreements": agreements,
    })
}

#[test]
fn an_event_is_registered_with_its_agreements() {
    let f = fixture();
    let body = event_with(
        &f,
        vec![
            agreement_body(&[f.front, f.women], json!({"title": "Kế hoạch phối hợp A"})),
            agreement_body(&[f.front, f.veterans], json!({"title": "Kế hoạch phối hợp B", "signed_on": "2017-05-12"})),
        ],
    );
    let r = f.app.post("/api/v1/signing-events", body);
    assert_eq!(r.status, Status::Created, "{}", r.body);
    let event = r.id();
    assert_eq!(r.location.as_deref(), Some(format!("/api/v1/signing-events/{event}").as_str()));
    let ids: Vec<i64> = r.body["agreement_ids"].as_array().unwrap().iter().map(|v| v.as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(r.body["attendees"][0]["name"], "Đào Thanh Long");
    let first = f.app.get(&format!("/api/v1/agreements/{}", ids[0])).body;
    assert_eq!(first["signing_event_id"], event);
    assert_eq!(first["signed_on"], "2017-05-11", "signed on the event's date");
    assert_eq!(first["locality_id"], f.q11);
    assert_eq!(f.app.get(&format!("/api/v1/agreements/{}", ids[1])).body["signed_on"], "2017-05-12");
}

#[test]
fn an_invalid_second_agreement_stores_nothing() {
    let f = fixture();
    let before = f.app.counts();
    let body = event_with(
        &f,
        vec![
            agreement_body(&[f.front, f.women], json!({})),
            agreement_body(&[f.front], json!({"period": {"start_year": 2019, "end_year": 2017}})),
        ],
    );
    let r = f.app.post("/api/v1/signing-events", body);
    r.assert_problem(Status::UnprocessableEntity, "agreements[1].parties");
    r.assert_problem(Status::UnprocessableEntity, "agreements[1].period.end_year");
    assert_eq!(r.error_fields().len(), 2, "the valid first agreement has no errors: {}", r.body);
    assert_eq!(f.app.counts(), before, "neither the event nor the first agreement was stored");
}

#[test]
fn agreements_belong_to_signing_events_only() {
    let f = fixture();
    let mut body = event_with(&f, vec![agreement_body(&[f.front, f.women], json!({}))]);
    body["kind"] = json!("briefing");
    f.app.post("/api/v1/signing-events", body).assert_problem(Status::UnprocessableEntity, "kind");
    let body = event_with(&f, vec![agreement_body(&[f.front, f.women], json!({"signing_event_id": 1}))]);
    f.app
        .post("/api/v1/signing-events", body)
        .assert_problem(Status::UnprocessableEntity, "agreements[0].signing_event_id");

    let event =
        f.app.post("/api/v1/signing-events", event_with(&f, vec![agreement_body(&[f.front, f.women], json!({}))])).id();
    let r = f.app.patch(&format!("/api/v1/signing-events/{event}"), json!({"kind": "review"}));
    r.assert_problem(Status::UnprocessableEntity, "kind");
    let r = f.app.patch(
        &format!("/api/v1/signing-events/{event}"),
        json!({"agreements": [agreement_body(&[f.front, f.women], json!({}))]}),
    );
    r.assert_problem(Status::UnprocessableEntity, "agreements");
    assert_eq!(f.app.count("agreements"), 1);
}

#[test]
fn an_event_without_agreements_and_its_updates() {
    let f = fixture();
    let r = f.app.post(
        "/api/v1/signing-events",
        json!({"kind": "briefing", "title": "Hội nghị tuyên truyền", "held_on": "2022-09-15", "host_id": f.front}),
    );
    assert_eq!(r.status, Status::Created, "{}", r.body);
    let id = r.id();
    assert_eq!(r.body["agreement_ids"], json!([]));
    let r = f.app.patch(
        &format!("/api/v1/signing-events/{id}"),
        json!({"attendees": [{"name": "Khổng Minh Thảo", "position": "Chủ tịch"}], "notes": "Buổi chiều"}),
    );
    assert_eq!(
        r.body["attendees"],
        json!([{"name": "Khổng Minh Thảo", "position": "Chủ tịch", "organization_id": null}])
    );
    assert_eq!(r.body["held_on"], "2022-09-15");
    assert_eq!(f.app.delete(&format!("/api/v1/signing-events/{id}")).status, Status::NoContent);
    assert_eq!(f.app.get(&format!("/api/v1/signing-events/{id}")).status, Status::NotFound);
}

#[test]
fn an_event_with_agreements_cannot_be_deleted() {
    let f = fixture();
    let event =
        f.app.post("/api/v1/signing-events", event_with(&f, vec![agreement_body(&[f.front, f.women], json!({}))])).id();
    f.app.delete(&format!("/api/v1/signing-events/{event}")).assert_problem(Status::Conflict, "agreements");
    f.app.delete(&format!("/api/v1/organizations/{}", f.front)).assert_problem(Status::Conflict, "signing_events");
    assert_eq!(f.app.count("signing-events"), 1);
}

#[test]
fn bad_events_name_the_field() {
    let f = fixture();
    let before = f.app.counts();
    let mut cases: Vec<(Value, &str)> = Vec::new();
    for (field, value) in [
        ("held_on", json!("2017-02-30")),
        ("title", json!(" ")),
        ("kind", json!("party")),
        ("locality_id", json!(999)),
        ("host_id", json!(999)),
        ("attendees", json!([{"name": "A", "organization_id": 999}])),
        ("attendees", json!([{"name": ""}])),
    ] {
        let mut body = event_with(&f, vec![]);
        body[field] = value;
        let expected = match field {
            "attendees" if body[field][0]["name"] == "" => "attendees[0].name",
            "attendees" => "attendees[0].organization_id",
            other => other,
        };
        cases.push((body, expected));
    }
    for (body, field) in cases {
        f.app.post("/api/v1/signing-events", body).assert_problem(Status::UnprocessableEntity, field);
    }
    assert_eq!(f.app.counts(), before);
}

#[test]
fn lists_filter_by_kind_place_host_and_date() {
    let f = fixture();
    let signing = f.app.post("/api/v1/signing-events", event_with(&f, vec![])).id();
    let briefing = f
        .app
        .post(
            "/api/v1/signing-events",
            json!({"kind": "briefing", "title": "Hội nghị tuyên truyền", "held_on": "2022-09-15"}),
        )
        .id();
    let undated = f.app.post("/api/v1/signing-events", json!({"title": "Hội nghị ký kết năm chưa rõ"})).id();
    let ids = |query: &str| f.app.get(&format!("/api/v1/signing-events?{query}")).ids();
    assert_eq!(ids(""), vec![briefing, signing, undated], "newest first, undated last");
    assert_eq!(ids("kind=briefing"), vec![briefing]);
    assert_eq!(ids(&format!("locality={}", f.q11)), vec![signing]);
    assert_eq!(ids(&format!("host_id={}", f.front)), vec![signing]);
    assert_eq!(ids("held_from=2020-01-01"), vec![briefing]);
    assert_eq!(ids("held_to=2020-01-01"), vec![signing]);
    assert_eq!(ids("q=tuyen%20truyen"), vec![briefing]);
    f.app.get("/api/v1/signing-events?held_from=15/09/2022").assert_problem(Status::BadRequest, "held_from");
}
