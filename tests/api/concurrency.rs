//! Writers in parallel on one database: every write either lands or is refused by a rule, never
//! fails for lack of the database lock, and checks made before writing hold until the commit.

use rocket::futures::future::join_all;
use rocket::http::{ContentType, Header, Status};
use rocket::local::asynchronous::Client;
use serde_json::json;

use phoihop::{build, Config};

use phoihop::models::enums::Role;

use crate::support::{make_token, TestDb};

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
