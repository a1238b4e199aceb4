//! An agreement's locality, one rule everywhere (the answer, the `locality=` filter, an editor's
//! scope), kept by every write that can change it; and which organizations a scoped editor may
//! name as parties.

use rocket::http::{Method, Status};
use serde_json::{json, Value};

use phoihop::models::enums::Role;

use crate::support::{agreement_body, make_token, TestApp};

struct Places {
    hcm: i64,
    q11: i64,
    ct: i64,
    front_hcm: i64,
    front11: i64,
    women11: i64,
    front_ct: i64,
    friends_ct: i64,
    foreign: i64,
}

fn places(app: &TestApp) -> Places {
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let q11 = app.locality("Quận 11", "district", Some(hcm));
    let ct = app.locality("TP. Cần Thơ", "province", None);
    Places {
        hcm,
        q11,
        ct,
        front_hcm: app.org("Ủy ban MTTQ TP. Hồ Chí Minh", "front_committee", Some(hcm)),
        front11: app.org("Ủy ban MTTQ quận 11", "front_committee", Some(q11)),
        women11: app.org("Hội LHPN quận 11", "womens_union", Some(q11)),
        front_ct: app.org("Ủy ban MTTQ TP. Cần Thơ", "front_committee", Some(ct)),
        friends_ct: app.org("Liên hiệp các tổ chức hữu nghị TP. Cần Thơ", "friendship_union", Some(ct)),
        foreign: app.org("Hội Hữu nghị Nhật – Việt", "foreign_organization", None),
    }
}

/// The agreement's locality as answered, and the localities whose `locality=` list holds it
/// (each must be that locality or contain it).
fn located(app: &TestApp, p: &Places, id: i64) -> Option<i64> {
    let answered = app.get(&format!("/api/v1/agreements/{id}")).body["locality_id"].as_i64();
    for place in [p.hcm, p.q11, p.ct] {
        let listed = app.get(&format!("/api/v1/agreements?locality={place}")).ids().contains(&id);
        let inside = answered.is_some_and(|l| l == place || (place == p.hcm && l == p.q11));
        assert_eq!(listed, inside, "agreement {id} listed in locality {place}; answered {answered:?}");
    }
    let pool = phoihop::db::connect(&phoihop::Config::new(app.db_url.clone())).unwrap();
    let stale = phoihop::models::agreement_locality::out_of_date(&mut pool.get().unwrap()).unwrap();
    assert!(stale.is_empty(), "stored localities that the rule no longer gives: {stale:?}");
    answered
}

fn event(app: &TestApp, body: Value) -> i64 {
    let r = app.post("/api/v1/signing-events", body);
    assert_eq!(r.status, Status::Created, "{}", r.body);
    r.id()
}

#[test]
fn an_agreements_locality_follows_every_write_that_decides_it() {
    let app = TestApp::new();
    let p = places(&app);
    // Hosted by Quận 11's Front committee, held nowhere in particular, led by the city: Quận 11's.
    let e = event(&app, json!({"title": "Lễ ký kết", "host_id": p.front11}));
    let a = app.agreement_between(&[p.front_hcm, p.women11], json!({"signing_event_id": e}));
    assert_eq!(located(&app, &p, a), Some(p.q11));
    // The event's own locality comes first.
    app.patch(&format!("/api/v1/signing-events/{e}"), json!({"locality_id": p.ct}));
    assert_eq!(located(&app, &p, a), Some(p.ct));
    // Its host's, when it has none.
    app.patch(&format!("/api/v1/signing-events/{e}"), json!({"locality_id": null, "host_id": p.front_ct}));
    assert_eq!(located(&app, &p, a), Some(p.ct));
    // The host's locality moves with the host.
    app.patch(&format!("/api/v1/organizations/{}", p.front_ct), json!({"locality_id": p.hcm}));
    assert_eq!(located(&app, &p, a), Some(p.hcm));
    // An event with neither: the first lead party's.
    app.patch(&format!("/api/v1/signing-events/{e}"), json!({"host_id": null}));
    assert_eq!(located(&app, &p, a), Some(p.hcm));

    // Without an event: the first lead's, and it follows the lead, its locality, and an event given later.
    let b = app.agreement_between(&[p.women11, p.friends_ct], json!({}));
    assert_eq!(located(&app, &p, b), Some(p.q11));
    let lead_ct = json!([{"organization_id": p.friends_ct, "role": "lead"}, {"organization_id": p.women11}]);
    app.patch(&format!("/api/v1/agreements/{b}"), json!({"parties": lead_ct}));
    assert_eq!(located(&app, &p, b), Some(p.ct));
    app.patch(&format!("/api/v1/organizations/{}", p.friends_ct), json!({"locality_id": null}));
    assert_eq!(located(&app, &p, b), None, "a lead with no locality gives none");
    let held = event(&app, json!({"title": "Hội nghị", "locality_id": p.q11}));
    app.patch(&format!("/api/v1/agreements/{b}"), json!({"signing_event_id": held}));
    assert_eq!(located(&app, &p, b), Some(p.q11));
}

