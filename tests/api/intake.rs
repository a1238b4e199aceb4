//! Article intake through the production `build()`: the evaluation corpus (eval/intake) scored
//! field by field against its recorded baseline, the seeds against an empty registry, and bad input.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rocket::http::Status;
use serde_json::{json, Value};

use crate::support::TestApp;
use phoihop::intake::names::fold;

const CASES: &str = "eval/intake/cases";
const BASELINE: &str = "eval/intake/baseline.json";

struct Case {
    name: String,
    text: String,
    expected: Value,
}

fn cases() -> Vec<Case> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(CASES)
        .expect("the evaluation corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".expected.json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let expected: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let text_path = Path::new(CASES).join(expected["text"].as_str().unwrap());
            let text = std::fs::read_to_string(&text_path).unwrap_or_else(|e| panic!("{}: {e}", text_path.display()));
            let name = path.file_name().unwrap().to_string_lossy().replace(".expected.json", "");
            Case { name, text, expected }
        })
        .collect()
}

/// Names and symbols as the scorer compares them: folded (case, diacritics, abbreviations).
fn key(text: &str) -> String {
    fold(text)
}

/// The registry's names for the ids a draft gives, asked of the API once each.
struct Registry<'a> {
    app: &'a TestApp,
    seen: HashMap<String, String>,
}

impl Registry<'_> {
    fn name(&mut self, resource: &str, id: &Value, field: &str) -> Option<String> {
        let id = id.as_i64()?;
        let path = format!("/api/v1/{resource}/{id}");
        if !self.seen.contains_key(&path) {
            let r = self.app.get(&path);
            self.seen.insert(path.clone(), r.body[field].as_str().unwrap_or("").to_string());
        }
        self.seen.get(&path).cloned()
    }

    fn org(&mut self, pick: &Value) -> String {
        self.name("organizations", &pick["organization_id"], "name")
            .or_else(|| pick["proposed"]["name"].as_str().map(str::to_string))
            .unwrap_or_else(|| pick["name"].as_str().unwrap_or("").to_string())
    }

    fn directive(&mut self, pick: &Value) -> String {
        self.name("directives", &pick["directive_id"], "symbol")
            .or_else(|| pick["proposed"]["symbol"].as_str().map(str::to_string))
            .unwrap_or_else(|| pick["symbol"].as_str().unwrap_or("").to_string())
    }
}

/// A draft reduced to what the expectations say, names as the registry or the proposal has them.
fn reduce(registry: &mut Registry, answer: &Value) -> Value {
    let event = match &answer["draft"] {
        d if d["kind"].is_null() => Value::Null,
        d => json!({
            "kind": d["kind"],
            "held_on": d["held_on"],
            "locality": registry.name("localities", &d["locality_id"], "name").or_else(|| d["locality"]["name"].as_str().map(str::to_string)),
            "host": if d["host"].is_null() { Value::Null } else { json!(registry.org(&d["host"])) },
        }),
    };
    let agreements: Vec<Value> = answer["draft"]["agreements"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let period = if a["period"].is_null() { Value::Null } else { json!([a["period"]["start_year"], a["period"]["end_year"]]) };
            let parties: Vec<String> = a["parties"].as_array().unwrap().iter().map(|p| registry.org(p)).collect();
            let directives: Vec<String> = a["directives"].as_array().unwrap().iter().map(|p| registry.directive(p)).collect();
            json!({"kind": a["kind"], "period": period, "signed_on": a["signed_on"], "parties": parties, "directives": directives})
        })
        .collect();
    let directives: Vec<Value> = answer["draft"]["directives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!({"symbol": registry.directive(p), "implements": p["implements"]}))
        .collect();
    json!({"event": event, "agreements": agreements, "directives": directives})
}

#[derive(Default, Debug)]
struct Score {
    single_right: usize,
    single_all: usize,
    lists: HashMap<&'static str, (usize, usize, usize)>, // right, proposed, expected
    misses: Vec<String>,
}

