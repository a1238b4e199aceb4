//! Every message in Vietnamese, the registry's language and the default.

use super::{Dependents, Entity, Expected, Msg};
use crate::symbol::SymbolError;

/// The text of a message.
pub(super) fn text(msg: &Msg) -> String {
    match msg {
        Msg::TitleBadRequest => "Yêu cầu không đọc được".to_string(),
        Msg::TitleNotFound => "Không tìm thấy".to_string(),
        Msg::TitleConflict => "Xung đột dữ liệu".to_string(),
        Msg::TitleValidation => "Dữ liệu không hợp lệ".to_string(),
        Msg::TitleTooLarge => "Nội dung quá lớn".to_string(),
        Msg::TitleUnavailable => "Dịch vụ tạm thời không sẵn sàng".to_string(),
        Msg::TitleInternal => "Lỗi hệ thống".to_string(),
        Msg::TitleUnauthorized => "Chưa xác thực".to_string(),
        Msg::TitleForbidden => "Không có quyền".to_string(),
        Msg::TitlePreconditionFailed => "Bản ghi đã thay đổi".to_string(),
        Msg::TitlePreconditionRequired => "Thiếu phiên bản bản ghi".to_string(),
        Msg::NoToken => "Cần mã truy cập: gửi tiêu đề Authorization: Bearer <mã>.".to_string(),
        Msg::NotBearer => "Tiêu đề Authorization phải có dạng Bearer <mã>.".to_string(),
        Msg::BadToken => "Mã truy cập không đúng hoặc đã bị thu hồi.".to_string(),
        Msg::ReadOnlyRole => "Mã truy cập này chỉ được xem, không được ghi.".to_string(),
        Msg::AdminOnly => "Chỉ quản trị viên được làm việc này.".to_string(),
        Msg::StaffOnly => "Nhật ký thay đổi chỉ dành cho người biên tập và quản trị viên.".to_string(),
        Msg::SharedRecord => "Văn bản chỉ đạo dùng chung cho mọi địa bàn: chỉ người biên tập toàn quốc hoặc quản trị viên được sửa, xóa.".to_string(),
        Msg::OutsideLocality(l) => format!("Bản ghi thuộc địa bàn {l}, ngoài địa bàn bạn được ghi."),
        Msg::NoLocality => "Bản ghi không gắn với địa bàn nào: chỉ người biên tập toàn quốc hoặc quản trị viên được ghi.".to_string(),
        Msg::LeadOutsideLocality => "Tổ chức chủ trì phải thuộc địa bàn của mã truy cập này.".to_string(),
        Msg::PartyOutsideLocality => "Tổ chức này thuộc địa bàn khác: mã truy cập này chỉ ghi tổ chức thuộc địa bàn mình, địa bàn cấp trên hoặc không thuộc địa bàn nào.".to_string(),
        Msg::NamesOutsideLocality(n) => format!("Có {n} tổ chức ngoài địa bàn bạn được ghi; không có dữ liệu nào được ghi."),
        Msg::IfMatchRequired => "Cần tiêu đề If-Match với ETag của bản ghi (lấy từ GET), để không ghi đè thay đổi của người khác.".to_string(),
        Msg::StaleVersion(v) => format!("Bản ghi đã được người khác sửa; phiên bản hiện tại là \"{v}\". Tải lại rồi sửa tiếp."),
        Msg::BadIdempotencyKey => "Idempotency-Key gồm 1 đến 255 ký tự ASCII nhìn thấy được.".to_string(),
        Msg::IdempotencyKeyReused => "Idempotency-Key này đã dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới.".to_string(),
        Msg::TooShort(min) => format!("Ngắn hơn {min} ký tự."),
        Msg::UserNameTaken => "Tên người dùng đã có.".to_string(),
        Msg::UserNotFound => "Không có người dùng này.".to_string(),
        Msg::CannotDisableSelf => "Không thể tự khóa tài khoản đang dùng; nhờ quản trị viên khác hoặc dùng lệnh phoihop user disable.".to_string(),
        Msg::SignInFailed => "Tên đăng nhập hoặc mật khẩu không đúng.".to_string(),
        Msg::SignInThrottled(secs) => format!("Đăng nhập sai nhiều lần. Xin thử lại sau {secs} giây."),
        Msg::FormExpired => "Biểu mẫu đã cũ hoặc không do trang này gửi. Xin tải lại trang rồi gửi lại.".to_string(),
        Msg::SignInNeeded => "Cần đăng nhập để xem trang này.".to_string(),
        Msg::NoOrganizationMatches(typed) => format!("Không có tổ chức nào khớp với \u{201c}{typed}\u{201d}."),
        Msg::NoLocalityMatches(typed) => format!("Không có địa bàn nào khớp với \u{201c}{typed}\u{201d}."),
        Msg::SeveralMatch => "Có nhiều bản ghi khớp: hãy chọn một trong danh sách.".to_string(),
        Msg::FormAlreadySaved => "Biểu mẫu này đã được lưu. Lưu lần nữa sẽ tạo một đăng ký mới.".to_string(),
        Msg::RecordCreated(entity, name) => format!("Đã tạo {} \u{201c}{name}\u{201d}.", entity_name(*entity)),
        Msg::NotAWrittenDate => "Không phải ngày hợp lệ; viết ngày/tháng/năm, ví dụ 29/7/2024, trong các năm 1945 đến 2100.".to_string(),
        Msg::CannotChangeOwnRole => "Không thể tự đổi vai trò của tài khoản đang dùng; nhờ một quản trị viên khác.".to_string(),
        Msg::SecretShownOnce => "Chép mã bí mật này ngay: nó chỉ hiện một lần, không ai xem lại được.".to_string(),
        Msg::PasswordReset => "Đã đặt mật khẩu mới; các phiên đăng nhập của tài khoản này đã kết thúc.".to_string(),
        Msg::TokenNameTaken => "Tên mã truy cập đã có.".to_string(),
        Msg::TokenNotFound(id) => format!("Không có mã truy cập số {id}."),
        Msg::LocalityForEditors => "Chỉ mã truy cập của người biên tập mới gắn với địa bàn.".to_string(),
        Msg::DeletedNotFound(id) => format!("Không có bản ghi đã xóa số {id}."),
        Msg::TooManyValues(n) => format!("Tham số này lặp lại quá {n} lần."),
        Msg::TooManyWords(n) => format!("Nội dung tìm kiếm dài quá {n} từ."),
        Msg::ControlCharacter => "Có ký tự điều khiển (như U+0000, hay U+202E đảo chiều hiển thị) không được phép trong văn bản.".to_string(),
        Msg::NotUtf8 => "Giá trị không phải văn bản UTF-8 hợp lệ sau khi giải mã phần trăm.".to_string(),
        Msg::BadHeader(name) => format!("Không đọc được tiêu đề {name} của yêu cầu."),
        Msg::NotAWebAddress => "Phải là địa chỉ web bắt đầu bằng http:// hoặc https://, có tên miền, không có khoảng trắng.".to_string(),
        Msg::ReadOnlyRegistry => "Máy chủ này chỉ phục vụ đọc (PHOIHOP_READ_ONLY): không ghi được dữ liệu.".to_string(),
        Msg::DatabaseFileLost => "Tệp cơ sở dữ liệu đã bị xóa, thay thế hoặc chuyển sang chỉ đọc: không ghi được; báo người quản trị.".to_string(),
        Msg::OwnToken => "Không thể tự thu hồi mã truy cập đang dùng; dùng mã của quản trị viên khác hoặc lệnh phoihop token revoke.".to_string(),
        Msg::NotADateTime => "Không phải thời điểm theo ISO 8601 (2024-11-01 hoặc 2024-11-01T08:00:00Z).".to_string(),
        Msg::FieldsInvalid(n) => format!("Có {n} trường không hợp lệ; không có dữ liệu nào được ghi."),
        Msg::BadQuery => "Không đọc được tham số truy vấn.".to_string(),
        Msg::NotJson(why) => format!("Nội dung gửi lên không phải JSON hợp lệ: {why}"),
        Msg::BodyTooLarge(limit) => format!("Nội dung vượt quá giới hạn {limit} byte."),
        Msg::NoSuchPath => "Không có tài nguyên ở địa chỉ này.".to_string(),
        Msg::RecordNotFound(entity, id) => format!("Không có {} với mã {id}.", entity_name(*entity)),
        Msg::DatabaseUnavailable => "Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại.".to_string(),
        Msg::InternalError => "Đã xảy ra lỗi không mong muốn; không có dữ liệu nào được ghi.".to_string(),
        Msg::DeleteBlocked(entity) => format!("Không thể xóa {} vì còn dữ liệu khác phụ thuộc vào nó.", entity_name(*entity)),
        Msg::Required => "Bắt buộc phải có.".to_string(),
        Msg::Blank => "Không được để trống.".to_string(),
        Msg::TooLong(max) => format!("Dài quá {max} ký tự."),
        Msg::TooMany(max) => format!("Nhiều hơn {max} mục."),
        Msg::UnknownValue(allowed) => format!("Giá trị không hợp lệ; các giá trị cho phép: {allowed}."),
        Msg::UnknownField(allowed) => format!("Trường không được hỗ trợ; các trường hợp lệ: {allowed}."),
        Msg::WrongType(expected) => format!("Sai kiểu dữ liệu; cần {}.", expected_name(*expected)),
        Msg::NotAPlaceInTheList => "Không phải vị trí trong danh sách; dùng giá trị next_after của trang trước (dạng <năm bắt đầu>.<mã>, ví dụ 2024.1532).".to_string(),
        Msg::NotADate => "Không phải ngày hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2017-05-11, trong các năm 1945 đến 2100.".to_string(),
        Msg::OutOfRange(min, max) => format!("Phải nằm trong khoảng {min} đến {max}."),
        Msg::NotAnInteger => "Phải là một số nguyên.".to_string(),
        Msg::SeveralNamed(typed, fits) => {
            format!("\u{201c}{typed}\u{201d} khớp với nhiều bản ghi: {}. Hãy ghi rõ hơn.", fits.join("; "))
        }
        Msg::DuplicateRow(row) => format!("Dòng này trùng với dòng {row}."),
        Msg::MissingColumn(header) => format!("Tệp thiếu cột \u{201c}{header}\u{201d}."),
        Msg::ImportFile(problem) => file_problem(problem),
        Msg::CheckedFileTaken => "Tệp này đang được nhập hoặc đã nhập xong.".into(),
        Msg::CheckedFileGone => "Tệp đã kiểm tra không còn được giữ (quá một giờ, hoặc máy chủ đã khởi động lại); hãy tải lên lại.".into(),
        Msg::ListLengths(other) => format!("Số giá trị không bằng số giá trị ở cột \u{201c}{other}\u{201d}."),
        Msg::FormulaInCell => "Ô này là một công thức; hãy nhập giá trị (hoặc dán dưới dạng giá trị).".to_string(),
        Msg::NotBoth(other) => format!("Chỉ dùng một trong hai: tham số này hoặc {other}."),
        Msg::UnknownParameter(allowed) => format!("Tham số không được hỗ trợ; các tham số hợp lệ: {allowed}."),
        Msg::PeriodOrder => "Năm kết thúc không được trước năm bắt đầu.".to_string(),
        Msg::TooFewParties => "Văn bản phối hợp phải có ít nhất hai bên ký kết.".to_string(),
        Msg::DuplicateParty => "Tổ chức này đã có tên trong danh sách bên ký kết.".to_string(),
        Msg::Repeated => "Mục này bị lặp lại.".to_string(),
        Msg::DuplicateName(id) => format!("Đã có bản ghi cùng tên tại cùng địa bàn (mã {id})."),
        Msg::DuplicateDirective(id) => format!("Văn bản cùng số, ký hiệu và ngày ban hành đã có (mã {id})."),
        Msg::SelfReference => "Không thể tham chiếu đến chính nó.".to_string(),
        Msg::TreeTooDeep(max) => format!("Cây tổ chức sẽ sâu hơn {max} cấp, mức tối đa cho phép."),
        Msg::Cycle => "Liên kết này tạo thành vòng lặp.".to_string(),
        Msg::DirectiveCycle(path) => format!("Liên kết này tạo thành vòng lặp: {}.", path.join(" → ")),
        Msg::ChainTooLong(max) => format!("Liên kết này tạo chuỗi văn bản triển khai dài hơn {max} văn bản, mức tối đa cho phép."),
        Msg::NoSuchLink(id, target) => format!("Văn bản {id} không có liên kết thực hiện văn bản {target}."),
        Msg::ParentLevel => "Địa bàn cấp trên phải có cấp cao hơn.".to_string(),
        Msg::ChildLevel => "Có địa bàn trực thuộc cùng cấp hoặc cấp cao hơn cấp này.".to_string(),
        Msg::SymbolNoMatch(symbol) => format!("Không tìm thấy văn bản nào có số, ký hiệu \"{symbol}\"."),
        Msg::SymbolAmbiguous(candidates) => format!("Ký hiệu khớp với nhiều văn bản; hãy chọn theo mã: {}.", candidates.join("; ")),
        Msg::DirectiveOrSymbol => "Cần đúng một trong hai: directive_id hoặc symbol.".to_string(),
        Msg::StatusDerived => "Chỉ được đặt trạng thái terminated hoặc superseded; các trạng thái khác được tính từ giai đoạn.".to_string(),
        Msg::SetByEvent => "Không ghi trường này khi đăng ký cùng sự kiện; sự kiện tự gán.".to_string(),
        Msg::CreateOnly => "Chỉ gửi kèm khi tạo sự kiện; văn bản mới thêm qua POST /api/v1/agreements.".to_string(),
        Msg::NotASigningEvent => "Văn bản phối hợp chỉ gắn với sự kiện loại ký kết (signing).".to_string(),
        Msg::InUse(what, count) => dependents(*what, *count),
        Msg::BadSymbol(why) => symbol_error(*why).to_string(),
    }
}