#[test]
fn a_scoped_editor_moves_no_agreement_across_its_locality_by_any_write() {
    let app = TestApp::new();
    let p = places(&app);
    let editor = make_token(&app.db_url, "cán bộ quận 11", Role::Editor, Some(p.q11));
    let as_editor = |method: Method, path: &str, body: Value| {
        let etag = app.etag(path);
        app.req(method, path).token(Some(&editor)).if_match(&etag).json(body).send()
    };
    // Each way of moving an agreement out of Quận 11, or of pulling one in: refused, nothing changed.
    let hosted = event(&app, json!({"title": "Lễ ký kết", "host_id": p.front11}));
    let a = app.agreement_between(&[p.front_hcm, p.women11], json!({"signing_event_id": hosted}));
    let held = event(&app, json!({"title": "Hội nghị", "locality_id": p.q11, "host_id": p.front_ct}));
    let b = app.agreement_between(&[p.front_ct, p.friends_ct], json!({"signing_event_id": held}));
    let c = app.agreement_between(&[p.women11, p.front11], json!({}));
    let city = app.agreement_between(&[p.front_hcm, p.front_ct], json!({}));
    let before: Vec<Option<i64>> = [a, b, c, city].iter().map(|id| located(&app, &p, *id)).collect();
    assert_eq!(before, [Some(p.q11), Some(p.q11), Some(p.q11), Some(p.hcm)]);

    let refused = [
        as_editor(Method::Patch, &format!("/api/v1/signing-events/{hosted}"), json!({"locality_id": p.ct})),
        as_editor(Method::Patch, &format!("/api/v1/signing-events/{hosted}"), json!({"host_id": p.front_hcm})),
        as_editor(Method::Patch, &format!("/api/v1/signing-events/{held}"), json!({"locality_id": null})),
        as_editor(Method::Patch, &format!("/api/v1/organizations/{}", p.women11), json!({"locality_id": p.ct})),
        as_editor(
            Method::Patch,
            &format!("/api/v1/agreements/{c}"),
            json!({"parties": [{"organization_id": p.front_hcm, "role": "lead"}, {"organization_id": p.women11}]}),
        ),
        as_editor(Method::Patch, &format!("/api/v1/agreements/{city}"), json!({"signing_event_id": hosted})),
        as_editor(Method::Patch, &format!("/api/v1/signing-events/{hosted}"), json!({"locality_id": null})),
    ];
    // The last one changes nothing: the host still places the event in Quận 11.
    for (i, r) in refused[..refused.len() - 1].iter().enumerate() {
        r.assert_problem_status(Status::Forbidden);
        assert!(r.body["detail"].is_string(), "change {i}: {}", r.body);
    }
    assert_eq!(refused[refused.len() - 1].status, Status::Ok, "{}", refused[refused.len() - 1].body);
    let after: Vec<Option<i64>> = [a, b, c, city].iter().map(|id| located(&app, &p, *id)).collect();
    assert_eq!(after, before);
    // Within Quận 11 the editor works as before: the hosted event's agreement is Quận 11's, and
    // the city's lead, named by someone allowed to, may stay.
    let r = as_editor(Method::Patch, &format!("/api/v1/agreements/{a}"), json!({"topic": "Đối ngoại nhân dân"}));
    assert_eq!(r.status, Status::Ok, "{}", r.body);
}

#[test]
fn a_scoped_editor_names_parties_inside_its_locality_or_above_it() {
    let app = TestApp::new();
    let p = places(&app);
    let editor = make_token(&app.db_url, "cán bộ quận 11", Role::Editor, Some(p.q11));
    let post = |body: Value| app.req(Method::Post, "/api/v1/agreements").token(Some(&editor)).json(body).send();
    let counts = app.counts();
    // Another province's organizations may not be named, as lead or as co-signer.
    let r = post(agreement_body(&[p.front11, p.friends_ct], json!({})));
    r.assert_problem(Status::Forbidden, "parties[1].organization_id");
    let r = post(agreement_body(
        &[p.front_hcm, p.friends_ct],
        json!({"parties": [
        {"organization_id": p.front11, "role": "lead"},
        {"organization_id": p.front_hcm, "role": "signatory"},
        {"organization_id": p.friends_ct, "role": "witness"}]}),
    ));
    r.assert_problem(Status::Forbidden, "parties[2].organization_id");
    // Nor may one above Quận 11 lead its agreement.
    let r = post(agreement_body(
        &[p.front11, p.front_hcm],
        json!({"parties": [
        {"organization_id": p.front11, "role": "lead"}, {"organization_id": p.front_hcm, "role": "lead"}]}),
    ));
    r.assert_problem(Status::Forbidden, "parties[1].organization_id");
    // Nor may a registration, through its event.
    let r = app
        .req(Method::Post, "/api/v1/signing-events")
        .token(Some(&editor))
        .json(json!({"title": "Lễ ký kết", "locality_id": p.q11,
                     "agreements": [agreement_body(&[p.front11, p.front_ct], json!({}))]}))
        .send();
    r.assert_problem(Status::Forbidden, "agreements[0].parties[1].organization_id");
    assert_eq!(app.counts(), counts, "nothing was written");

    // Led inside, with the city above and an organization of no locality (a foreign one) beside.
    let r = post(agreement_body(&[p.front11, p.women11, p.front_hcm, p.foreign], json!({})));
    assert_eq!(r.status, Status::Created, "{}", r.body);
    // An editor for everywhere, and an admin, name anyone.
    let everywhere = make_token(&app.db_url, "cán bộ trung ương", Role::Editor, None);
    let body = agreement_body(&[p.front11, p.friends_ct], json!({}));
    let r = app.req(Method::Post, "/api/v1/agreements").token(Some(&everywhere)).json(body).send();
    assert_eq!(r.status, Status::Created, "{}", r.body);
}