impl Score {
    fn single(&mut self, case: &str, field: &str, expected: &Value, got: &Value) {
        let same = match (expected.as_str(), got.as_str()) {
            (Some(e), Some(g)) => key(e) == key(g),
            _ => expected == got,
        };
        self.single_all += 1;
        if same {
            self.single_right += 1;
        } else {
            self.misses.push(format!("{case} {field}: expected {expected}, got {got}"));
        }
    }

    fn list(&mut self, case: &str, field: &'static str, expected: &[String], got: &[String]) {
        let e: Vec<String> = expected.iter().map(|x| key(x)).collect();
        let g: Vec<String> = got.iter().map(|x| key(x)).collect();
        let right = g.iter().filter(|x| e.contains(x)).count();
        let entry = self.lists.entry(field).or_default();
        entry.0 += right;
        entry.1 += g.len();
        entry.2 += e.len();
        for x in e.iter().filter(|x| !g.contains(x)) {
            self.misses.push(format!("{case} {field}: missing {x}"));
        }
        for x in g.iter().filter(|x| !e.contains(x)) {
            self.misses.push(format!("{case} {field}: not in the text's record {x}"));
        }
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }

    fn figures(&self) -> Value {
        let mut out = json!({"single_valued_accuracy": Self::ratio(self.single_right, self.single_all)});
        for (field, (right, proposed, expected)) in &self.lists {
            out[format!("{field}_precision")] = json!(Self::ratio(*right, *proposed));
            out[format!("{field}_recall")] = json!(Self::ratio(*right, *expected));
        }
        out
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array().into_iter().flatten().filter_map(|x| x.as_str().map(str::to_string)).collect()
}

/// Scores one case: single values by accuracy, parties and directives by precision and recall,
/// agreements paired by kind and period before they are compared.
fn score_case(score: &mut Score, case: &str, expected: &Value, got: &Value) {
    let (e, g) = (&expected["event"], &got["event"]);
    score.single(case, "event.kind", &e["kind"], &g["kind"]);
    if !e.is_null() {
        for field in ["held_on", "locality", "host"] {
            score.single(case, &format!("event.{field}"), &e[field], &g[field]);
        }
    }
    let got_agreements: Vec<&Value> =
        g.is_null().then(Vec::new).unwrap_or_else(|| got["agreements"].as_array().unwrap().iter().collect());
    let mut unused: Vec<usize> = (0..got_agreements.len()).collect();
    for (i, ea) in expected["agreements"].as_array().unwrap().iter().enumerate() {
        let fits = |ga: &Value, kind: bool| ga["period"] == ea["period"] && (!kind || ga["kind"] == ea["kind"]);
        let at = unused
            .iter()
            .position(|j| fits(got_agreements[*j], true))
            .or_else(|| unused.iter().position(|j| fits(got_agreements[*j], false)))
            .or(if unused.is_empty() { None } else { Some(0) });
        let ga = at.map(|p| got_agreements[unused.remove(p)]).cloned().unwrap_or(Value::Null);
        for field in ["kind", "period"] {
            score.single(case, &format!("agreements[{i}].{field}"), &ea[field], &ga[field]);
        }
        score.list(case, "parties", &strings(&ea["parties"]), &strings(&ga["parties"]));
        score.list(case, "directives", &strings(&ea["directives"]), &strings(&ga["directives"]));
    }
    for j in unused {
        score.list(case, "parties", &[], &strings(&got_agreements[j]["parties"]));
        score.list(case, "directives", &[], &strings(&got_agreements[j]["directives"]));
    }
    let links = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| {
                let symbol = d["symbol"].as_str().unwrap_or("").to_string();
                let implements = strings(&d["implements"]).into_iter().map(move |i| format!("{symbol} > {i}"));
                std::iter::once(d["symbol"].as_str().unwrap_or("").to_string()).chain(implements).collect::<Vec<_>>()
            })
            .collect()
    };
    score.list(case, "directives", &links(&expected["directives"]), &links(&got["directives"]));
}

