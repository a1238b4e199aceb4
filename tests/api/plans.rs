//! The questions that must not read every agreement do not: at 30,000 agreements, the plans
//! of a search (`q=`) and of a locality (`locality=`), as the database itself gives them for
//! the very query the list runs (`models::agreement::explain`), use their indexes, on SQLite and
//! on PostgreSQL.

use diesel::connection::SimpleConnection;
use serde_json::json;

use phoihop::db::{DbConnection, PooledConn};
use phoihop::models::agreement::{explain, AgreementFilter};
use phoihop::models::page::Page;
use phoihop::Config;

use crate::support::{on_postgres, TestApp, TestDb};

/// 30,000 agreements in 300 communes of one province; one in a hundred is about
/// people-to-people diplomacy (đối ngoại nhân dân).
fn registry() -> (TestApp, PooledConn, i64) {
    let (db, url) = TestDb::of_backend();
    let app = TestApp::on(db, Config::new(url.clone()));
    let province = app.locality("Tỉnh Lào Cai", "province", None);
    let first = (0..300).map(|n| app.locality(&format!("Xã {n}"), "commune", Some(province))).min().unwrap();
    let rows = |n: &str| {
        format!(
            "SELECT 'Kế hoạch ' || {n}, 'coordination_plan', 2020 + {n} % 6, 2025 + {n} % 6, {first} + {n} % 300, \
             ' ke hoach ' || {n} || CASE WHEN {n} % 100 = 0 THEN ' doi ngoai nhan dan ' ELSE ' cong tac dan van ' END"
        )
    };
    let insert = "INSERT INTO agreements (title, kind, start_year, end_year, locality_id, search_text)";
    let fill = if on_postgres() {
        format!("{insert} {} FROM generate_series(1, 30000) g; ANALYZE;", rows("g"))
    } else {
        format!(
            "WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < 30000) {insert} {} FROM n; ANALYZE;",
            rows("g")
        )
    };
    let mut conn = phoihop::db::connect(&Config::new(url)).unwrap().get().unwrap();
    conn.batch_execute(&fill).unwrap();
    (app, conn, first)
}

fn plan(conn: &mut DbConnection, filter: AgreementFilter) -> String {
    explain(conn, &filter, Page { limit: 20, offset: 0 }).unwrap().join("\n")
}

/// Whether a plan reads the agreements table from end to end, on either backend's wording.
fn scans_agreements(plan: &str) -> bool {
    plan.lines().any(|l| {
        let l = l.trim();
        l.contains("Seq Scan on agreements") || l == "SCAN agreements" || l.starts_with("SCAN agreements USING")
    })
}

#[test]
fn a_search_and_a_locality_are_read_from_their_indexes() {
    let (app, mut conn, commune) = registry();
    let searched = plan(&mut conn, AgreementFilter { q: Some("đối ngoại".into()), ..Default::default() });
    let index = if on_postgres() { "agreements_search_vector" } else { "agreements_search VIRTUAL TABLE" };
    assert!(searched.contains(index), "{searched}");
    assert!(!scans_agreements(&searched), "{searched}");

    let local =
        plan(&mut conn, AgreementFilter { locality: Some(commune), active_in: Some(2024), ..Default::default() });
    assert!(local.contains("agreements_locality_period"), "{local}");
    assert!(!scans_agreements(&local), "{local}");

    // And the answers are the ones those plans give.
    let r = app.get(&format!("/api/v1/agreements?q={}&limit=1", crate::support::enc("đối ngoại")));
    assert_eq!((r.total(), r.body["total_is_lower_bound"].clone()), (300, json!(false)));
    let r = app.get(&format!("/api/v1/agreements?locality={commune}&active_in=2024&limit=5"));
    assert_eq!(r.total(), 100, "every 300th agreement is the commune's; 100 of them, all active in 2024");
}
