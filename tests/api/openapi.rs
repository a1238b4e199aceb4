//! The published contract: `/api/v1/openapi.json` is the reviewed document in docs/openapi.json,
//! and `/docs` serves Swagger UI from the binary itself.

use rocket::http::{Method, Status};

use serde_json::json;

use crate::support::TestApp;

const SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.json");

#[test]
fn the_served_contract_is_the_reviewed_one() {
    let app = TestApp::new();
    let r = app.req(Method::Get, "/api/v1/openapi.json").token(None).send();
    assert_eq!(r.status, Status::Ok);
    assert_eq!(r.body["openapi"], "3.1.0");
    let served = serde_json::to_string_pretty(&r.body).unwrap() + "\n";
    if std::env::var_os("PHOIHOP_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(SNAPSHOT, &served).expect("docs/openapi.json is writable");
    }
    let reviewed = std::fs::read_to_string(SNAPSHOT).unwrap_or_default();
    assert!(
        served == reviewed,
        "the API contract changed: review the difference, then record it with \
         PHOIHOP_UPDATE_SNAPSHOTS=1 cargo test --test api openapi (it rewrites docs/openapi.json)"
    );
}

#[test]
fn every_route_is_in_the_contract_under_a_name_of_its_own() {
    let app = TestApp::new();
    let doc = app.req(Method::Get, "/api/v1/openapi.json").token(None).send().body;
    let mut documented: Vec<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, ops)| ops.as_object().unwrap().keys().map(move |m| (m.to_uppercase(), path.clone())))
        .collect();
    documented.sort();
    // The web face's pages are not the API's.
    let pages: Vec<String> = phoihop::web::routes().iter().map(|r| r.uri.path().to_string()).collect();
    let mut served: Vec<(String, String)> = app
        .client
        .rocket()
        .routes()
        .filter(|r| !r.uri.path().starts_with("/docs") && !r.uri.path().ends_with("openapi.json"))
        .filter(|r| !pages.contains(&r.uri.path().to_string()))
        .map(|r| {
            let path = r.uri.path().to_string().replace('<', "{").replace('>', "}");
            (r.method.as_str().to_string(), path)
        })
        .collect();
    served.sort();
    assert_eq!(documented, served);
    let mut ids: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|ops| ops.as_object().unwrap().values().map(|op| op["operationId"].as_str().unwrap()))
        .collect();
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all, "operation ids are unique");
}

#[test]
fn the_interactive_docs_are_served_from_the_binary() {
    let app = TestApp::new();
    let page = app.client.get("/docs/").dispatch();
    assert_eq!(page.status(), Status::Ok);
    assert!(page.into_string().unwrap().contains("swagger-ui"));
    for asset in ["/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/swagger-initializer.js"] {
        let r = app.client.get(asset).dispatch();
        assert_eq!(r.status(), Status::Ok, "{asset}");
        assert!(r.into_bytes().is_some_and(|b| b.len() > 100), "{asset}");
    }
    let init = app.client.get("/docs/swagger-initializer.js").dispatch().into_string().unwrap();
    assert!(init.contains("/api/v1/openapi.json"), "the UI reads our document: {init}");
}

/// A value no reader of a parameter of this schema can take: the handler that reads a declared
/// parameter refuses it naming the parameter; one that declares it but never reads it would
/// answer as if it were not there.
fn unreadable(name: &str, schema: &serde_json::Value) -> Option<String> {
    let kind = schema["type"].as_str().unwrap_or_default();
    if schema.get("$ref").is_some() || schema["items"].get("$ref").is_some() {
        return Some("nope".into());
    }
    match (kind, schema["format"].as_str()) {
        ("integer", _) | ("array", _) => Some("x".into()),
        ("boolean", _) => Some("maybe".into()),
        ("string", Some("date")) => Some("2024-13-45".into()),
        _ => match name {
            "q" => Some("a".repeat(501)),
            "directive" | "symbol" => Some("%3F%3F%3F".into()),
            "record_type" => Some("party".into()),
            "after" => Some("2024".into()),
            "since" | "until" => Some("yesterday".into()),
            // Any text is a token's name: no value is unreadable, and a name no token has
            // simply matches nothing (tests/api/audit.rs).
            "token" => None,
            other => panic!("no unreadable value is known for the query parameter {other}: add one here"),
        },
    }
}

