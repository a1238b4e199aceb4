use rocket::http::Status;
use serde_json::{json, Value};

use crate::support::{agreement_body, enc, TestApp};

/// Two organizations to sign with.
fn parties(app: &TestApp) -> (i64, i64) {
    (
        app.org("Ủy ban MTTQ quận 11", "front_committee", None),
        app.org("Hội Liên hiệp Phụ nữ quận 11", "womens_union", None),
    )
}

#[test]
fn create_embeds_parties_and_directives() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let body = agreement_body(
        &[a, b],
        json!({"directives": [{"directive_id": ct}], "tasks": ["Tuyên truyền", "Tập huấn"], "signed_on": "2022-07-29",
               "source_url": "https://example.org/bai-bao"}),
    );
    let r = app.post("/api/v1/agreements", body);
    assert_eq!(r.status, Status::Created, "{}", r.body);
    let id = r.id();
    assert_eq!(r.location.as_deref(), Some(format!("/api/v1/agreements/{id}").as_str()));
    let got = app.get(&format!("/api/v1/agreements/{id}")).body;
    assert_eq!(got["parties"][0]["organization_name"], "Ủy ban MTTQ quận 11");
    assert_eq!(got["parties"][0]["role"], "lead");
    assert_eq!(got["parties"][1]["role"], "signatory");
    assert_eq!(got["directives"], json!([{"directive_id": ct, "symbol": "12-CT/TW", "relation": "implements"}]));
    assert_eq!(got["tasks"], json!(["Tuyên truyền", "Tập huấn"]));
    assert_eq!(got["period"], json!({"start_year": 2022, "end_year": 2025}));
    assert_eq!(got["signed_on"], "2022-07-29");

    let parties = app.get(&format!("/api/v1/agreements/{id}/parties"));
    assert_eq!(parties.total(), 2);
    assert_eq!(parties.body["items"][1]["organization_id"], b);
}

#[test]
fn update_and_delete() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let c = app.org("Hội Cựu chiến binh quận 11", "veterans_association", None);
    let id = app.agreement_between(&[a, b], json!({}));
    let r = app.patch(
        &format!("/api/v1/agreements/{id}"),
        json!({"title": "Quy chế phối hợp", "kind": "coordination_regulation"}),
    );
    assert_eq!(
        (r.body["title"].as_str(), r.body["kind"].as_str()),
        (Some("Quy chế phối hợp"), Some("coordination_regulation"))
    );
    assert_eq!(r.body["parties"].as_array().unwrap().len(), 2, "parties untouched");
    let r = app.patch(&format!("/api/v1/agreements/{id}"), json!({"period": {"end_year": 2026}}));
    assert_eq!(r.body["period"], json!({"start_year": 2022, "end_year": 2026}), "a nested patch merges");
    let r = app.patch(
        &format!("/api/v1/agreements/{id}"),
        json!({"parties": [{"organization_id": a, "role": "lead"}, {"organization_id": c}]}),
    );
    let names: Vec<&str> =
        r.body["parties"].as_array().unwrap().iter().map(|p| p["organization_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ủy ban MTTQ quận 11", "Hội Cựu chiến binh quận 11"]);
    assert_eq!(app.delete(&format!("/api/v1/agreements/{id}")).status, Status::NoContent);
    assert_eq!(app.get(&format!("/api/v1/agreements/{id}")).status, Status::NotFound);
    assert_eq!(app.delete(&format!("/api/v1/agreements/{id}")).status, Status::NotFound);
}

