//! Written forms from real documents and from the seeds, with the parse each must give.

use chrono::NaiveDate;

use super::*;
use crate::models::enums::DirectiveKind::{self, *};
use crate::models::enums::SymbolSystem::{self, Party, State};

/// written, canonical, number, type, issuer, year, kind, system
type Row = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<i32>,
    Option<DirectiveKind>,
    Option<SymbolSystem>,
);

#[rustfmt::skip]
const FORMS: &[Row] = &[
    // Chỉ thị 12-CT/TW (seeds 001, 003) and the variants staff type.
    ("Chỉ thị số 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12/CT-TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("CT 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("Chỉ thị 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("chỉ thị số 12-ct/tw", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("chi thi so 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("CHỈ THỊ SỐ 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("Chỉ thị số: 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("Số: 12-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("012-CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12 – CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12 - CT / TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12\u{2011}CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12-CT/TƯ", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12-CT/T.Ư", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12-CT/tư", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12 CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("12CT/TW", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("Chỉ thị số 12-CT/TW.", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("“12-CT/TW”", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("(Chỉ thị 12-CT/TW)", "12-CT/TW", "12", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    // Thông tri (seeds 000, 001) and its variants.
    ("Thông tri 11 –TT/TƯ", "11-TT/TW", "11", Some("TT"), Some("TW"), None, Some(Circular), Some(Party)),
    ("Thông tri số 11-TT/T.Ư", "11-TT/TW", "11", Some("TT"), Some("TW"), None, Some(Circular), Some(Party)),
    ("Thông tri số 14-TT/TU", "14-TT/TU", "14", Some("TT"), Some("TU"), None, Some(Circular), Some(Party)),
    ("14-TT/TU", "14-TT/TU", "14", Some("TT"), Some("TU"), None, Some(Circular), Some(Party)),
    ("Thông tri 14/TT-TU", "14-TT/TU", "14", Some("TT"), Some("TU"), None, Some(Circular), Some(Party)),
    ("thong tri so 14-tt/tu", "14-TT/TU", "14", Some("TT"), Some("TU"), None, Some(Circular), Some(Party)),
    ("Thông tri 04-TT/TW", "4-TT/TW", "4", Some("TT"), Some("TW"), None, Some(Circular), Some(Party)),
    // The Front's program (seed 000) in the state layout.
    ("06/Ctr-MTTQ-BTT", "6/CTr-MTTQ-BTT", "6", Some("CTr"), Some("MTTQ-BTT"), None, Some(Program), Some(State)),
    ("06/CTR-MTTQ-BTT", "6/CTr-MTTQ-BTT", "6", Some("CTr"), Some("MTTQ-BTT"), None, Some(Program), Some(State)),
    ("Chương trình hành động số 06/CTr-MTTQ-BTT", "6/CTr-MTTQ-BTT", "6", Some("CTr"), Some("MTTQ-BTT"), None, Some(Program), Some(State)),
    ("Chương trình 06/CTr-MTTQ-BTT", "6/CTr-MTTQ-BTT", "6", Some("CTr"), Some("MTTQ-BTT"), None, Some(Program), Some(State)),
    ("Số 06/CTr-MTTQ-BTT", "6/CTr-MTTQ-BTT", "6", Some("CTr"), Some("MTTQ-BTT"), None, Some(Program), Some(State)),
    ("6/CTr–MTTQ–BTT", "6/CTr-MTTQ-BTT", "6", Some("CTr"), Some("MTTQ-BTT"), None, Some(Program), Some(State)),
    ("Kế hoạch số 123/KH-MTTQ-BTT", "123/KH-MTTQ-BTT", "123", Some("KH"), Some("MTTQ-BTT"), None, Some(Plan), Some(State)),
    // Kế hoạch 2722/KH-UBND (seed 004) and state documents with a year in the symbol.
    ("2722/KH-UBND", "2722/KH-UBND", "2722", Some("KH"), Some("UBND"), None, Some(Plan), Some(State)),
    ("Kế hoạch số 2722/KH-UBND", "2722/KH-UBND", "2722", Some("KH"), Some("UBND"), None, Some(Plan), Some(State)),
    ("KH 2722/KH-UBND", "2722/KH-UBND", "2722", Some("KH"), Some("UBND"), None, Some(Plan), Some(State)),
    ("Kế hoạch 2722/kh-ubnd", "2722/KH-UBND", "2722", Some("KH"), Some("UBND"), None, Some(Plan), Some(State)),
    ("2722 / KH - UBND", "2722/KH-UBND", "2722", Some("KH"), Some("UBND"), None, Some(Plan), Some(State)),
    ("2722/2021/KH-UBND", "2722/2021/KH-UBND", "2722", Some("KH"), Some("UBND"), Some(2021), Some(Plan), Some(State)),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "30", Some("NĐ"), Some("CP"), Some(2020), Some(Other), Some(State)),
    ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP", "30", Some("NĐ"), Some("CP"), Some(2020), Some(Other), Some(State)),
    ("30/2020/ND-CP", "30/2020/NĐ-CP", "30", Some("NĐ"), Some("CP"), Some(2020), Some(Other), Some(State)),
    ("Thông tư 01/2011/TT-BNV", "1/2011/TT-BNV", "1", Some("TT"), Some("BNV"), Some(2011), Some(Circular), Some(State)),
    ("Quyết định 28/2018/QĐ-TTg", "28/2018/QĐ-TTg", "28", Some("QĐ"), Some("TTg"), Some(2018), Some(Decision), Some(State)),
    ("28/2018/qđ-ttg", "28/2018/QĐ-TTg", "28", Some("QĐ"), Some("TTg"), Some(2018), Some(Decision), Some(State)),
    ("Nghị quyết 18/2022/NQ-HĐND", "18/2022/NQ-HĐND", "18", Some("NQ"), Some("HĐND"), Some(2022), Some(Resolution), Some(State)),
    ("18/2022/NQ-HDND", "18/2022/NQ-HĐND", "18", Some("NQ"), Some("HĐND"), Some(2022), Some(Resolution), Some(State)),
    ("Quyết định số 1234/QĐ-UBND", "1234/QĐ-UBND", "1234", Some("QĐ"), Some("UBND"), None, Some(Decision), Some(State)),
    ("1234/QD-UBND", "1234/QĐ-UBND", "1234", Some("QĐ"), Some("UBND"), None, Some(Decision), Some(State)),
    ("Nghị quyết 01/NQ-CP", "1/NQ-CP", "1", Some("NQ"), Some("CP"), None, Some(Resolution), Some(State)),
    ("Chỉ thị 17/CT-TTg", "17/CT-TTg", "17", Some("CT"), Some("TTg"), None, Some(Directive), Some(State)),
    ("Kế hoạch 123/KH-ĐCT", "123/KH-ĐCT", "123", Some("KH"), Some("ĐCT"), None, Some(Plan), Some(State)),
    ("123/KH-DCT", "123/KH-ĐCT", "123", Some("KH"), Some("ĐCT"), None, Some(Plan), Some(State)),
    ("Quy chế số 01/QC-MTTQ-LĐLĐ", "1/QC-MTTQ-LĐLĐ", "1", Some("QC"), Some("MTTQ-LĐLĐ"), None, Some(Regulation), Some(State)),
    ("Kế hoạch 45/KH-BCĐ389", "45/KH-BCĐ389", "45", Some("KH"), Some("BCĐ389"), None, Some(Plan), Some(State)),
    ("456/UBND-VX", "456/UBND-VX", "456", None, Some("UBND-VX"), None, None, Some(State)),
    // Other Party documents: resolutions, decisions, regulations, guidelines, conclusions.
    ("Chỉ thị 38-CT/TW", "38-CT/TW", "38", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("Chỉ thị số 38 - CT/TW", "38-CT/TW", "38", Some("CT"), Some("TW"), None, Some(Directive), Some(Party)),
    ("Nghị quyết số 35-NQ/TW", "35-NQ/TW", "35", Some("NQ"), Some("TW"), None, Some(Resolution), Some(Party)),
    ("Quy định số 66-QĐ/TW", "66-QĐ/TW", "66", Some("QĐ"), Some("TW"), None, Some(Regulation), Some(Party)),
    ("Quyết định 217-QĐ/TW", "217-QĐ/TW", "217", Some("QĐ"), Some("TW"), None, Some(Decision), Some(Party)),
    ("QĐ 218-QĐ/TW", "218-QĐ/TW", "218", Some("QĐ"), Some("TW"), None, Some(Decision), Some(Party)),
    ("Quy định 08-QĐi/TW", "8-QĐi/TW", "8", Some("QĐi"), Some("TW"), None, Some(Regulation), Some(Party)),
    ("8-qdi/tw", "8-QĐi/TW", "8", Some("QĐi"), Some("TW"), None, Some(Regulation), Some(Party)),
    ("Hướng dẫn 36-HD/VPTW", "36-HD/VPTW", "36", Some("HD"), Some("VPTW"), None, Some(Guideline), Some(Party)),
    ("Hướng dẫn số 25-HD/BTGTW", "25-HD/BTGTW", "25", Some("HD"), Some("BTGTW"), None, Some(Guideline), Some(Party)),
    ("Kết luận 12-KL/TW", "12-KL/TW", "12", Some("KL"), Some("TW"), None, Some(Other), Some(Party)),
    ("Thông báo số 123-TB/TW", "123-TB/TW", "123", Some("TB"), Some("TW"), None, Some(Other), Some(Party)),
    ("Kế hoạch số 240-KH/TWĐTN-BTG", "240-KH/TWĐTN-BTG", "240", Some("KH"), Some("TWĐTN-BTG"), None, Some(Plan), Some(Party)),
    ("Kế hoạch 15-KH/QU", "15-KH/QU", "15", Some("KH"), Some("QU"), None, Some(Plan), Some(Party)),
    ("15/KH-QU", "15-KH/QU", "15", Some("KH"), Some("QU"), None, Some(Plan), Some(Party)),
    // A bare number after a kind name, as seed 000 writes them.
    ("Chỉ thị 04", "4-CT", "4", Some("CT"), None, None, Some(Directive), None),
    ("Thông tri số 11", "11-TT", "11", Some("TT"), None, None, Some(Circular), None),
    ("Chương trình hành động số 06", "6-CTr", "6", Some("CTr"), None, None, Some(Program), None),
    ("Quy chế 05", "5-QC", "5", Some("QC"), None, None, Some(Regulation), None),
    ("4-CT", "4-CT", "4", Some("CT"), None, None, Some(Directive), None),
];

#[test]
fn written_forms_parse_as_expected() {
    assert!(FORMS.len() >= 60, "{} forms", FORMS.len());
    for &(written, canonical, number, type_code, issuer_code, year, kind, system) in FORMS {
        let got = parse(written).unwrap_or_else(|e| panic!("{written}: {e:?}"));
        let expected = Symbol {
            canonical: canonical.into(),
            number: number.into(),
            type_code: type_code.map(Into::into),
            issuer_code: issuer_code.map(Into::into),
            year,
            kind,
            system,
        };
        assert_eq!(got, expected, "{written}");
    }
}

#[test]
fn what_is_not_a_symbol_says_why() {
    let cases: &[(&str, SymbolError)] = &[
        ("", SymbolError::Empty),
        ("   ", SymbolError::Empty),
        ("Chỉ thị về đối ngoại", SymbolError::NoNumber),
        ("CT/TW", SymbolError::NoNumber),
        ("???", SymbolError::NoNumber),
        ("12/KH", SymbolError::Incomplete),
        ("12-", SymbolError::Incomplete),
        ("12-CT/", SymbolError::Incomplete),
        ("12/2020/", SymbolError::Incomplete),
        ("12-C1/TW", SymbolError::BadCode),
        ("12-CT/#", SymbolError::BadCode),
        ("12-ABCDEFGHIJKLM/TW", SymbolError::BadCode),
        ("12-CT/TW ngày 05/01/2022", SymbolError::TrailingText),
        ("12-CT/TW và 14-TT/TU", SymbolError::TrailingText),
        ("12-CT/TW #1", SymbolError::TrailingText),
        ("#12-CT/TW", SymbolError::NoNumber),
        ("12-CT/TW\u{0007}", SymbolError::ControlCharacter),
    ];
    for (written, why) in cases {
        assert_eq!(parse(written), Err(*why), "{written:?}");
    }
    assert_eq!(parse(&"1".repeat(201)), Err(SymbolError::TooLong));
    assert!(parse(&"1".repeat(200)).is_ok());
}

#[test]
fn a_bare_number_matches_the_full_symbol_of_its_kind() {
    let bare = parse("Chỉ thị 04").unwrap();
    assert!(bare.matches(&parse("04-CT/TW").unwrap()));
    assert!(!bare.matches(&parse("04-TT/TU").unwrap()));
    assert!(!bare.matches(&parse("05-CT/TW").unwrap()));
    assert!(parse("Quy định 08").unwrap().matches(&parse("08-QĐi/TW").unwrap()));
    assert!(parse("12/QĐ-HDND").unwrap().matches(&parse("12/QĐ-HĐND").unwrap()));
    assert!(!parse("2722/2021/KH-UBND").unwrap().matches(&parse("2722/2022/KH-UBND").unwrap()));
    assert!(parse("2722/KH-UBND").unwrap().matches(&parse("2722/2021/KH-UBND").unwrap()));
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn a_reference_reads_its_date_body_and_term() {
    let c = read_reference("Chỉ thị 04 ngày 06/7/2011 của Ban Bí Thư Trung ương Đảng khoá 11").unwrap();
    assert_eq!(c.symbol.canonical, "4-CT/TW");
    assert_eq!(c.symbol.system, Some(Party));
    assert_eq!(c.issued_on, date(2011, 7, 6));
    assert_eq!(c.issuing_body.as_deref(), Some("Ban Bí Thư Trung ương Đảng"));
    assert_eq!(c.term.as_deref(), Some("XI"));

    let c = read_reference("Thông tri số 11 ngày 24/10/2011 của Ban Thường vụ Thành uỷ").unwrap();
    assert_eq!((c.symbol.canonical.as_str(), c.issued_on), ("11-TT/TU", date(2011, 10, 24)));

    let c =
        read_reference("Chương trình hành động số 06 ngày 05/9/2012 của Ban Thường trực UB.MTTQV thành phố").unwrap();
    assert_eq!((c.symbol.canonical.as_str(), c.issued_on), ("6/CTr-MTTQ-BTT", date(2012, 9, 5)));
    assert_eq!(c.issuing_body.as_deref(), Some("Ban Thường trực UB.MTTQV thành phố"));

    let c = read_reference("Chỉ thị số 12-CT/TW, ngày 5 tháng 1 năm 2022, khóa XIII").unwrap();
    assert_eq!((c.issued_on, c.term.as_deref()), (date(2022, 1, 5), Some("XIII")));
    // A body named in words does not override the code the symbol gives.
    assert_eq!(read_reference("14-TT/TU của Ban Bí thư").unwrap().symbol.issuer_code.as_deref(), Some("TU"));
    assert_eq!(read_reference("Chỉ thị 04 ngày 31/02/2011"), Err(SymbolError::TrailingText));
}

/// (text, the canonical symbols it cites in order)
#[rustfmt::skip]
const PROSE: &[(&str, &[&str])] = &[
    ("theo nội dung Chỉ thị 04 ngày 06/7/2011 của Ban Bí Thư Trung ương Đảng khoá 11, Thông tri số 11 ngày \
      24/10/2011 của Ban Thường vụ Thành uỷ và Chương trình hành động số 06 ngày 05/9/2012 của Ban Thường trực \
      UB.MTTQV thành phố.", &["4-CT/TW", "11-TT/TU", "6/CTr-MTTQ-BTT"]),
    ("cụ thể hóa Chỉ thị số 12-CT/TW của Ban Bí thư và Thông tri số 14-TT/TU của Ban Thường vụ Thành ủy về \
      công tác đối ngoại nhân dân", &["12-CT/TW", "14-TT/TU"]),
    ("UBND TPHCM đã ban hành Kế hoạch số 2722/KH-UBND triển khai thực hiện Chỉ thị 38-CT/TW của Ban Bí thư",
     &["2722/KH-UBND", "38-CT/TW"]),
    ("theo 12/CT-TW và 2722/KH-UBND; xem thêm Nghị định 30/2020/NĐ-CP.", &["12-CT/TW", "2722/KH-UBND", "30/2020/NĐ-CP"]),
    // Not references: plans without numbers, periods, dates, years, counts.
    ("kế hoạch phối hợp giai đoạn 2024-2029, ký ngày 06/7/2011; Kế hoạch 5 năm; chương trình công tác năm 2022; \
      Nghị quyết Đại hội lần thứ XIII của Đảng; Kế hoạch 2024 – 2029; 12 tổ chức; số 12/34", &[]),
];

#[test]
fn references_are_found_in_prose_with_their_places() {
    for (text, expected) in PROSE {
        let found = extract(text);
        let canon: Vec<&str> = found.iter().map(|c| c.symbol.canonical.as_str()).collect();
        assert_eq!(&canon, expected, "{text}");
        // What was found, read on its own, is the same reference.
        for c in &found {
            let alone = read_reference(&text[c.span.clone()]).unwrap();
            assert_eq!((alone.symbol, alone.issued_on, alone.term), (c.symbol.clone(), c.issued_on, c.term.clone()));
        }
    }
    let text = PROSE[0].0;
    let first = &extract(text)[0];
    assert_eq!(&text[first.span.clone()], "Chỉ thị 04 ngày 06/7/2011 của Ban Bí Thư Trung ương Đảng khoá 11");
}
