//! The reading of texts written here for the purpose; the evaluation (tests/api/intake.rs) reads
//! the seed articles and the project's corpus against real registries.

use super::names::{LocalityRow, Names, OrgRow};
use super::*;
use crate::models::enums::{LocalityLevel, OrganizationKind};

fn names() -> Names {
    let l = |id, name: &str, level, parent_id| LocalityRow { id, name: name.into(), level, parent_id };
    let o = |id, name: &str, kind, locality_id| OrgRow {
        id,
        name: name.into(),
        short_name: None,
        aliases: vec![],
        kind,
        locality_id: Some(locality_id),
    };
    Names::new(
        vec![
            o(10, "Ủy ban Mặt trận Tổ quốc Việt Nam TP. Hồ Chí Minh", OrganizationKind::FrontCommittee, 2),
            o(11, "Hội Liên hiệp Phụ nữ TP. Hồ Chí Minh", OrganizationKind::WomensUnion, 2),
            o(13, "Ủy ban Mặt trận Tổ quốc Việt Nam quận 11", OrganizationKind::FrontCommittee, 3),
            o(16, "Hội Liên hiệp Phụ nữ quận 11", OrganizationKind::WomensUnion, 3),
            o(17, "Đoàn Thanh niên quận 11", OrganizationKind::YouthUnion, 3),
        ],
        vec![
            l(1, "Trung ương", LocalityLevel::Central, None),
            l(2, "TP. Hồ Chí Minh", LocalityLevel::Province, Some(1)),
            l(3, "Quận 11", LocalityLevel::District, Some(2)),
        ],
    )
}

fn no_directives(c: &[Citation]) -> Vec<Vec<DirectiveCandidate>> {
    c.iter().map(|_| Vec::new()).collect()
}

fn parties(intake: &Intake, a: usize) -> Vec<(Option<i64>, String)> {
    let d = &intake.draft;
    d.agreements[a]
        .parties
        .iter()
        .map(|p| {
            (p.organization.organization_id, p.organization.proposed.as_ref().map_or(String::new(), |x| x.name.clone()))
        })
        .collect()
}

#[test]
fn names_without_a_place_are_the_article_s_place() {
    let text = "Quận 11 ký kết kế hoạch phối hợp\n\nChiều 18/5, UB.MTTQ quận 11 và các tổ chức thành viên gồm: Hội LHPN, Quận Đoàn 11 và Hội Chữ thập đỏ quận đã ký kế hoạch phối hợp giai đoạn 2024 - 2029.";
    let given = Given { published_on: NaiveDate::from_ymd_opt(2024, 5, 20), source_url: None };
    let intake = read(text, &given, &names(), &mut no_directives);
    let d = &intake.draft;
    assert_eq!(d.kind, Some(EventKind::Signing));
    assert_eq!(d.held_on, NaiveDate::from_ymd_opt(2024, 5, 18));
    assert_eq!(d.host_id, Some(13));
    assert_eq!(d.locality_id, Some(3));
    assert_eq!(d.agreements.len(), 1);
    assert_eq!(
        parties(&intake, 0),
        [
            (Some(13), String::new()),
            (Some(16), String::new()),
            (Some(17), String::new()),
            (None, "Hội Chữ thập đỏ quận 11".into())
        ]
    );
    let period = d.agreements[0].period.unwrap();
    assert_eq!((period.start_year, period.end_year), (2024, 2029));
    let finding = intake.findings.iter().find(|f| f.field == "held_on").unwrap();
    assert_eq!(text.chars().skip(finding.start).take(finding.end - finding.start).collect::<String>(), "18/5");
    assert_eq!(finding.basis, Basis::Inferred);
}

#[test]
fn a_day_without_a_year_stays_empty_without_a_publication_date() {
    let text = "Chiều 12/10, Ban Thường trực Ủy ban MTTQ Việt Nam quận 11 tổ chức hội nghị tuyên truyền về công tác đối ngoại nhân dân.";
    let intake = read(text, &Given::default(), &names(), &mut no_directives);
    let d = &intake.draft;
    assert_eq!(d.kind, Some(EventKind::Briefing));
    assert_eq!(d.held_on, None);
    assert!(intake.notes.iter().any(|n| n.field.as_deref() == Some("held_on") && n.message.contains("12/10")));
}

#[test]
fn text_about_something_else_gives_nothing() {
    for text in [
        "",
        "   \n\t ",
        "Giải bóng đá thiếu niên phường 5 khép lại. Đội khu phố 2 thắng 3 - 1.",
        "<p>Hello &amp; welcome</p>",
    ] {
        let intake = read(text, &Given::default(), &names(), &mut no_directives);
        assert!(intake.draft.kind.is_none(), "{text}");
        assert!(
            intake.draft.agreements.is_empty() && intake.draft.directives.is_empty() && intake.draft.held_on.is_none()
        );
        assert!(!intake.notes.is_empty());
    }
}

#[test]
fn spans_count_characters_of_pasted_html() {
    let text = "<h1>Ký kết</h1><p>Ngày 6/1/2020, <b>UB.MTTQ quận 11</b> và Hội LHPN quận 11 đã ký kế hoạch phối hợp giai đoạn 2020 - 2024.</p>";
    let intake = read(text, &Given::default(), &names(), &mut no_directives);
    for f in &intake.findings {
        let seen: String = text.chars().skip(f.start).take(f.end - f.start).collect();
        assert!(!seen.contains('<') || f.field == "title", "{} read from {seen:?}", f.field);
    }
    let first = intake.findings.iter().find(|f| f.field == "agreements[0].parties[0]").unwrap();
    assert_eq!(text.chars().skip(first.start).take(first.end - first.start).collect::<String>(), "UB.MTTQ quận 11");
    assert!(intake.draft.host.is_none(), "two who sign together: neither holds the event");
}

#[test]
fn a_district_the_registry_lacks_is_proposed_by_its_name() {
    let text = "Ngày 10/5/2023, Ủy ban MTTQ Việt Nam huyện Củ Chi tổ chức hội nghị ký kết chương trình phối hợp giai đoạn 2023 - 2025 với Hội LHPN huyện.";
    let intake = read(text, &Given::default(), &names(), &mut no_directives);
    let d = &intake.draft;
    let locality = d.locality.as_ref().unwrap();
    assert_eq!((locality.locality_id, locality.name.as_str()), (None, "Huyện Củ Chi"));
    assert_eq!(
        parties(&intake, 0),
        [
            (None, "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Củ Chi".into()),
            (None, "Hội Liên hiệp Phụ nữ huyện Củ Chi".into())
        ]
    );
}

#[test]
fn a_directive_to_create_carries_what_the_text_says_of_it() {
    let text = "Ban Thường vụ Tỉnh ủy Bình Dương đã ban hành Kế hoạch số 85-KH/TU để thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về “Tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới”.";
    let intake = read(text, &Given::default(), &names(), &mut no_directives);
    assert!(intake.draft.kind.is_none());
    let plan =
        intake.draft.directives.iter().find(|d| d.symbol.contains("85-KH/TU")).unwrap().proposed.clone().unwrap();
    assert_eq!(plan.issuer.as_deref(), Some("Ban Thường vụ Tỉnh ủy Bình Dương"));
    assert_eq!(plan.implements, ["12-CT/TW"]);
    let directive =
        intake.draft.directives.iter().find(|d| d.symbol.contains("12-CT/TW")).unwrap().proposed.clone().unwrap();
    assert_eq!(directive.issued_on, NaiveDate::from_ymd_opt(2022, 1, 5));
    assert_eq!(
        directive.title.as_deref(),
        Some("Tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới")
    );
}
