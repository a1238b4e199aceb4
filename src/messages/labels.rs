//! The words for every enumeration value, as a page, a report or an export shows them
//! ("Kế hoạch phối hợp", not `coordination_plan`), in Vietnamese and English side by side, so
//! that no value goes without either.

use super::Lang;
use crate::models::enums::{
    AgreementKind, AgreementStatus, AuditAction, DirectiveKind, DirectiveRelation, EventKind, LocalityLevel,
    OrganizationKind, PartyRole, Role, SymbolSystem,
};
use crate::progress::Stage;

/// An enumeration value in words.
pub trait Label: Copy {
    /// (Vietnamese, English).
    fn words(self) -> (&'static str, &'static str);

    fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = self.words();
        if lang == Lang::Vi {
            vi
        } else {
            en
        }
    }
}

impl Label for LocalityLevel {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            LocalityLevel::Central => ("Trung ương", "Central"),
            LocalityLevel::Province => ("Tỉnh, thành phố", "Province or city"),
            LocalityLevel::District => ("Quận, huyện", "District"),
            LocalityLevel::Commune => ("Xã, phường, thị trấn", "Commune or ward"),
        }
    }
}

impl Label for OrganizationKind {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            OrganizationKind::FrontCommittee => ("Ủy ban Mặt trận Tổ quốc", "Fatherland Front committee"),
            OrganizationKind::PartyCommittee => ("Cấp ủy Đảng", "Party committee"),
            OrganizationKind::PeoplesCommittee => ("Ủy ban nhân dân", "People's Committee"),
            OrganizationKind::WomensUnion => ("Hội Liên hiệp Phụ nữ", "Women's Union"),
            OrganizationKind::YouthUnion => ("Đoàn Thanh niên", "Youth Union"),
            OrganizationKind::VeteransAssociation => ("Hội Cựu chiến binh", "Veterans' Association"),
            OrganizationKind::LabourFederation => ("Liên đoàn Lao động", "Labour Federation"),
            OrganizationKind::FarmersUnion => ("Hội Nông dân", "Farmers' Union"),
            OrganizationKind::RedCross => ("Hội Chữ thập đỏ", "Red Cross"),
            OrganizationKind::FriendshipUnion => {
                ("Liên hiệp các tổ chức hữu nghị", "Union of Friendship Organizations")
            }
            OrganizationKind::OverseasVietnameseCommittee => {
                ("Ủy ban về người Việt Nam ở nước ngoài", "Committee for Overseas Vietnamese")
            }
            OrganizationKind::StateAgency => ("Cơ quan nhà nước", "State agency"),
            OrganizationKind::ForeignOrganization => ("Tổ chức nước ngoài", "Foreign organization"),
            OrganizationKind::Other => ("Tổ chức khác", "Other"),
        }
    }
}

impl Label for DirectiveKind {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            DirectiveKind::Directive => ("Chỉ thị", "Directive"),
            DirectiveKind::Circular => ("Thông tri", "Circular"),
            DirectiveKind::Resolution => ("Nghị quyết", "Resolution"),
            DirectiveKind::Plan => ("Kế hoạch", "Plan"),
            DirectiveKind::Program => ("Chương trình", "Program"),
            DirectiveKind::Regulation => ("Quy chế, quy định", "Regulation"),
            DirectiveKind::Decision => ("Quyết định", "Decision"),
            DirectiveKind::Guideline => ("Hướng dẫn", "Guideline"),
            DirectiveKind::Other => ("Văn bản khác", "Other"),
        }
    }
}

impl Label for EventKind {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            EventKind::Signing => ("Lễ ký kết", "Signing"),
            EventKind::Briefing => ("Hội nghị tuyên truyền, quán triệt", "Briefing"),
            EventKind::Review => ("Hội nghị sơ kết, tổng kết", "Review conference"),
        }
    }
}

