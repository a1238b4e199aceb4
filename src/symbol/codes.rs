//! What the parser knows: document types, issuer codes, and issuing bodies named in words.
//! Sources for each table are in docs/symbols.md.

use crate::models::enums::DirectiveKind;
use crate::text::search_key;

/// A document type: its code as officially printed, the names that precede a number in prose
/// (as search keys), and the kind of directive it is.
pub struct DocType {
    pub code: &'static str,
    pub names: &'static [&'static str],
    pub kind: DirectiveKind,
}

const fn doc(code: &'static str, names: &'static [&'static str], kind: DirectiveKind) -> DocType {
    DocType { code, names, kind }
}

use DirectiveKind::{Circular, Decision, Directive, Guideline, Other, Plan, Program, Regulation, Resolution};

/// Type codes of Nghị định 30/2020/NĐ-CP (Phụ lục III) and Hướng dẫn 36-HD/VPTW.
/// "TT" is both the Party's Thông tri and the state's Thông tư: both are circulars.
pub const DOC_TYPES: &[DocType] = &[
    doc("CT", &["chi thi"], Directive),
    doc("TT", &["thong tri", "thong tu"], Circular),
    doc("NQ", &["nghi quyet"], Resolution),
    doc("KH", &["ke hoach"], Plan),
    doc("CTr", &["chuong trinh hanh dong", "chuong trinh"], Program),
    doc("QC", &["quy che"], Regulation),
    doc("QyĐ", &["quy dinh"], Regulation),
    // The Party writes its Quy định as QĐi (Hướng dẫn 36-HD/VPTW); the state as QyĐ.
    doc("QĐi", &[], Regulation),
    doc("QĐ", &["quyet dinh"], Decision),
    doc("HD", &["huong dan"], Guideline),
    doc("NĐ", &["nghi dinh"], Other),
    doc("KL", &["ket luan"], Other),
    doc("TB", &["thong bao"], Other),
    doc("TC", &["thong cao"], Other),
    doc("BC", &["bao cao"], Other),
    doc("TTr", &["to trinh"], Other),
    doc("ĐA", &["de an"], Other),
    doc("DA", &["du an"], Other),
    doc("PA", &["phuong an"], Other),
    doc("BB", &["bien ban"], Other),
    doc("HĐ", &["hop dong"], Other),
    doc("CĐ", &["cong dien"], Other),
    doc("GN", &["ban ghi nho"], Other),
    doc("TTh", &["ban thoa thuan"], Other),
];

/// Issuer codes in their official spelling, so that "ttg" reads as "TTg" and "HDND" as "HĐND".
/// A code not listed here is kept in upper case.
const ISSUER_CODES: &[&str] = &[
    // Party committees and the central Party's organs.
    "TW", "TU", "HU", "QU", "TXU", "TPU", "ĐU", "ĐUK", "BCT", "BBT", "VPTW", "BTGTW", "BTGDVTW", "BDVTW", "BĐNTW",
    "BTCTW", "UBKTTW", "TWĐTN", // The state.
    "CP", "TTg", "UBND", "HĐND", "BNG", "BNV", "VP", // The Front and its member organizations.
    "MTTQ", "BTT", "ĐCT", "BTV", "BTG", "TLĐ", "LĐLĐ", "HLHPN", "HND", "HCCB", "HCTĐ", "LHHN",
];

/// Party committees (cấp ủy). Their documents, and those of the central Party organs (codes
/// ending in TW) and of the Youth Union's central committee (TWĐTN…), use the Party layout.
const PARTY_COMMITTEES: &[&str] = &["TW", "TU", "HU", "QU", "TXU", "TPU", "ĐU", "ĐUK", "BCT", "BBT"];

/// Issuing bodies as prose names them after "của", with the issuer code they stand for.
/// Longer names come first where one begins another.
pub const BODIES: &[(&str, &str)] = &[
    ("ban chap hanh trung uong", "TW"),
    ("ban bi thu", "TW"),
    ("bo chinh tri", "TW"),
    ("trung uong dang", "TW"),
    ("trung uong", "TW"),
    ("ban thuong vu thanh uy", "TU"),
    ("ban thuong vu tinh uy", "TU"),
    ("thanh uy", "TU"),
    ("tinh uy", "TU"),
    ("ban thuong vu quan uy", "QU"),
    ("quan uy", "QU"),
    ("ban thuong vu huyen uy", "HU"),
    ("huyen uy", "HU"),
    ("thi uy", "TXU"),
    ("dang uy", "ĐU"),
    // The standing board (Ban Thường trực) exists in the Front's committees, not the people's committees.
    ("ban thuong truc uy ban", "MTTQ-BTT"),
    ("ban thuong truc mat tran", "MTTQ-BTT"),
    ("uy ban mat tran to quoc", "MTTQ"),
    ("mat tran to quoc", "MTTQ"),
    ("uy ban nhan dan", "UBND"),
    ("hoi dong nhan dan", "HĐND"),
    ("thu tuong chinh phu", "TTg"),
    ("thu tuong", "TTg"),
    ("chinh phu", "CP"),
];

/// Words that may follow a body's name and still belong to it: "Ban Bí thư Trung ương Đảng",
/// "Ban Thường trực UB.MTTQ Việt Nam thành phố".
pub const BODY_SUFFIX_WORDS: &[&str] = &[
    "trung", "uong", "dang", "viet", "nam", "vn", "thanh", "pho", "tp", "tinh", "mat", "tran", "to", "quoc", "mttq",
    "mttqv", "mttqvn", "ho", "chi", "minh", "hcm",
];

/// The document type a code names: exactly (ignoring case), else ignoring diacritics when only
/// one type fits ("QD" is QĐ; "HD" stays Hướng dẫn, not Hợp đồng).
pub fn doc_type(code: &str) -> Option<&'static DocType> {
    official(code, DOC_TYPES.iter(), |t| t.code)
}