#[test]
fn directives_may_be_referenced_by_symbol_as_written() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let ct = app.directive(json!({"symbol": "12-CT/TW", "issued_on": "2022-01-05"}));
    let body = agreement_body(&[a, b], json!({"directives": [{"symbol": "Chỉ thị số 12-CT/TW", "relation": "cites"}]}));
    let r = app.post("/api/v1/agreements", body);
    assert_eq!(r.body["directives"], json!([{"directive_id": ct, "symbol": "12-CT/TW", "relation": "cites"}]));

    let r = app.post("/api/v1/agreements", agreement_body(&[a, b], json!({"directives": [{"symbol": "99-CT/TW"}]})));
    r.assert_problem(Status::UnprocessableEntity, "directives[0].symbol");
    let other_term = app.directive(json!({"symbol": "12-CT/TW", "issued_on": "2007-01-11"}));
    let r = app.post("/api/v1/agreements", agreement_body(&[a, b], json!({"directives": [{"symbol": "12/CT-TW"}]})));
    r.assert_problem(Status::UnprocessableEntity, "directives[0].symbol");
    let message = r.message_of("directives[0].symbol");
    assert!(
        message.contains(&ct.to_string()) && message.contains(&other_term.to_string()),
        "names the candidates: {message}"
    );
    let r = app.post("/api/v1/agreements", agreement_body(&[a, b], json!({"directives": [{}]})));
    r.assert_problem(Status::UnprocessableEntity, "directives[0].directive_id");
    let r = app.post(
        "/api/v1/agreements",
        agreement_body(&[a, b], json!({"directives": [{"directive_id": ct}, {"directive_id": ct}]})),
    );
    r.assert_problem(Status::UnprocessableEntity, "directives[1]");
    assert_eq!(app.count("agreements"), 1);
}

/// A registry whose date is `date`, which the test may move (statuses are derived from it).
fn app_on(date: &str) -> (TestApp, phoihop::clock::Clock) {
    let clock = phoihop::clock::Clock::fixed(date.parse().unwrap());
    let (db, url) = crate::support::TestDb::of_backend();
    let mut config = phoihop::Config::new(url);
    config.clock = clock.clone();
    (TestApp::on(db, config), clock)
}

#[test]
fn status_follows_the_period_unless_decided() {
    // New Year's Eve in Vietnam: the registry's year, not UTC's, decides.
    let (app, _) = app_on("2025-12-31");
    let (a, b) = parties(&app);
    let y = 2025;
    let make = |start: i64, end: i64| {
        app.agreement_between(&[a, b], json!({"period": {"start_year": start, "end_year": end}}))
    };
    let past = make(y - 5, y - 2);
    let now = make(y - 1, y + 1);
    let future = make(y + 1, y + 3);
    let status = |id: i64| app.get(&format!("/api/v1/agreements/{id}")).body["status"].as_str().unwrap().to_string();
    assert_eq!((status(past), status(now), status(future)), ("expired".into(), "in_force".into(), "upcoming".into()));

    let r = app.patch(&format!("/api/v1/agreements/{now}"), json!({"status": "terminated"}));
    assert_eq!(r.body["status"], "terminated");
    let r = app.patch(&format!("/api/v1/agreements/{future}"), json!({"status": "in_force"}));
    r.assert_problem(Status::UnprocessableEntity, "status");

    let with = |s: &str| app.get(&format!("/api/v1/agreements?status={s}")).ids();
    assert_eq!(with("expired"), vec![past]);
    assert_eq!(with("upcoming"), vec![future]);
    assert_eq!(with("terminated"), vec![now]);
    assert!(with("in_force").is_empty());
    let r = app.patch(&format!("/api/v1/agreements/{now}"), json!({"status": null}));
    assert_eq!(r.body["status"], "in_force", "clearing the decision derives it again");
}

#[test]
fn a_status_turns_when_the_registrys_date_does_and_no_kept_answer_is_a_day_old() {
    let (app, clock) = app_on("2025-12-31");
    let (a, b) = parties(&app);
    let plan = app.agreement_between(&[a, b], json!({"period": {"start_year": 2022, "end_year": 2025}}));
    let status = || app.get(&format!("/api/v1/agreements/{plan}")).body["status"].clone();
    let in_force = || app.get("/api/v1/agreements?status=in_force").ids();
    assert_eq!((status(), in_force()), (json!("in_force"), vec![plan]));
    assert_eq!((status(), in_force()), (json!("in_force"), vec![plan]), "asked again, from memory");
    clock.set("2026-01-01".parse().unwrap());
    assert_eq!((status(), in_force()), (json!("expired"), vec![]), "the next day, nothing kept from the day before");
}