impl Label for AgreementKind {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            AgreementKind::CoordinationPlan => ("Kế hoạch phối hợp", "Coordination plan"),
            AgreementKind::ActionProgram => ("Chương trình hành động phối hợp", "Joint action program"),
            AgreementKind::CoordinationProgram => ("Chương trình phối hợp", "Coordination program"),
            AgreementKind::CoordinationRegulation => ("Quy chế phối hợp", "Coordination regulation"),
            AgreementKind::CooperationMemorandum => ("Biên bản ghi nhớ hợp tác", "Cooperation memorandum"),
            AgreementKind::Other => ("Văn bản phối hợp khác", "Other"),
        }
    }
}

impl Label for AgreementStatus {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            AgreementStatus::Upcoming => ("Chưa đến thời hạn", "Upcoming"),
            AgreementStatus::InForce => ("Đang có hiệu lực", "In force"),
            AgreementStatus::Expired => ("Đã hết thời hạn", "Expired"),
            AgreementStatus::Terminated => ("Đã chấm dứt", "Terminated"),
            AgreementStatus::Superseded => ("Đã được thay thế", "Superseded"),
        }
    }
}

impl Label for PartyRole {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            PartyRole::Lead => ("Chủ trì", "Lead"),
            PartyRole::Signatory => ("Cùng ký", "Signatory"),
            PartyRole::Witness => ("Chứng kiến", "Witness"),
        }
    }
}

impl Label for DirectiveRelation {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            DirectiveRelation::Implements => ("Triển khai", "Implements"),
            DirectiveRelation::Cites => ("Dẫn chiếu", "Cites"),
        }
    }
}

impl Label for SymbolSystem {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            SymbolSystem::Party => ("Văn bản của Đảng", "Party document"),
            SymbolSystem::State => ("Văn bản hành chính nhà nước", "State document"),
        }
    }
}

impl Label for Role {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Role::Viewer => ("Chỉ xem", "Viewer"),
            Role::Editor => ("Biên tập", "Editor"),
            Role::Admin => ("Quản trị", "Admin"),
        }
    }
}

impl Label for Stage {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Stage::Places => ("Địa bàn, tổ chức và văn bản chỉ đạo", "Localities, organizations and directives"),
            Stage::Agreements => ("Sự kiện và văn bản phối hợp", "Events and agreements"),
            Stage::Statistics => ("Thống kê cho bộ lập kế hoạch truy vấn", "Statistics for the query planner"),
            Stage::Snapshot => ("Sao chép nhất quán cơ sở dữ liệu", "A consistent copy of the database"),
            Stage::Check => ("Kiểm tra tệp sao lưu", "Checking the backup"),
            Stage::Migrate => ("Cập nhật bản sao theo lược đồ hiện hành", "Bringing a copy up to this schema"),
            Stage::Schema => ("Cập nhật lược đồ cơ sở dữ liệu", "Bringing the database's schema up to date"),
            Stage::Replace => ("Khôi phục sổ đăng ký, từng bảng", "Putting the registry back, table by table"),
            Stage::ImportRead => ("Đọc tệp", "Reading the file"),
            Stage::ImportRows => ("Kiểm tra và ghi từng dòng", "Checking and writing each row"),
        }
    }
}

impl Label for AuditAction {
    fn words(self) -> (&'static str, &'static str) {
        match self {
            AuditAction::Create => ("Tạo mới", "Created"),
            AuditAction::Update => ("Sửa", "Changed"),
            AuditAction::Delete => ("Xóa", "Deleted"),
            AuditAction::Restore => ("Khôi phục", "Restored"),
        }
    }
}

impl Label for crate::models::report::due::DueEvent {
    fn words(self) -> (&'static str, &'static str) {
        use crate::models::report::due::DueEvent;
        match self {
            DueEvent::Starts => ("Bắt đầu", "Starts"),
            DueEvent::Ends => ("Kết thúc", "Ends"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(AgreementKind::CoordinationPlan.label(Lang::Vi), "Kế hoạch phối hợp");
        assert_eq!(AgreementStatus::InForce.label(Lang::Vi), "Đang có hiệu lực");
        assert_eq!(PartyRole::Lead.label(Lang::Vi), "Chủ trì");
        assert_eq!(PartyRole::Lead.label(Lang::En), "Lead");
    }
}
