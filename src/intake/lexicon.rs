//! What the intake knows without the registry: how the Front and its member organizations are
//! named (so that "Hội LHPN", "Quận Đoàn 11" or "T.Ư Hội Nông dân VN" are read whatever the
//! registry holds), the words of agreements and events, and the country's province-level units.
//! All keys are search keys with abbreviations written out, as `words::Words` streams them.

use crate::models::enums::{AgreementKind, LocalityLevel as Level, OrganizationKind};

/// How a kind of organization is named: the words it starts with, and the name a new one is
/// given at a place ("{head} {place}") or at the centre.
pub struct Head {
    pub key: &'static str,
    pub kind: OrganizationKind,
    pub head: &'static str,
    pub central: &'static str,
    /// The level the words themselves say ("Thành đoàn" is a city's; "Quận Đoàn 11" a district's,
    /// with the unit to read the number after it by).
    pub unit: Option<&'static str>,
}

const fn head(
    key: &'static str,
    kind: OrganizationKind,
    head: &'static str,
    central: &'static str,
    unit: Option<&'static str>,
) -> Head {
    Head { key, kind, head, central, unit }
}

use OrganizationKind as K;

const FRONT: &str = "Ủy ban Mặt trận Tổ quốc Việt Nam";
const FRONT_CENTRAL: &str = "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam";
const WOMEN: &str = "Hội Liên hiệp Phụ nữ";
const WOMEN_CENTRAL: &str = "Trung ương Hội Liên hiệp Phụ nữ Việt Nam";
const YOUTH: &str = "Đoàn Thanh niên";
const YOUTH_CENTRAL: &str = "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh";
const FRIENDSHIP: &str = "Liên hiệp các tổ chức hữu nghị";
const FRIENDSHIP_CENTRAL: &str = "Liên hiệp các tổ chức hữu nghị Việt Nam";

/// Names of the Front, its member organizations and the bodies that sign with them. The Front's
/// "Việt Nam" is part of its name at every level; for the others "Việt Nam" after the name means
/// the central organization.
pub const HEADS: &[Head] = &[
    head("uy ban trung uong mat tran to quoc viet nam", K::FrontCommittee, FRONT, FRONT_CENTRAL, Some("trung uong")),
    head("uy ban trung uong mat tran to quoc", K::FrontCommittee, FRONT, FRONT_CENTRAL, Some("trung uong")),
    head("uy ban mat tran to quoc viet nam", K::FrontCommittee, FRONT, FRONT_CENTRAL, None),
    head("uy ban mat tran to quoc", K::FrontCommittee, FRONT, FRONT_CENTRAL, None),
    head("mat tran to quoc viet nam", K::FrontCommittee, FRONT, FRONT_CENTRAL, None),
    head("mat tran to quoc", K::FrontCommittee, FRONT, FRONT_CENTRAL, None),
    head("hoi lien hiep phu nu", K::WomensUnion, WOMEN, WOMEN_CENTRAL, None),
    head("lien hiep phu nu", K::WomensUnion, WOMEN, WOMEN_CENTRAL, None),
    head("hoi phu nu", K::WomensUnion, WOMEN, WOMEN_CENTRAL, None),
    head("doan thanh nien cong san ho chi minh", K::YouthUnion, YOUTH, YOUTH_CENTRAL, None),
    head("doan thanh nien", K::YouthUnion, YOUTH, YOUTH_CENTRAL, None),
    head("thanh doan", K::YouthUnion, "Thành đoàn", YOUTH_CENTRAL, Some("thanh pho")),
    head("tinh doan", K::YouthUnion, "Tỉnh đoàn", YOUTH_CENTRAL, Some("tinh")),
    head("quan doan", K::YouthUnion, YOUTH, YOUTH_CENTRAL, Some("quan")),
    head("huyen doan", K::YouthUnion, YOUTH, YOUTH_CENTRAL, Some("huyen")),
    head(
        "hoi cuu chien binh",
        K::VeteransAssociation,
        "Hội Cựu chiến binh",
        "Trung ương Hội Cựu chiến binh Việt Nam",
        None,
    ),
    head(
        "tong lien doan lao dong",
        K::LabourFederation,
        "Liên đoàn Lao động",
        "Tổng Liên đoàn Lao động Việt Nam",
        Some("trung uong"),
    ),
    head("lien doan lao dong", K::LabourFederation, "Liên đoàn Lao động", "Tổng Liên đoàn Lao động Việt Nam", None),
    head("hoi nong dan", K::FarmersUnion, "Hội Nông dân", "Trung ương Hội Nông dân Việt Nam", None),
    head("hoi chu thap do", K::RedCross, "Hội Chữ thập đỏ", "Trung ương Hội Chữ thập đỏ Việt Nam", None),
    head("lien hiep cac to chuc huu nghi", K::FriendshipUnion, FRIENDSHIP, FRIENDSHIP_CENTRAL, None),
    head("lien hiep huu nghi", K::FriendshipUnion, FRIENDSHIP, FRIENDSHIP_CENTRAL, None),
    head(
        "uy ban ve nguoi viet nam o nuoc ngoai",
        K::OverseasVietnameseCommittee,
        "Ủy ban về người Việt Nam ở nước ngoài",
        "Ủy ban Nhà nước về người Việt Nam ở nước ngoài",
        None,
    ),
    head("uy ban nhan dan", K::PeoplesCommittee, "Ủy ban nhân dân", "Chính phủ", None),
    head("bao hiem xa hoi", K::StateAgency, "Bảo hiểm xã hội", "Bảo hiểm xã hội Việt Nam", None),
    head("tinh uy", K::PartyCommittee, "Tỉnh ủy", "Ban Chấp hành Trung ương Đảng", Some("tinh")),
    head("thanh uy", K::PartyCommittee, "Thành ủy", "Ban Chấp hành Trung ương Đảng", Some("thanh pho")),
    head("quan uy", K::PartyCommittee, "Quận ủy", "Ban Chấp hành Trung ương Đảng", Some("quan")),
    head("huyen uy", K::PartyCommittee, "Huyện ủy", "Ban Chấp hành Trung ương Đảng", Some("huyen")),
];