#[test]
fn bad_agreements_are_refused_naming_the_field_and_write_nothing() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let before = app.counts();
    let cases: Vec<(Value, &str)> = vec![
        (json!({"period": {"start_year": 2025, "end_year": 2022}}), "period.end_year"),
        (json!({"period": {"start_year": 1800, "end_year": 2022}}), "period.start_year"),
        (json!({"title": ""}), "title"),
        (json!({"title": "   \t "}), "title"),
        (json!({"kind": "treaty"}), "kind"),
        (json!({"signed_on": "2017-13-45"}), "signed_on"),
        (json!({"signed_on": "11/5/2017"}), "signed_on"),
        (json!({"parties": [{"organization_id": a}]}), "parties"),
        (json!({"parties": [{"organization_id": a}, {"organization_id": a}]}), "parties[1].organization_id"),
        (json!({"parties": [{"organization_id": a}, {"organization_id": 999}]}), "parties[1].organization_id"),
        (json!({"parties": [{"organization_id": a, "role": "boss"}, {"organization_id": b}]}), "parties[0].role"),
        (json!({"signing_event_id": 999}), "signing_event_id"),
        (json!({"replaces_id": 999}), "replaces_id"),
        (json!({"tasks": ["Tuyên truyền", " "]}), "tasks[1]"),
        (json!({"titel": "typo"}), "titel"),
    ];
    for (extra, field) in cases {
        let r = app.post("/api/v1/agreements", agreement_body(&[a, b], extra.clone()));
        r.assert_problem(Status::UnprocessableEntity, field);
        assert!(!r.message_of(field).is_empty(), "{extra}: {}", r.body);
    }
    let mut missing_title = agreement_body(&[a, b], json!({}));
    missing_title.as_object_mut().unwrap().remove("title");
    app.post("/api/v1/agreements", missing_title).assert_problem(Status::UnprocessableEntity, "title");
    assert_eq!(app.counts(), before);
}

#[test]
fn an_agreement_may_not_replace_itself_or_belong_to_a_briefing() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let old = app.agreement_between(&[a, b], json!({"period": {"start_year": 2017, "end_year": 2019}}));
    let new = app.agreement_between(&[a, b], json!({"replaces_id": old}));
    assert_eq!(app.get(&format!("/api/v1/agreements/{new}")).body["replaces_id"], old);
    app.patch(&format!("/api/v1/agreements/{new}"), json!({"replaces_id": new}))
        .assert_problem(Status::UnprocessableEntity, "replaces_id");
    app.delete(&format!("/api/v1/agreements/{old}")).assert_problem(Status::Conflict, "replaced_by");
    let briefing =
        app.post("/api/v1/signing-events", json!({"kind": "briefing", "title": "Hội nghị tuyên truyền"})).id();
    app.patch(&format!("/api/v1/agreements/{new}"), json!({"signing_event_id": briefing}))
        .assert_problem(Status::UnprocessableEntity, "signing_event_id");
}

/// `locality=` and the answered `locality_id` are the same rule written twice in SQL (a filter
/// through indexes, an expression per record): each case of the rule must give the same answer.
#[test]
fn the_locality_filter_and_the_answered_locality_agree() {
    let app = TestApp::new();
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let q11 = app.locality("Quận 11", "district", Some(hcm));
    let ct = app.locality("TP. Cần Thơ", "province", None);
    let front11 = app.org("Ủy ban MTTQ quận 11", "front_committee", Some(q11));
    let front_ct = app.org("Ủy ban MTTQ TP. Cần Thơ", "front_committee", Some(ct));
    let nowhere = app.org("Hội hữu nghị (không địa bàn)", "friendship_union", None);
    let in_q11 = app.post("/api/v1/signing-events", json!({"title": "Lễ ký kết", "locality_id": q11})).id();
    let unplaced = app.post("/api/v1/signing-events", json!({"title": "Lễ ký kết không rõ nơi"})).id();
    let cases = [
        // The event's locality wins over the lead party's.
        (app.agreement_between(&[front_ct, front11], json!({"signing_event_id": in_q11})), Some(q11)),
        // An event with no locality: the lead party's.
        (app.agreement_between(&[front_ct, front11], json!({"signing_event_id": unplaced})), Some(ct)),
        // No event: the first lead party's, not a signatory's.
        (
            app.agreement(json!({"title": "Kế hoạch", "kind": "coordination_plan",
                "period": {"start_year": 2024, "end_year": 2029},
                "parties": [{"organization_id": front11, "role": "signatory"}, {"organization_id": front_ct, "role": "lead"},
                            {"organization_id": nowhere, "role": "lead"}]})),
            Some(ct),
        ),
        // A lead party with no locality: none.
        (app.agreement_between(&[nowhere, front11], json!({})), None),
    ];
    for (id, locality) in cases {
        let answered = &app.get(&format!("/api/v1/agreements/{id}")).body["locality_id"];
        assert_eq!(answered.as_i64(), locality, "agreement {id}");
        for place in [hcm, q11, ct] {
            let listed = app.get(&format!("/api/v1/agreements?locality={place}")).ids().contains(&id);
            let inside = locality.is_some_and(|l| l == place || (place == hcm && l == q11));
            assert_eq!(listed, inside, "agreement {id} in locality {place}");
        }
    }
}