pub(super) fn expected_name(expected: Expected) -> &'static str {
    match expected {
        Expected::Text => "một chuỗi ký tự",
        Expected::Integer => "một số nguyên",
        Expected::List => "một danh sách",
        Expected::Object => "một đối tượng JSON",
        Expected::Value => "một giá trị hợp lệ",
    }
}

pub(super) fn entity_name(entity: Entity) -> &'static str {
    match entity {
        Entity::Locality => "địa bàn",
        Entity::Organization => "tổ chức",
        Entity::Directive => "văn bản chỉ đạo",
        Entity::SigningEvent => "sự kiện ký kết",
        Entity::Agreement => "văn bản phối hợp",
    }
}

fn dependents(what: Dependents, count: i64) -> String {
    match what {
        Dependents::ChildLocalities => format!("{count} địa bàn trực thuộc"),
        Dependents::Organizations => format!("{count} tổ chức thuộc địa bàn này"),
        Dependents::SigningEvents => format!("{count} sự kiện tổ chức tại địa bàn này"),
        Dependents::ChildOrganizations => format!("{count} tổ chức trực thuộc"),
        Dependents::Parties => format!("là bên ký kết của {count} văn bản phối hợp"),
        Dependents::HostedEvents => format!("là đơn vị chủ trì {count} sự kiện"),
        Dependents::Attendees => format!("có {count} đại biểu dự sự kiện"),
        Dependents::AgreementReferences => format!("được {count} văn bản phối hợp dẫn chiếu"),
        Dependents::ImplementingDirectives => format!("được {count} văn bản khác triển khai"),
        Dependents::Agreements => format!("có {count} văn bản phối hợp được ký tại sự kiện"),
        Dependents::Replacements => format!("được {count} văn bản phối hợp khác thay thế"),
        Dependents::Tokens => format!("{count} mã truy cập gắn với địa bàn này"),
    }
}

