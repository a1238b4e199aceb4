//! The words the generated registry is made of: Vietnamese place, organization and person names,
//! and the topics and tasks of coordination plans. Province names are the 34 province-level units
//! of Resolution 202/2025/QH15 (in force from 12 June 2025); commune names are made up from common
//! place-name syllables, so no generated commune is a real one.

use crate::models::enums::{AgreementKind, OrganizationKind};

/// (name, is a centrally run city).
pub const PROVINCES: [(&str, bool); 34] = [
    ("Hà Nội", true),
    ("Huế", true),
    ("Lai Châu", false),
    ("Điện Biên", false),
    ("Sơn La", false),
    ("Lạng Sơn", false),
    ("Quảng Ninh", false),
    ("Thanh Hóa", false),
    ("Nghệ An", false),
    ("Hà Tĩnh", false),
    ("Cao Bằng", false),
    ("Tuyên Quang", false),
    ("Lào Cai", false),
    ("Thái Nguyên", false),
    ("Phú Thọ", false),
    ("Bắc Ninh", false),
    ("Hưng Yên", false),
    ("Hải Phòng", true),
    ("Ninh Bình", false),
    ("Quảng Trị", false),
    ("Đà Nẵng", true),
    ("Quảng Ngãi", false),
    ("Gia Lai", false),
    ("Khánh Hòa", false),
    ("Lâm Đồng", false),
    ("Đắk Lắk", false),
    ("Hồ Chí Minh", true),
    ("Đồng Nai", false),
    ("Tây Ninh", false),
    ("Cần Thơ", true),
    ("Vĩnh Long", false),
    ("Đồng Tháp", false),
    ("Cà Mau", false),
    ("An Giang", false),
];

/// Commune-level units after the 2025 reorganization (xã, phường, đặc khu).
pub const COMMUNES: usize = 3_321;

const PLACE_SYLLABLES: [&str; 40] = [
    "An",
    "Bình",
    "Hòa",
    "Tân",
    "Phú",
    "Long",
    "Thạnh",
    "Mỹ",
    "Hưng",
    "Thuận",
    "Phước",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Trung",
    "Hiệp",
    "Lộc",
    "Vĩnh",
    "Xuân",
    "Quang",
    "Thành",
    "Đức",
    "Minh",
    "Hải",
    "Sơn",
    "Thủy",
    "Lâm",
    "Hà",
    "Cẩm",
    "Kim",
    "Ngọc",
    "Phong",
    "Thịnh",
    "Khánh",
    "Yên",
    "Định",
    "Lợi",
    "Nghĩa",
    "Trường",
];

/// The `i`-th of the 1,560 two-syllable place names ("Tân Phú").
pub fn place(i: usize) -> String {
    let n = PLACE_SYLLABLES.len();
    let first = i / (n - 1);
    let mut second = i % (n - 1);
    if second >= first {
        second += 1;
    }
    format!("{} {}", PLACE_SYLLABLES[first], PLACE_SYLLABLES[second])
}

pub const PLACES: usize = PLACE_SYLLABLES.len() * (PLACE_SYLLABLES.len() - 1);

/// The member organizations every Front committee has beside it, by locality level: (kind, name
/// before the locality's). Provinces add those that exist only there.
pub const COMMUNE_MEMBERS: [(OrganizationKind, &str); 7] = [
    (OrganizationKind::PartyCommittee, "Đảng ủy"),
    (OrganizationKind::PeoplesCommittee, "Ủy ban nhân dân"),
    (OrganizationKind::WomensUnion, "Hội Liên hiệp Phụ nữ"),
    (OrganizationKind::YouthUnion, "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
    (OrganizationKind::VeteransAssociation, "Hội Cựu chiến binh"),
    (OrganizationKind::FarmersUnion, "Hội Nông dân"),
    (OrganizationKind::RedCross, "Hội Chữ thập đỏ"),
];

pub const PROVINCE_ONLY_MEMBERS: [(OrganizationKind, &str); 2] = [
    (OrganizationKind::LabourFederation, "Liên đoàn Lao động"),
    (OrganizationKind::FriendshipUnion, "Liên hiệp các tổ chức hữu nghị"),
];

pub const FRONT_COMMITTEE: &str = "Ủy ban Mặt trận Tổ quốc Việt Nam";

pub const TOPICS: [&str; 16] = [
    "công tác đối ngoại nhân dân",
    "tuyên truyền chủ quyền biển, đảo",
    "xây dựng nông thôn mới và đô thị văn minh",
    "bảo vệ môi trường, ứng phó biến đổi khí hậu",
    "chăm lo đời sống người lao động",
    "giám sát và phản biện xã hội",
    "vận động người Việt Nam ở nước ngoài",
    "giao lưu hữu nghị với nhân dân các nước láng giềng",
    "chăm lo gia đình chính sách, người có công",
    "chuyển đổi số trong công tác vận động quần chúng",
    "hỗ trợ phụ nữ khởi nghiệp",
    "giáo dục truyền thống cách mạng cho thế hệ trẻ",
    "phòng, chống tội phạm và tệ nạn xã hội",
    "xóa nhà tạm, nhà dột nát",
    "cuộc vận động Người Việt Nam ưu tiên dùng hàng Việt Nam",
    "phát huy vai trò của nhân dân trong đấu tranh phòng, chống tham nhũng",
];

pub const AGREEMENT_KINDS: [(AgreementKind, &str); 5] = [
    (AgreementKind::CoordinationPlan, "Kế hoạch phối hợp"),
    (AgreementKind::ActionProgram, "Chương trình hành động về"),
    (AgreementKind::CoordinationProgram, "Chương trình phối hợp"),
    (AgreementKind::CoordinationRegulation, "Quy chế phối hợp"),
    (AgreementKind::CooperationMemorandum, "Bản ghi nhớ hợp tác về"),
];

pub const TASKS: [&str; 8] = [
    "Tuyên truyền, phổ biến chủ trương của Đảng, chính sách, pháp luật của Nhà nước",
    "Vận động đoàn viên, hội viên tham gia các phong trào thi đua",
    "Phối hợp tổ chức các hoạt động giao lưu hữu nghị",
    "Định kỳ sơ kết, tổng kết việc thực hiện",
    "Giám sát việc thực hiện chính sách ở cơ sở",
    "Trao đổi thông tin, kinh nghiệm giữa các bên",
    "Bồi dưỡng nghiệp vụ cho cán bộ làm công tác đối ngoại nhân dân",
    "Huy động nguồn lực xã hội hóa cho các hoạt động chung",
];

const FAMILY: [&str; 14] =
    ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"];
const MIDDLE: [&str; 8] = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quốc"];
const GIVEN: [&str; 24] = [
    "Anh", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khoa", "Lan", "Linh",
    "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Sơn", "Tâm", "Thảo", "Tuấn",
];

pub const SIGNATORY_TITLES: [&str; 4] = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư"];

/// A person's name from three random numbers.
pub fn person(a: usize, b: usize, c: usize) -> String {
    format!("{} {} {}", FAMILY[a % FAMILY.len()], MIDDLE[b % MIDDLE.len()], GIVEN[c % GIVEN.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_names_are_distinct_pairs() {
        let all: std::collections::HashSet<String> = (0..PLACES).map(place).collect();
        assert_eq!(all.len(), PLACES);
        assert!(PLACES > COMMUNES / PROVINCES.len(), "a province's communes all get distinct names");
        assert_eq!(place(0), "An Bình");
    }
}