#[test]
fn filters_answer_the_officials_questions() {
    let app = TestApp::new();
    let hcm = app.locality("TP. Hồ Chí Minh", "province", None);
    let q11 = app.locality("Quận 11", "district", Some(hcm));
    let ct = app.locality("TP. Cần Thơ", "province", None);
    let front11 = app.org("Ủy ban MTTQ quận 11", "front_committee", Some(q11));
    let women11 = app.org("Hội LHPN quận 11", "womens_union", Some(q11));
    let youth11 = app.org("Đoàn Thanh niên quận 11", "youth_union", Some(q11));
    let front_ct = app.org("Ủy ban MTTQ TP. Cần Thơ", "front_committee", Some(ct));
    let friends_ct = app.org("Liên hiệp các tổ chức hữu nghị TP. Cần Thơ", "friendship_union", Some(ct));
    let directive = app.directive(json!({"symbol": "12-CT/TW"}));
    let event = app
        .post(
            "/api/v1/signing-events",
            json!({"title": "Lễ ký kết quận 11", "held_on": "2017-05-11", "locality_id": q11}),
        )
        .id();

    let plan = app.agreement_between(
        &[front11, women11, youth11],
        json!({"signing_event_id": event, "signed_on": "2017-05-11", "period": {"start_year": 2017, "end_year": 2019},
               "title": "Kế hoạch phối hợp công tác đối ngoại nhân dân"}),
    );
    let program = app.agreement_between(
        &[front11, youth11],
        json!({"kind": "action_program", "signed_on": "2024-10-30", "period": {"start_year": 2024, "end_year": 2029},
               "directives": [{"directive_id": directive}], "title": "Chương trình hành động phối hợp"}),
    );
    let regulation = app.agreement_between(
        &[front_ct, friends_ct],
        json!({"kind": "coordination_regulation", "period": {"start_year": 2022, "end_year": 2025},
               "title": "Quy chế phối hợp công tác đối ngoại nhân dân"}),
    );
    let ids = |query: &str| app.get(&format!("/api/v1/agreements?{query}")).ids();

    assert_eq!(ids(""), vec![program, regulation, plan], "latest period first");
    assert_eq!(ids(&format!("signed_by={front11}&signed_by={women11}")), vec![plan], "signed by all of them");
    assert_eq!(ids(&format!("signed_by={youth11}")), vec![program, plan]);
    assert_eq!(ids("party_kind=womens_union"), vec![plan]);
    assert_eq!(ids("party_kind=friendship_union&party_kind=womens_union"), vec![regulation, plan]);
    assert_eq!(ids("kind=coordination_regulation"), vec![regulation]);
    assert_eq!(ids(&format!("directive={directive}")), vec![program]);
    assert_eq!(ids(&format!("directive={}", enc("Chỉ thị số 12-CT/TW"))), vec![program]);
    assert_eq!(ids("active_in=2023"), vec![regulation]);
    assert_eq!(ids("active_in=2019"), vec![plan]);
    // The plan's locality is its event's; the program has no event and takes its lead party's.
    assert_eq!(ids(&format!("locality={q11}")), vec![program, plan]);
    assert_eq!(ids(&format!("locality={hcm}")), vec![program, plan], "and the localities inside");
    assert_eq!(ids(&format!("locality={ct}")), vec![regulation]);
    assert_eq!(app.get(&format!("/api/v1/agreements/{program}")).body["locality_id"], q11);
    assert_eq!(ids("q=doi%20ngoai%20nhan%20dan"), vec![regulation, plan]);
    assert_eq!(ids("signed_from=2020-01-01"), vec![program]);
    assert_eq!(ids("signed_to=2020-01-01"), vec![plan]);
    assert_eq!(ids(&format!("signing_event_id={event}")), vec![plan]);
    assert_eq!(
        ids(&format!("signed_by={front11}&active_in=2025&kind=action_program")),
        vec![program],
        "filters combine"
    );
}