/// Words before a name that make it the central organization's: "Trung ương Hội Nông dân",
/// "T.Ư Hội Nông dân", "TƯ Hội…".
pub const CENTRAL_PREFIXES: &[&str] = &["trung uong", "t u", "tu"];

/// Words a place is named with before its proper name, and the level each says.
pub const UNITS: &[(&str, Level)] = &[
    ("thanh pho", Level::Province),
    ("tinh", Level::Province),
    ("quan", Level::District),
    ("huyen", Level::District),
    ("thi xa", Level::District),
    ("phuong", Level::Commune),
    ("xa", Level::Commune),
    ("thi tran", Level::Commune),
];

/// Words that start the name of an organization in a list ("gồm: Hội Hữu nghị Nhật - Việt tỉnh
/// Osaka và Hiệp hội …"), for names that none of the heads above fits.
pub const ORGANIZATION_NOUNS: &[&str] = &[
    "hiep hoi",
    "hoi",
    "lien hiep",
    "lien doan",
    "to chuc",
    "quy",
    "trung tam",
    "vien",
    "truong",
    "dai hoc",
    "cong ty",
    "cau lac bo",
    "uy ban",
    "so",
    "bo",
    "dai su quan",
    "tong lanh su quan",
    "tong cong ty",
    "ban",
    "ngan hang",
    "tap doan",
];

/// Words that say the organizations named with them are from abroad.
pub const ABROAD: &[&str] = &[
    "nuoc ngoai",
    "quoc te",
    "nhat ban",
    "han quoc",
    "trung quoc",
    "campuchia",
    "thai lan",
    "hoa ky",
    "singapore",
    "an do",
    "cuba",
    "osaka",
    "kansai",
];