/// A type code as officially printed, or in upper case when it is not a known one.
pub fn type_code(code: &str) -> String {
    doc_type(code).map_or_else(|| code.to_uppercase(), |t| t.code.to_string())
}

/// One part of an issuer code, as officially printed. TƯ (Trung ương) is written TW.
pub fn issuer_part(part: &str) -> String {
    let upper = part.to_uppercase();
    let upper = match upper.strip_suffix("TƯ") {
        Some(head) => format!("{head}TW"),
        None => upper,
    };
    official(&upper, ISSUER_CODES.iter(), |c| c).map_or(upper, |c| c.to_string())
}

fn official<T: Copy>(
    code: &str,
    table: impl Iterator<Item = T> + Clone,
    spelled: impl Fn(T) -> &'static str,
) -> Option<T> {
    let upper = code.to_uppercase();
    if let Some(found) = table.clone().find(|t| spelled(*t).to_uppercase() == upper) {
        return Some(found);
    }
    let folded = search_key(code);
    let mut fits = table.filter(|t| search_key(spelled(*t)) == folded);
    match (fits.next(), fits.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Whether an issuer's documents use the Party layout; `None` when the code is not known, so the
/// layout as written stands.
pub fn is_party(issuer: &str) -> Option<bool> {
    let first = issuer.split('-').next().unwrap_or(issuer);
    if PARTY_COMMITTEES.contains(&first) || (first.len() > 2 && (first.ends_with("TW") || first.starts_with("TW"))) {
        Some(true)
    } else if ISSUER_CODES.contains(&first) {
        Some(false)
    } else {
        None
    }
}

/// Two type codes name the same type of document: equal, or the Party's and the state's
/// spelling of Quy định.
pub fn same_type(a: &str, b: &str) -> bool {
    let group = |c: &str| if c == "QĐi" { "QyĐ".to_string() } else { c.to_string() };
    group(a) == group(b)
}

/// A term (khóa) in Roman numerals, as the Party numbers its congresses: "11" → "XI".
pub fn roman(n: u32) -> Option<String> {
    if !(1..=100).contains(&n) {
        return None;
    }
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in
        [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}