fn symbol_error(why: SymbolError) -> &'static str {
    match why {
        SymbolError::Empty => "Số, ký hiệu trống.",
        SymbolError::TooLong => "Số, ký hiệu dài quá 200 ký tự.",
        SymbolError::ControlCharacter => "Số, ký hiệu chứa ký tự điều khiển.",
        SymbolError::NoNumber => "Không thấy số văn bản; ký hiệu bắt đầu bằng số, ví dụ 12-CT/TW hoặc Chỉ thị số 12-CT/TW.",
        SymbolError::Incomplete => "Ký hiệu thiếu loại văn bản hoặc cơ quan ban hành; dạng đầy đủ: 12-CT/TW hoặc 2722/KH-UBND.",
        SymbolError::BadCode => "Mã loại văn bản chỉ gồm chữ cái, mã cơ quan gồm chữ cái có thể kèm số ở cuối, mỗi mã tối đa 12 ký tự.",
        SymbolError::ForeignLetter => "Ký hiệu có chữ cái không dùng trong số, ký hiệu văn bản (chữ Kirin, Hy Lạp trông giống chữ Latinh, hoặc chữ mang dấu thanh).",
        SymbolError::TrailingText => "Có phần chữ sau ký hiệu không thuộc ký hiệu (ngày ban hành, cơ quan ban hành của một văn bản ghi ở trường riêng).",
    }
}

fn file_problem(problem: &crate::import::grid::FileProblem) -> String {
    use crate::import::grid::FileProblem as P;
    match problem {
        P::NotCsvOrXlsx => {
            "Tệp không phải CSV hay XLSX; hãy lưu bảng tính dưới dạng Excel (.xlsx) hoặc CSV UTF-8.".into()
        }
        P::NotUtf8 => {
            "Tệp CSV không ở bảng mã UTF-8; trong Excel hãy chọn \u{201c}CSV UTF-8 (Comma delimited)\u{201d}.".into()
        }
        P::NoHeader => "Tệp không có dòng tiêu đề (dòng 1 ghi tên các cột).".into(),
        P::TooManyRows => format!("Tệp có quá {} dòng; hãy tách thành nhiều tệp.", crate::import::MAX_ROWS),
        P::TooManyColumns => format!("Tệp có dữ liệu ngoài cột thứ {}.", crate::import::MAX_COLUMNS),
        P::TooLargeUnpacked => "Tệp XLSX giải nén ra quá lớn so với một bảng tính; không đọc.".into(),
        P::Unreadable(why) => format!("Không đọc được tệp: {why}."),
    }
}