#[test]
fn lists_page_with_a_stable_order() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let made: Vec<i64> = (0..5).map(|_| app.agreement_between(&[a, b], json!({}))).collect();
    let first = app.get("/api/v1/agreements?limit=2");
    assert_eq!((first.total(), first.body["limit"].as_i64()), (5, Some(2)));
    let second = app.get("/api/v1/agreements?limit=2&offset=2");
    let third = app.get("/api/v1/agreements?limit=2&offset=4");
    let all: Vec<i64> = [first.ids(), second.ids(), third.ids()].concat();
    let mut newest_first = made.clone();
    newest_first.reverse();
    assert_eq!(all, newest_first, "same period: newest registration first");
    assert_eq!(app.get("/api/v1/agreements").body["limit"], 50, "default page size");
    app.get("/api/v1/agreements?limit=501").assert_problem(Status::BadRequest, "limit");
    app.get("/api/v1/agreements?limit=0").assert_problem(Status::BadRequest, "limit");
    app.get("/api/v1/agreements?offset=-1").assert_problem(Status::BadRequest, "offset");
}

/// An organization's, two signers' and a directive's lists are read from the links, which keep
/// each agreement's place in the order: a changed period moves it, and `after=` resumes.
#[test]
fn lists_from_the_links_follow_a_changed_period_and_resume() {
    let app = TestApp::new();
    let (a, b) = parties(&app);
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let child = app.directive(json!({"symbol": "Thông tri 14-TT/TU", "implements": [ct]}));
    let under = |d: i64| json!({"directives": [{"directive_id": d}]});
    let old = app.agreement_between(&[a, b], under(child));
    let mid = app.agreement_between(&[a, b], under(ct));
    let c = app.org("Hội Cựu chiến binh quận 11", "veterans_association", None);
    let new = app.agreement_between(&[a, c], under(child));
    let lists = [
        format!("/api/v1/organizations/{a}/agreements?limit=2"),
        format!("/api/v1/agreements?signed_by={a}&signed_by={b}&limit=2"),
        format!("/api/v1/directives/{ct}/agreements?limit=2"),
    ];
    let whole = |path: &str| {
        let first = app.get(path);
        let mut ids = first.ids();
        if let Some(after) = first.body["next_after"].as_str() {
            ids.extend(app.get(&format!("{path}&after={after}")).ids());
        }
        (first.total(), ids)
    };
    assert_eq!(whole(&lists[0]), (3, vec![new, mid, old]));
    assert_eq!(whole(&lists[1]), (2, vec![mid, old]));
    assert_eq!(whole(&lists[2]), (3, vec![new, mid, old]), "the chain: the directive and what implements it");
    let r = app.patch(&format!("/api/v1/agreements/{old}"), json!({"period": {"start_year": 2024, "end_year": 2028}}));
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    assert_eq!(whole(&lists[0]), (3, vec![old, new, mid]), "the latest start year first");
    assert_eq!(whole(&lists[1]), (2, vec![old, mid]));
    assert_eq!(whole(&lists[2]), (3, vec![old, new, mid]));
    assert_eq!(app.get(&format!("/api/v1/directives/{ct}/agreements?offset=2")).ids(), vec![mid]);
    assert_eq!(app.get("/api/v1/directives/999999/agreements").status, Status::NotFound);
}

#[test]
fn filters_that_cannot_be_read_are_400() {
    let app = TestApp::new();
    for (query, field) in [
        ("active_in=abc", "active_in"),
        ("signed_by=x", "signed_by"),
        ("party_kind=martians", "party_kind"),
        ("kind=treaty", "kind"),
        ("status=valid", "status"),
        ("signed_from=2017-02-30", "signed_from"),
        ("locality=ten", "locality"),
        ("directive=%21%21", "directive"),
        ("actve_in=2023", "actve_in"),
    ] {
        app.get(&format!("/api/v1/agreements?{query}")).assert_problem(Status::BadRequest, field);
    }
}