/// The kinds of agreement by the words that name them, the longest first.
pub const AGREEMENT_WORDS: &[(&str, AgreementKind)] = &[
    ("chuong trinh hanh dong phoi hop", AgreementKind::ActionProgram),
    ("chuong trinh hanh dong", AgreementKind::ActionProgram),
    ("chuong trinh phoi hop", AgreementKind::CoordinationProgram),
    ("ke hoach phoi hop", AgreementKind::CoordinationPlan),
    ("ke hoach", AgreementKind::CoordinationPlan),
    ("quy che phoi hop", AgreementKind::CoordinationRegulation),
    ("quy che", AgreementKind::CoordinationRegulation),
    ("quy dinh phoi hop", AgreementKind::CoordinationRegulation),
    ("bien ban ghi nho", AgreementKind::CooperationMemorandum),
    ("ban ghi nho", AgreementKind::CooperationMemorandum),
    ("thoa thuan hop tac", AgreementKind::CooperationMemorandum),
    ("thoa thuan", AgreementKind::CooperationMemorandum),
];

/// When one agreement is called by two kinds in one article, the more particular word wins:
/// "chương trình phối hợp" is said of anything, "quy chế" only of a regulation.
pub fn particular(kind: AgreementKind) -> u8 {
    match kind {
        AgreementKind::CoordinationRegulation => 5,
        AgreementKind::CooperationMemorandum => 4,
        AgreementKind::ActionProgram => 3,
        AgreementKind::CoordinationPlan => 2,
        AgreementKind::CoordinationProgram => 1,
        AgreementKind::Other => 0,
    }
}

/// Words that make a meeting a review of what was agreed before, or a briefing.
pub const REVIEW_WORDS: &[&str] = &["so ket", "tong ket", "kiem diem", "danh gia ket qua", "giao ban"];
pub const BRIEFING_WORDS: &[&str] =
    &["tuyen truyen", "quan triet", "pho bien", "tap huan", "boi duong", "trien khai", "thong tin thoi su"];
/// Words that name a meeting: without one, a text records no event.
pub const MEETING_WORDS: &[&str] = &["hoi nghi", "le ky", "buoi le", "le", "buoi", "lop"];

/// Province-level units (63 until 2025, and Huế, a city of the centre since 2025), as in the
/// General Statistics Office's list of administrative units: the places a text may name that
/// the registry does not hold yet. A city of the centre is named "TP. …".
pub const PROVINCES: &[(&str, bool)] = &[
    ("Hà Nội", true),
    ("Hồ Chí Minh", true),
    ("Hải Phòng", true),
    ("Đà Nẵng", true),
    ("Cần Thơ", true),
    ("Huế", true),
    ("An Giang", false),
    ("Bà Rịa - Vũng Tàu", false),
    ("Bắc Giang", false),
    ("Bắc Kạn", false),
    ("Bạc Liêu", false),
    ("Bắc Ninh", false),
    ("Bến Tre", false),
    ("Bình Định", false),
    ("Bình Dương", false),
    ("Bình Phước", false),
    ("Bình Thuận", false),
    ("Cà Mau", false),
    ("Cao Bằng", false),
    ("Đắk Lắk", false),
    ("Đắk Nông", false),
    ("Điện Biên", false),
    ("Đồng Nai", false),
    ("Đồng Tháp", false),
    ("Gia Lai", false),
    ("Hà Giang", false),
    ("Hà Nam", false),
    ("Hà Tĩnh", false),
    ("Hải Dương", false),
    ("Hậu Giang", false),
    ("Hòa Bình", false),
    ("Hưng Yên", false),
    ("Khánh Hòa", false),
    ("Kiên Giang", false),
    ("Kon Tum", false),
    ("Lai Châu", false),
    ("Lâm Đồng", false),
    ("Lạng Sơn", false),
    ("Lào Cai", false),
    ("Long An", false),
    ("Nam Định", false),
    ("Nghệ An", false),
    ("Ninh Bình", false),
    ("Ninh Thuận", false),
    ("Phú Thọ", false),
    ("Phú Yên", false),
    ("Quảng Bình", false),
    ("Quảng Nam", false),
    ("Quảng Ngãi", false),
    ("Quảng Ninh", false),
    ("Quảng Trị", false),
    ("Sóc Trăng", false),
    ("Sơn La", false),
    ("Tây Ninh", false),
    ("Thái Bình", false),
    ("Thái Nguyên", false),
    ("Thanh Hóa", false),
    ("Thừa Thiên Huế", false),
    ("Tiền Giang", false),
    ("Trà Vinh", false),
    ("Tuyên Quang", false),
    ("Vĩnh Long", false),
    ("Vĩnh Phúc", false),
    ("Yên Bái", false),
];
