//! The implements graph: links added and removed one at a time, cycles refused, and the tree.

use rocket::http::Status;
use serde_json::json;

use crate::support::TestApp;

#[test]
fn links_are_added_and_removed_one_at_a_time() {
    let app = TestApp::new();
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let tt = app.directive(json!({"symbol": "14-TT/TU"}));
    let r = app.put(&format!("/api/v1/directives/{tt}/implements/{ct}"));
    assert_eq!((r.status, r.body["implements"].clone()), (Status::Ok, json!([ct])), "{}", r.body);
    let again = app.put(&format!("/api/v1/directives/{tt}/implements/{ct}"));
    assert_eq!(again.body["implements"], json!([ct]), "adding it twice changes nothing");
    assert_eq!(app.get(&format!("/api/v1/directives/{ct}")).body["implemented_by"], json!([tt]));

    let a = app.org("Ủy ban MTTQ TP. Hồ Chí Minh", "front_committee", None);
    let b = app.org("Thành đoàn TP. Hồ Chí Minh", "youth_union", None);
    let plan = app.agreement_between(&[a, b], json!({"directives": [{"directive_id": tt}]}));
    assert_eq!(app.get(&format!("/api/v1/agreements?directive={ct}")).ids(), vec![plan]);

    assert_eq!(app.delete(&format!("/api/v1/directives/{tt}/implements/{ct}")).status, Status::NoContent);
    assert!(app.get(&format!("/api/v1/agreements?directive={ct}")).ids().is_empty());
    let gone = app.delete(&format!("/api/v1/directives/{tt}/implements/{ct}"));
    assert_eq!((gone.status, gone.content_type.as_deref()), (Status::NotFound, Some("application/problem+json")));
}

#[test]
fn a_link_that_would_close_a_cycle_is_refused_showing_the_cycle() {
    let app = TestApp::new();
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let tt = app.directive(json!({"symbol": "14-TT/TU", "implements": [ct]}));
    let kh = app.directive(json!({"symbol": "100/KH-MTTQ-BTT", "implements": [tt]}));
    let r = app.put_in(&format!("/api/v1/directives/{ct}/implements/{kh}"), "en");
    r.assert_problem(Status::UnprocessableEntity, "implements");
    assert_eq!(
        r.message_of("implements"),
        "This link would close a cycle: 12-CT/TW → 100/KH-MTTQ-BTT → 14-TT/TU → 12-CT/TW."
    );
    app.put(&format!("/api/v1/directives/{ct}/implements/{ct}"))
        .assert_problem(Status::UnprocessableEntity, "implements");
    // PATCH says the same of the same link.
    let r = app.patch(&format!("/api/v1/directives/{ct}"), json!({"implements": [kh]}));
    assert!(r.message_of("implements[0]").contains("100/KH-MTTQ-BTT"), "{}", r.body);
    assert!(app.get(&format!("/api/v1/directives/{ct}")).body["implements"].as_array().unwrap().is_empty());

    assert_eq!(app.put(&format!("/api/v1/directives/{ct}/implements/999")).status, Status::NotFound);
    assert_eq!(app.put(&format!("/api/v1/directives/999/implements/{ct}")).status, Status::NotFound);
    assert_eq!(app.delete(&format!("/api/v1/directives/999/implements/{ct}")).status, Status::NotFound);
}