#[test]
fn every_declared_query_parameter_is_read() {
    let app = TestApp::with_demo();
    let doc = app.req(Method::Get, "/api/v1/openapi.json").token(None).send().body;
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let Some(get) = ops.get("get") else { continue };
        let params: Vec<&serde_json::Value> =
            get["parameters"].as_array().into_iter().flatten().filter(|p| p["in"] == "query").collect();
        for param in &params {
            let name = param["name"].as_str().unwrap();
            let Some(value) = unreadable(name, &param["schema"]) else { continue };
            // The other required parameters, each with a value the demo holds (a report's locality
            // and directive), so that the one tested is the one refused.
            let others: String = params
                .iter()
                .filter(|p| p["required"] == true && p["name"] != name)
                .map(|p| {
                    let value = match p["name"].as_str().unwrap() {
                        "locality" => "2",
                        "resource" => "agreements",
                        _ => "4",
                    };
                    format!("&{}={value}", p["name"].as_str().unwrap())
                })
                .collect();
            let url = format!("{}?{name}={value}{others}", path.replace("{id}", "1"));
            let r = app.get(&url);
            assert!(
                matches!(r.status.code, 400 | 422) && r.error_fields().iter().any(|f| f == name),
                "{url}: a declared parameter that is not read ({} {})",
                r.status,
                r.body
            );
            checked += 1;
        }
    }
    assert!(checked > 60, "{checked} parameters checked");
}

/// A text of `n` characters that a field of this name takes as it is.
fn text_of(field: &str, n: usize) -> String {
    match field {
        "source_url" => format!("https://mattran.org.vn/{}", "x".repeat(n.saturating_sub(23))),
        _ => "x".repeat(n),
    }
}

/// The smallest object a schema takes: its required texts and numbers.
fn minimal(schema: &serde_json::Value) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for name in schema["required"].as_array().into_iter().flatten().filter_map(|n| n.as_str()) {
        let value = if schema["properties"][name]["type"] == "integer" { json!(1) } else { json!("đại biểu") };
        object.insert(name.to_string(), value);
    }
    object.into()
}

/// Whether a problem answer names `field` exactly.
fn names(r: &crate::support::Resp, field: &str) -> bool {
    r.error_fields().iter().any(|f| f == field)
}

#[test]
fn every_limit_the_contract_states_is_the_one_the_rules_enforce() {
    let app = TestApp::with_demo();
    let doc = app.req(Method::Get, "/api/v1/openapi.json").token(None).send().body;
    let schemas = &doc["components"]["schemas"];
    let resolve = |schema: &serde_json::Value| -> serde_json::Value {
        match schema["$ref"].as_str() {
            Some(r) => schemas[r.rsplit('/').next().unwrap()].clone(),
            None => schema.clone(),
        }
    };
    let mut checked = 0;
    for (path, ops) in doc["paths"].as_object().unwrap() {
        let Some(body) = ops.get("post").and_then(|op| op["requestBody"]["content"]["application/json"].get("schema"))
        else {
            continue;
        };
        let schema = resolve(body);
        let example = schema["example"].clone();
        assert!(example.is_object(), "{path}: every input schema has an example");
        let send = |value: serde_json::Value| app.post(path, value);
        for (field, prop) in schema["properties"].as_object().unwrap() {
            // (the value just over the limit, and the value at it, when the field takes any text)
            let mut cases: Vec<(serde_json::Value, Option<serde_json::Value>)> = Vec::new();
            if let Some(max) = prop["maxLength"].as_u64() {
                let at = (field != "symbol").then(|| json!(text_of(field, max as usize)));
                cases.push((json!(text_of(field, max as usize + 1)), at));
            }
            if let Some(max) = prop["maxItems"].as_u64() {
                let item_schema = resolve(&prop["items"]);
                let item = |i: u64| match example[field].get(0) {
                    Some(item) => item.clone(),
                    None if item_schema["type"] == "integer" => json!(i + 1),
                    None if item_schema["type"] == "object" => minimal(&item_schema),
                    None => json!(format!("mục {i}")),
                };
                cases.push(((0..=max).map(item).collect::<Vec<_>>().into(), None));
            }
            if let Some(min) = prop["minItems"].as_u64() {
                let fewer: Vec<_> = example[field].as_array().unwrap().iter().take(min as usize - 1).cloned().collect();
                cases.push((fewer.into(), None));
            }
            for (over, at) in cases {
                let mut value = example.clone();
                value[field] = over;
                let r = send(value);
                assert!(
                    r.status.code >= 400 && names(&r, field),
                    "{path} {field}: past its stated limit, {} {}",
                    r.status,
                    r.body
                );
                if let Some(at) = at {
                    let mut value = example.clone();
                    value[field] = at;
                    let r = send(value);
                    assert!(!names(&r, field), "{path} {field}: at its stated limit, {} {}", r.status, r.body);
                }
                checked += 1;
            }
            // One level down: the limits of a list's items (a party's signatory, an attendee's name).
            let item_schema = resolve(&prop["items"]);
            if item_schema["type"] != "object" {
                continue;
            }
            let first = example[field].get(0).cloned().unwrap_or_else(|| minimal(&item_schema));
            for (sub, sub_prop) in item_schema["properties"].as_object().into_iter().flatten() {
                let Some(max) = sub_prop["maxLength"].as_u64() else { continue };
                let mut value = example.clone();
                let mut item = first.clone();
                item[sub] = json!(text_of(sub, max as usize + 1));
                value[field] = json!([item]);
                let r = send(value);
                let named = format!("{field}[0].{sub}");
                assert!(names(&r, &named), "{path} {named}: past its stated limit, {} {}", r.status, r.body);
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "{checked} limits checked");
}
