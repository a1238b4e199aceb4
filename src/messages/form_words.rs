//! The words of the pages that write (the registration form, its rows and buttons), Vietnamese
//! and English side by side, as `pages.rs` keeps those of the pages that read.

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum F {
    Register,
    RegisterLead,
    Event,
    EventKind,
    Title,
    HeldOn,
    Place,
    Host,
    Attendees,
    PersonName,
    Position,
    AddAttendee,
    RemoveRow,
    Notes,
    SourceUrl,
    PublishedOn,
    AgreementKind,
    Topic,
    StartYear,
    EndYear,
    Replaces,
    Parties,
    Role,
    SignatoryName,
    SignatoryTitle,
    AddParty,
    DirectiveSymbol,
    Relation,
    AddDirective,
    Tasks,
    AddAgreement,
    RemoveAgreement,
    Check,
    Save,
    Choose,
    CreateOrganization,
    CreateDirective,
    Name,
    Kind,
    Issuer,
    IssuedOn,
    Cancel,
    DateHint,
    PickHint,
    SymbolHint,
    ResolvedTo,
    NotSaved,
    Party,
    Optional,
}

impl F {
    /// (Vietnamese, English).
    fn words(self) -> (&'static str, &'static str) {
        match self {
            F::Register => ("Đăng ký lễ ký kết", "Register a signing"),
            F::RegisterLead => (
                "Một lễ ký kết và các văn bản phối hợp được ký tại đó, lưu cùng một lần: hoặc lưu tất cả, hoặc không lưu gì.",
                "A ceremony and the agreements signed at it, saved together: all of it or nothing.",
            ),
            F::Event => ("Sự kiện", "The event"),
            F::EventKind => ("Loại sự kiện", "Kind of event"),
            F::Title => ("Tiêu đề", "Title"),
            F::HeldOn => ("Ngày tổ chức", "Held on"),
            F::Place => ("Địa điểm", "Place"),
            F::Host => ("Đơn vị chủ trì", "Host"),
            F::Attendees => ("Đại biểu tham dự", "Attendees"),
            F::PersonName => ("Họ tên", "Name"),
            F::Position => ("Chức vụ", "Position"),
            F::AddAttendee => ("Thêm đại biểu", "Add an attendee"),
            F::RemoveRow => ("Xóa", "Remove"),
            F::Notes => ("Ghi chú", "Notes"),
            F::SourceUrl => ("Địa chỉ nguồn (bài viết)", "Source address (article)"),
            F::PublishedOn => ("Ngày đăng", "Published on"),
            F::AgreementKind => ("Loại văn bản", "Kind of agreement"),
            F::Topic => ("Nội dung chính", "Topic"),
            F::StartYear => ("Từ năm", "From year"),
            F::EndYear => ("Đến năm", "To year"),
            F::Replaces => ("Thay thế văn bản (mã số)", "Replaces agreement (number)"),
            F::Parties => ("Các bên ký kết", "Parties"),
            F::Party => ("Bên ký", "Party"),
            F::Role => ("Vai trò", "Role"),
            F::SignatoryName => ("Người ký", "Signed by"),
            F::SignatoryTitle => ("Chức danh người ký", "Signatory's title"),
            F::AddParty => ("Thêm bên ký", "Add a party"),
            F::DirectiveSymbol => ("Văn bản chỉ đạo (số, ký hiệu)", "Directive (number, symbol)"),
            F::Relation => ("Quan hệ", "Relation"),
            F::AddDirective => ("Thêm văn bản chỉ đạo", "Add a directive"),
            F::Tasks => ("Nhiệm vụ (mỗi dòng một nhiệm vụ)", "Tasks (one a line)"),
            F::AddAgreement => ("Thêm văn bản phối hợp", "Add an agreement"),
            F::RemoveAgreement => ("Bỏ văn bản này", "Remove this agreement"),
            F::Check => ("Kiểm tra", "Check"),
            F::Save => ("Lưu đăng ký", "Save the registration"),
            F::Choose => ("Chọn", "Choose"),
            F::CreateOrganization => ("Tạo tổ chức mới", "Create the organization"),
            F::CreateDirective => ("Tạo văn bản chỉ đạo mới", "Create the directive"),
            F::Name => ("Tên", "Name"),
            F::Kind => ("Loại", "Kind"),
            F::Issuer => ("Cơ quan ban hành", "Issued by"),
            F::IssuedOn => ("Ngày ban hành", "Issued on"),
            F::Cancel => ("Hủy", "Cancel"),
            F::DateHint => ("Ngày/tháng/năm, ví dụ 29/7/2024", "Day/month/year, e.g. 29/7/2024"),
            F::PickHint => (
                "Gõ tên, có dấu hay không dấu, viết tắt cũng được (hoi lhpn q11)",
                "Type the name, with or without diacritics, abbreviated or not (hoi lhpn q11)",
            ),
            F::SymbolHint => ("Gõ như thường viết: Chỉ thị 12, 12/CT-TW", "As people write it: Chỉ thị 12, 12/CT-TW"),
            F::ResolvedTo => ("Đã nhận là", "Read as"),
            F::NotSaved => ("Chưa lưu: hãy xem các ô được đánh dấu.", "Not saved: see the marked fields."),
            F::Optional => ("không bắt buộc", "optional"),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let (vi, en) = self.words();
        if lang == Lang::Vi {
            vi
        } else {
            en
        }
    }
}