#[test]
fn the_tree_shows_what_a_directive_implements_and_what_carries_it_out() {
    let app = TestApp::new();
    let ct = app.directive(json!({"symbol": "12-CT/TW", "title": "Về đối ngoại nhân dân"}));
    let tt = app.directive(json!({"symbol": "14-TT/TU", "implements": [ct]}));
    let kh = app.directive(json!({"symbol": "100/KH-MTTQ-BTT", "implements": [tt]}));
    let ctr = app.directive(json!({"symbol": "06/CTr-MTTQ-BTT", "implements": [tt, kh]}));
    let a = app.org("Ủy ban MTTQ TP. Hồ Chí Minh", "front_committee", None);
    let b = app.org("Thành đoàn TP. Hồ Chí Minh", "youth_union", None);
    let plan = app.agreement_between(&[a, b], json!({"directives": [{"directive_id": kh}]}));
    let cites = app.agreement_between(&[a, b], json!({"directives": [{"directive_id": tt, "relation": "cites"}]}));

    let tree = app.get(&format!("/api/v1/directives/{tt}/tree")).body;
    assert_eq!((tree["id"].as_i64(), tree["symbol"].as_str()), (Some(tt), Some("14-TT/TU")));
    assert_eq!(tree["implements"][0]["id"], ct);
    assert_eq!(tree["implements"][0]["title"], "Về đối ngoại nhân dân");
    assert_eq!(tree["implements"][0]["implements"], json!([]));
    assert_eq!(tree["agreements"][0]["id"], cites);
    assert_eq!(tree["agreements"][0]["relation"], "cites");

    // Below: 14-TT/TU ← 100/KH ← 06/CTr, and 14-TT/TU ← 06/CTr directly; the second path is
    // shown as repeated, so a diamond never multiplies the tree.
    let below = tree["implemented_by"].as_array().unwrap();
    let ids: Vec<i64> = below.iter().map(|n| n["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![kh, ctr]);
    assert_eq!(below[0]["agreements"][0]["id"], plan);
    assert_eq!(below[0]["agreements"][0]["period"], json!({"start_year": 2022, "end_year": 2025}));
    assert_eq!(below[0]["implemented_by"][0]["id"], ctr);
    assert_eq!(below[0]["implemented_by"][0]["implemented_by"], json!([]));
    assert_eq!(below[1]["repeated"], true);
    assert!(below[1].get("implemented_by").is_none());

    let top = app.get(&format!("/api/v1/directives/{ct}/tree")).body;
    assert_eq!(top["implements"], json!([]));
    assert_eq!(top["implemented_by"][0]["implemented_by"][0]["agreements"][0]["id"], plan);
    assert_eq!(app.get("/api/v1/directives/999/tree").status, Status::NotFound);
}

/// A chain of `n` directives made through the API, each implementing the one before: [top, …, bottom].
fn chain(app: &TestApp, prefix: &str, n: usize) -> Vec<i64> {
    let mut ids: Vec<i64> = Vec::new();
    for i in 1..=n {
        let implements: Vec<i64> = ids.last().copied().into_iter().collect();
        ids.push(app.directive(json!({"symbol": format!("{i}/KH-{prefix}"), "implements": implements})));
    }
    ids
}

#[test]
fn chains_are_bounded_and_a_full_one_answers_its_tree() {
    let app = TestApp::new();
    let max = phoihop::models::directive::graph::MAX_CHAIN;
    let ids = chain(&app, "A", max);
    let (top, bottom) = (ids[0], ids[max - 1]);

    // One more below the bottom, by create, by change or by link: refused, naming the bound.
    let r = app.post_in("/api/v1/directives", json!({"symbol": "99/KH-A", "implements": [bottom]}), "en");
    r.assert_problem(Status::UnprocessableEntity, "implements");
    assert!(r.message_of("implements").contains(&max.to_string()), "{}", r.body);
    let loose = app.directive(json!({"symbol": "98/KH-A"}));
    app.put(&format!("/api/v1/directives/{loose}/implements/{bottom}"))
        .assert_problem(Status::UnprocessableEntity, "implements");
    app.patch(&format!("/api/v1/directives/{loose}"), json!({"implements": [bottom]}))
        .assert_problem(Status::UnprocessableEntity, "implements");
    // Or above the top.
    app.put(&format!("/api/v1/directives/{top}/implements/{loose}"))
        .assert_problem(Status::UnprocessableEntity, "implements");
    // Two chains within the bound each may not be joined into one beyond it.
    let half = chain(&app, "B", max / 2 + 1);
    let other = chain(&app, "C", max / 2);
    app.put(&format!("/api/v1/directives/{}/implements/{}", other[0], half[half.len() - 1]))
        .assert_problem(Status::UnprocessableEntity, "implements");
    assert!(app.get(&format!("/api/v1/directives/{}", other[0])).body["implements"].as_array().unwrap().is_empty());

    // The full chain answers its tree from either end, every level shown, nothing cut.
    let mut node = app.get(&format!("/api/v1/directives/{top}/tree")).body;
    for expected in &ids[1..] {
        assert!(node.get("truncated").is_none(), "{node}");
        node = node["implemented_by"][0].clone();
        assert_eq!(node["id"], *expected);
    }
    assert_eq!(node["implemented_by"], json!([]));
    let mut node = app.get(&format!("/api/v1/directives/{bottom}/tree")).body;
    for expected in ids[..max - 1].iter().rev() {
        node = node["implements"][0].clone();
        assert_eq!(node["id"], *expected);
    }
    assert_eq!(app.get("/health").status, Status::Ok);
}

#[test]
fn a_tree_lists_some_agreements_under_a_directive_and_counts_them_all() {
    let app = TestApp::new();
    let ct = app.directive(json!({"symbol": "12-CT/TW"}));
    let a = app.org("Ủy ban MTTQ TP. Hồ Chí Minh", "front_committee", None);
    let b = app.org("Thành đoàn TP. Hồ Chí Minh", "youth_union", None);
    let max = phoihop::models::directive::graph::MAX_TREE_AGREEMENTS as usize;
    let mut made = Vec::new();
    for year in 0..(max + 3) {
        let start = 1950 + year as i64;
        let period = json!({"start_year": start, "end_year": start + 1});
        made.push(app.agreement_between(&[a, b], json!({"period": period, "directives": [{"directive_id": ct}]})));
    }
    let tree = app.get(&format!("/api/v1/directives/{ct}/tree")).body;
    let listed: Vec<i64> = tree["agreements"].as_array().unwrap().iter().map(|s| s["id"].as_i64().unwrap()).collect();
    made.reverse();
    assert_eq!(listed, made[..max].to_vec(), "the newest periods first, as many as a tree lists");
    assert_eq!(tree["agreements_total"], max + 3);
}