fn intake(app: &TestApp, text: &str, published_on: &Value) -> Value {
    let r = app.post("/api/v1/intake", json!({"text": text, "published_on": published_on}));
    assert_eq!(r.status, Status::Ok, "{}", r.body);
    r.body
}

#[test]
fn the_evaluation_meets_its_baseline() {
    let demo = TestApp::with_demo();
    let empty = TestApp::new();
    let mut score = Score::default();
    for case in cases() {
        let app = if case.expected["registry"] == "empty" { &empty } else { &demo };
        let answer = intake(app, &case.text, &case.expected["published_on"]);
        let got = reduce(&mut Registry { app, seen: HashMap::new() }, &answer);
        score_case(&mut score, &case.name, &case.expected, &got);
    }
    let figures = score.figures();
    eprintln!("intake evaluation: {figures:#}\n{}", score.misses.join("\n"));
    if std::env::var_os("PHOIHOP_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(BASELINE, format!("{figures:#}\n")).unwrap();
    }
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(BASELINE).expect("a recorded baseline")).unwrap();
    for (field, floor) in baseline.as_object().unwrap() {
        let now = figures[field].as_f64().unwrap_or(0.0);
        assert!(now + 1e-9 >= floor.as_f64().unwrap(), "{field} fell to {now} from {floor}");
    }
}

#[test]
fn against_an_empty_registry_the_seed_s_organizations_and_directives_are_proposed() {
    let app = TestApp::new();
    let text = std::fs::read_to_string("../shared/seeds/000_bd2c6ec8211be13f.txt").unwrap();
    let answer = intake(&app, &text, &Value::Null);
    let a = &answer["draft"]["agreements"][0];
    let parties = a["parties"].as_array().unwrap();
    assert_eq!(parties.len(), 6);
    assert!(parties.iter().all(|p| p["organization_id"].is_null() && p["proposed"]["name"].is_string()));
    let names: Vec<String> = parties.iter().map(|p| key(p["proposed"]["name"].as_str().unwrap())).collect();
    assert!(names.contains(&key("Hội Cựu chiến binh Quận 11")), "{names:?}");
    let directives = a["directives"].as_array().unwrap();
    assert_eq!(directives.len(), 3);
    assert!(directives.iter().all(|d| d["directive_id"].is_null() && d["proposed"]["symbol"].is_string()));
    assert_eq!(answer["draft"]["locality"]["proposed"]["name"], "Quận 11", "{}", answer["draft"]["locality"]);
    assert_eq!(app.counts(), [0, 0, 0, 0, 0], "nothing is written");
}

#[test]
fn bad_input_is_refused_naming_the_field_and_nothing_is_written() {
    let app = TestApp::with_demo();
    let before = app.counts();
    for (body, field) in [
        (json!({"text": ""}), "text"),
        (json!({"text": " \n\t\u{0001}\u{0007} "}), "text"),
        (json!({"text": "a".repeat(100_001)}), "text"),
        (json!({"text": "Ngày 6/1/2020", "published_on": "30/02/2024"}), "published_on"),
        (json!({"text": "Ngày 6/1/2020", "source_url": "javascript:alert(1)"}), "source_url"),
        (json!({"text": "Ngày 6/1/2020", "extra": 1}), "extra"),
        (json!({"text": "\u{202E}UB.MTTQ\u{0000} ký kết"}), "text"),
    ] {
        let r = app.post("/api/v1/intake", body);
        r.assert_problem(Status::UnprocessableEntity, field);
    }
    for text in [
        "Hanoi hosts friendship exchange with Lao youth delegation. A delegation visited Hanoi on Tuesday.",
        "<html><body><p>Giải bóng đá thiếu niên phường 5 khép lại.</p></body></html>",
        &"Ủy ban MTTQ quận 11 ký kết kế hoạch phối hợp giai đoạn 2020 - 2024 với Hội LHPN quận 11. ".repeat(1100),
        "UB.MTTQ ký\u{200B} kết (((((((((((( quy chế «»“” 31/02/2024 2029 - 2024",
        // One sentence naming thousands of organizations and places the registry does not hold.
        &(1..2500)
            .map(|i| format!("quận {i}, Hội LHPN quận {i} ký kế hoạch phối hợp giai đoạn 2020 - 2024. "))
            .collect::<String>()
            .chars()
            .take(99_000)
            .collect::<String>(),
    ] {
        let answer = intake(&app, text, &Value::Null);
        assert!(answer["findings"].is_array(), "{answer}");
    }
    // A text in another language, or about something else: a draft with nothing filled, and a
    // note that says no signing was found.
    for text in ["Hanoi hosts a friendship exchange with a Lao youth delegation.", "Giải bóng đá phường 5 khép lại."]
    {
        let answer = intake(&app, text, &Value::Null);
        let d = &answer["draft"];
        assert!(d["kind"].is_null() && d["agreements"] == json!([]) && d["directives"] == json!([]), "{answer}");
        assert!(answer["notes"][0]["message"].as_str().unwrap().contains("Không thấy lễ ký kết"), "{answer}");
    }
    assert_eq!(app.counts(), before);
}

/// The ids of a list's records under `field`, sorted.
fn ids(list: &Value, field: &str) -> Vec<i64> {
    let mut ids: Vec<i64> = list.as_array().into_iter().flatten().filter_map(|x| x[field].as_i64()).collect();
    ids.sort();
    ids
}

#[test]
fn each_seed_article_gives_what_the_demo_holds_for_it() {
    let app = TestApp::with_demo();
    let seeds: Vec<PathBuf> = {
        let mut s: Vec<PathBuf> = std::fs::read_dir("../shared/seeds")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        s.sort();
        s
    };
    // The demo's events are loaded in the seeds' order, one each for 000–003.
    let events: Vec<Value> = (1..=4).map(|id| app.get(&format!("/api/v1/signing-events/{id}")).body).collect();
    for (seed, event) in seeds.iter().take(4).zip(&events) {
        let text = std::fs::read_to_string(seed).unwrap();
        let d = intake(&app, &text, &event["published_on"])["draft"].clone();
        let at = seed.display();
        for field in ["kind", "held_on", "locality_id", "host_id"] {
            assert_eq!(d[field], event[field], "{at}: {field}");
        }
        let held: Vec<Value> = event["agreement_ids"]
            .as_array()
            .unwrap()
            .iter()
            .map(|id| app.get(&format!("/api/v1/agreements/{id}")).body)
            .collect();
        let read = d["agreements"].as_array().unwrap();
        assert_eq!(read.len(), held.len(), "{at}: agreements");
        for (r, h) in read.iter().zip(&held) {
            assert_eq!(r["kind"], h["kind"], "{at}");
            assert_eq!(r["period"], h["period"], "{at}");
            assert_eq!(ids(&r["parties"], "organization_id"), ids(&h["parties"], "organization_id"), "{at}: parties");
            assert_eq!(
                ids(&r["directives"], "directive_id"),
                ids(&h["directives"], "directive_id"),
                "{at}: directives"
            );
        }
    }
    // 004: no ceremony, the plan and the directive it implements.
    let text = std::fs::read_to_string(&seeds[4]).unwrap();
    let answer = intake(&app, &text, &json!("2021-11-27"));
    assert!(answer["draft"]["kind"].is_null() && answer["draft"]["agreements"] == json!([]));
    let plan = app.get("/api/v1/directives?q=2722").body["items"][0].clone();
    let read = &answer["draft"]["directives"];
    assert_eq!(read[0]["directive_id"], plan["id"]);
    assert_eq!(read[0]["implements"], json!(["38-CT/TW"]));
    assert_eq!(read[1]["directive_id"], plan["implements"][0]);
}
