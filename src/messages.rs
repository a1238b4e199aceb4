//! Every message a user can read, in Vietnamese and English. Vietnamese is the default: the users
//! work in it; English is given to clients whose Accept-Language prefers it.

use crate::symbol::SymbolError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    /// Picks the preferred of the two languages from an Accept-Language header (RFC 9110 §12.5.4).
    pub fn negotiate(header: Option<&str>) -> Lang {
        let Some(header) = header else { return Lang::Vi };
        let mut best: Option<(f32, Lang)> = None;
        for item in header.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let lang = match tag.split('-').next() {
                Some("vi") => Lang::Vi,
                Some("en") => Lang::En,
                _ => continue,
            };
            if q > 0.0 && best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::Vi, |(_, lang)| lang)
    }
}

/// The kind of JSON value a field needs, for type errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    List,
    Object,
    Value,
}

impl Expected {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Text, Lang::Vi) => "một chuỗi ký tự",
            (Expected::Text, Lang::En) => "a string",
            (Expected::Integer, Lang::Vi) => "một số nguyên",
            (Expected::Integer, Lang::En) => "a whole number",
            (Expected::List, Lang::Vi) => "một danh sách",
            (Expected::List, Lang::En) => "a list",
            (Expected::Object, Lang::Vi) => "một đối tượng JSON",
            (Expected::Object, Lang::En) => "a JSON object",
            (Expected::Value, Lang::Vi) => "một giá trị hợp lệ",
            (Expected::Value, Lang::En) => "a valid value",
        }
    }
}

/// The kinds of record, as named in messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Locality,
    Organization,
    Directive,
    SigningEvent,
    Agreement,
}

impl Entity {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Entity::Locality, Lang::Vi) => "địa bàn",
            (Entity::Locality, Lang::En) => "locality",
            (Entity::Organization, Lang::Vi) => "tổ chức",
            (Entity::Organization, Lang::En) => "organization",
            (Entity::Directive, Lang::Vi) => "văn bản chỉ đạo",
            (Entity::Directive, Lang::En) => "directive",
            (Entity::SigningEvent, Lang::Vi) => "sự kiện ký kết",
            (Entity::SigningEvent, Lang::En) => "signing event",
            (Entity::Agreement, Lang::Vi) => "văn bản phối hợp",
            (Entity::Agreement, Lang::En) => "agreement",
        }
    }
}

/// What depends on a record that someone tries to delete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dependents {
    ChildLocalities,
    Organizations,
    SigningEvents,
    ChildOrganizations,
    Parties,
    HostedEvents,
    Attendees,
    AgreementReferences,
    ImplementingDirectives,
    Agreements,
    Replacements,
    Tokens,
}

impl Dependents {
    fn describe(self, count: i64, lang: Lang) -> String {
        match lang {
            Lang::Vi => match self {
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
            },
            Lang::En => match self {
                Dependents::ChildLocalities => format!("{count} localities lie inside it"),
                Dependents::Organizations => format!("{count} organizations belong to it"),
                Dependents::SigningEvents => format!("{count} events were held in it"),
                Dependents::ChildOrganizations => format!("{count} organizations are under it"),
                Dependents::Parties => format!("it is a party to {count} agreements"),
                Dependents::HostedEvents => format!("it hosted {count} events"),
                Dependents::Attendees => format!("{count} event attendees represent it"),
                Dependents::AgreementReferences => format!("{count} agreements refer to it"),
                Dependents::ImplementingDirectives => format!("{count} other documents implement it"),
                Dependents::Agreements => format!("{count} agreements were signed at it"),
                Dependents::Replacements => format!("{count} other agreements replace it"),
                Dependents::Tokens => format!("{count} tokens are limited to it"),
            },
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // Titles of the problem kinds.
    TitleBadRequest,
    TitleNotFound,
    TitleConflict,
    TitleValidation,
    TitleTooLarge,
    TitleUnavailable,
    TitleInternal,
    TitleUnauthorized,
    TitleForbidden,
    TitlePreconditionFailed,
    TitlePreconditionRequired,
    // Details.
    FieldsInvalid(usize),
    BadQuery,
    NotJson(String),
    BodyTooLarge(u64),
    NoSuchPath,
    RecordNotFound(Entity, i64),
    DatabaseUnavailable,
    InternalError,
    DeleteBlocked(Entity),
    // Field messages.
    Required,
    Blank,
    TooLong(u64),
    TooMany(u64),
    UnknownValue(String),
    UnknownField(String),
    WrongType(Expected),
    NotADate,
    OutOfRange(i64, i64),
    NotAnInteger,
    UnknownParameter(String),
    PeriodOrder,
    TooFewParties,
    DuplicateParty,
    Repeated,
    DuplicateName(i64),
    DuplicateDirective(i64),
    InUse(Dependents, i64),
    SelfReference,
    Cycle,
    /// The most levels an organization tree may have.
    TreeTooDeep(usize),
    /// The cycle an implements link would close, by symbol: [a, b, …, a].
    DirectiveCycle(Vec<String>),
    /// The most directives one implements chain may hold.
    ChainTooLong(usize),
    NoSuchLink(i64, i64),
    ParentLevel,
    ChildLevel,
    BadSymbol(SymbolError),
    SymbolNoMatch(String),
    SymbolAmbiguous(Vec<String>),
    DirectiveOrSymbol,
    StatusDerived,
    NotASigningEvent,
    SetByEvent,
    CreateOnly,
    // Trust: tokens, roles, versions, retries, deleted records.
    NoToken,
    NotBearer,
    BadToken,
    ReadOnlyRole,
    AdminOnly,
    StaffOnly,
    SharedRecord,
    OutsideLocality(i64),
    NoLocality,
    LeadOutsideLocality,
    PartyOutsideLocality,
    NamesOutsideLocality(usize),
    IfMatchRequired,
    StaleVersion(i64),
    BadIdempotencyKey,
    IdempotencyKeyReused,
    TokenNameTaken,
    TokenNotFound(i64),
    LocalityForEditors,
    DeletedNotFound(i64),
    NotADateTime,
    OwnToken,
    TooManyValues(u64),
    TooManyWords(u64),
    ControlCharacter,
    NotUtf8,
    /// A request header that cannot be read: the header's name.
    BadHeader(&'static str),
    NotAWebAddress,
    ReadOnlyRegistry,
    DatabaseFileLost,
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let pick = |v: &str, e: &str| if vi { v.to_string() } else { e.to_string() };
        match self {
            Msg::TitleBadRequest => pick("Yêu cầu không đọc được", "Malformed request"),
            Msg::TitleNotFound => pick("Không tìm thấy", "Not found"),
            Msg::TitleConflict => pick("Xung đột dữ liệu", "Conflict"),
            Msg::TitleValidation => pick("Dữ liệu không hợp lệ", "Invalid data"),
            Msg::TitleTooLarge => pick("Nội dung quá lớn", "Payload too large"),
            Msg::TitleUnavailable => pick("Dịch vụ tạm thời không sẵn sàng", "Service unavailable"),
            Msg::TitleInternal => pick("Lỗi hệ thống", "Internal error"),
            Msg::TitleUnauthorized => pick("Chưa xác thực", "Unauthorized"),
            Msg::TitleForbidden => pick("Không có quyền", "Forbidden"),
            Msg::TitlePreconditionFailed => pick("Bản ghi đã thay đổi", "Precondition failed"),
            Msg::TitlePreconditionRequired => pick("Thiếu phiên bản bản ghi", "Precondition required"),
            Msg::NoToken => pick(
                "Cần mã truy cập: gửi tiêu đề Authorization: Bearer <mã>.",
                "A token is needed: send the header Authorization: Bearer <token>.",
            ),
            Msg::NotBearer => pick(
                "Tiêu đề Authorization phải có dạng Bearer <mã>.",
                "The Authorization header must read Bearer <token>.",
            ),
            Msg::BadToken => pick(
                "Mã truy cập không đúng hoặc đã bị thu hồi.",
                "The token is not valid or has been revoked.",
            ),
            Msg::ReadOnlyRole => pick(
                "Mã truy cập này chỉ được xem, không được ghi.",
                "This token may read but not write.",
            ),
            Msg::AdminOnly => pick(
                "Chỉ quản trị viên được làm việc này.",
                "Only an admin may do this.",
            ),
            Msg::StaffOnly => pick(
                "Nhật ký thay đổi chỉ dành cho người biên tập và quản trị viên.",
                "The audit trail is for editors and admins.",
            ),
            Msg::SharedRecord => pick(
                "Văn bản chỉ đạo dùng chung cho mọi địa bàn: chỉ người biên tập toàn quốc hoặc quản trị viên được sửa, xóa.",
                "Directives are shared by every locality: only an editor for everywhere or an admin may change them.",
            ),
            Msg::OutsideLocality(l) => if vi {
                format!("Bản ghi thuộc địa bàn {l}, ngoài địa bàn của mã truy cập này.")
            } else {
                format!("The record belongs to locality {l}, outside this token's locality.")
            },
            Msg::NoLocality => pick(
                "Bản ghi không gắn với địa bàn nào: chỉ người biên tập toàn quốc hoặc quản trị viên được ghi.",
                "The record belongs to no locality: only an editor for everywhere or an admin may write it.",
            ),
            Msg::LeadOutsideLocality => pick(
                "Tổ chức chủ trì phải thuộc địa bàn của mã truy cập này.",
                "A lead organization must lie within this token's locality.",
            ),
            Msg::PartyOutsideLocality => pick(
                "Tổ chức này thuộc địa bàn khác: mã truy cập này chỉ ghi tổ chức thuộc địa bàn mình, địa bàn cấp trên hoặc không thuộc địa bàn nào.",
                "This organization belongs to another locality: this token may name organizations of its own locality, of one above it, or of none.",
            ),
            Msg::NamesOutsideLocality(n) => if vi {
                format!("Có {n} tổ chức ngoài phạm vi địa bàn của mã truy cập này; không có dữ liệu nào được ghi.")
            } else {
                format!("{n} organization(s) lie outside this token's locality; nothing was written.")
            },
            Msg::IfMatchRequired => pick(
                "Cần tiêu đề If-Match với ETag của bản ghi (lấy từ GET), để không ghi đè thay đổi của người khác.",
                "Send If-Match with the record's ETag (from a GET), so that no one else's change is overwritten.",
            ),
            Msg::StaleVersion(v) => if vi {
                format!("Bản ghi đã được người khác sửa; phiên bản hiện tại là \"{v}\". Tải lại rồi sửa tiếp.")
            } else {
                format!("The record was changed by someone else; it is now at version \"{v}\". Reload it and try again.")
            },
            Msg::BadIdempotencyKey => pick(
                "Idempotency-Key gồm 1 đến 255 ký tự ASCII nhìn thấy được.",
                "An Idempotency-Key is 1 to 255 visible ASCII characters.",
            ),
            Msg::IdempotencyKeyReused => pick(
                "Idempotency-Key này đã dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới.",
                "This Idempotency-Key was used for another request; each new request needs a new key.",
            ),
            Msg::TokenNameTaken => pick("Tên mã truy cập đã có.", "A token of this name exists."),
            Msg::TokenNotFound(id) => if vi {
                format!("Không có mã truy cập số {id}.")
            } else {
                format!("There is no token {id}.")
            },
            Msg::LocalityForEditors => pick(
                "Chỉ mã truy cập của người biên tập mới gắn với địa bàn.",
                "Only an editor's token has a locality.",
            ),
            Msg::DeletedNotFound(id) => if vi {
                format!("Không có bản ghi đã xóa số {id}.")
            } else {
                format!("There is no deleted record {id}.")
            },
            Msg::TooManyValues(n) => if vi {
                format!("Tham số này lặp lại quá {n} lần.")
            } else {
                format!("This parameter is repeated more than {n} times.")
            },
            Msg::TooManyWords(n) => if vi {
                format!("Nội dung tìm kiếm dài quá {n} từ.")
            } else {
                format!("The search is longer than {n} words.")
            },
            Msg::ControlCharacter => pick(
                "Có ký tự điều khiển (như U+0000, hay U+202E đảo chiều hiển thị) không được phép trong văn bản.",
                "Contains a control character (such as U+0000, or U+202E which reverses how text shows) that text may not hold.",
            ),
            Msg::NotUtf8 => pick(
                "Giá trị không phải văn bản UTF-8 hợp lệ sau khi giải mã phần trăm.",
                "The value is not valid UTF-8 once percent-decoded.",
            ),
            Msg::BadHeader(name) => if vi {
                format!("Không đọc được tiêu đề {name} của yêu cầu.")
            } else {
                format!("The request header {name} cannot be read.")
            },
            Msg::NotAWebAddress => pick(
                "Phải là địa chỉ web bắt đầu bằng http:// hoặc https://, có tên miền, không có khoảng trắng.",
                "Must be a web address: http:// or https://, a host, and no spaces.",
            ),
            Msg::ReadOnlyRegistry => pick(
                "Máy chủ này chỉ phục vụ đọc (PHOIHOP_READ_ONLY): không ghi được dữ liệu.",
                "This server serves the registry read-only (PHOIHOP_READ_ONLY): nothing can be written.",
            ),
            Msg::DatabaseFileLost => pick(
                "Tệp cơ sở dữ liệu đã bị xóa, thay thế hoặc chuyển sang chỉ đọc: không ghi được; báo người quản trị.",
                "The database file was deleted, replaced or made read-only: nothing can be written; tell the operator.",
            ),
            Msg::OwnToken => pick(
                "Không thể tự thu hồi mã truy cập đang dùng; dùng mã của quản trị viên khác hoặc lệnh phoihop token revoke.",
                "A token cannot revoke itself; use another admin's token, or phoihop token revoke.",
            ),
            Msg::NotADateTime => pick(
                "Không phải thời điểm theo ISO 8601 (2024-11-01 hoặc 2024-11-01T08:00:00Z).",
                "Not an ISO 8601 time (2024-11-01 or 2024-11-01T08:00:00Z).",
            ),
            Msg::FieldsInvalid(n) => {
                if vi {
                    format!("Có {n} trường không hợp lệ; không có dữ liệu nào được ghi.")
                } else {
                    format!("{n} field(s) are invalid; nothing was written.")
                }
            }
            Msg::BadQuery => pick("Không đọc được tham số truy vấn.", "A query parameter cannot be read."),
            Msg::NotJson(why) => {
                if vi {
                    format!("Nội dung gửi lên không phải JSON hợp lệ: {why}")
                } else {
                    format!("The request body is not valid JSON: {why}")
                }
            }
            Msg::BodyTooLarge(limit) => {
                if vi {
                    format!("Nội dung vượt quá giới hạn {limit} byte.")
                } else {
                    format!("The request body exceeds the limit of {limit} bytes.")
                }
            }
            Msg::NoSuchPath => pick("Không có tài nguyên ở địa chỉ này.", "There is no resource at this address."),
            Msg::RecordNotFound(entity, id) => {
                if vi {
                    format!("Không có {} với mã {id}.", entity.name(lang))
                } else {
                    format!("There is no {} with id {id}.", entity.name(lang))
                }
            }
            Msg::DatabaseUnavailable => pick(
                "Cơ sở dữ liệu tạm thời không truy cập được; vui lòng thử lại.",
                "The database cannot be reached right now; please try again.",
            ),
            Msg::InternalError => pick(
                "Đã xảy ra lỗi không mong muốn; không có dữ liệu nào được ghi.",
                "An unexpected error occurred; nothing was written.",
            ),
            Msg::DeleteBlocked(entity) => {
                if vi {
                    format!("Không thể xóa {} vì còn dữ liệu khác phụ thuộc vào nó.", entity.name(lang))
                } else {
                    format!("The {} cannot be deleted: other records depend on it.", entity.name(lang))
                }
            }
            Msg::Required => pick("Bắt buộc phải có.", "This field is required."),
            Msg::Blank => pick("Không được để trống.", "Must not be empty."),
            Msg::TooLong(max) => {
                if vi {
                    format!("Dài quá {max} ký tự.")
                } else {
                    format!("Longer than {max} characters.")
                }
            }
            Msg::TooMany(max) => {
                if vi {
                    format!("Nhiều hơn {max} mục.")
                } else {
                    format!("More than {max} items.")
                }
            }
            Msg::UnknownValue(allowed) => {
                if vi {
                    format!("Giá trị không hợp lệ; các giá trị cho phép: {allowed}.")
                } else {
                    format!("Unknown value; allowed values: {allowed}.")
                }
            }
            Msg::UnknownField(allowed) => {
                if vi {
                    format!("Trường không được hỗ trợ; các trường hợp lệ: {allowed}.")
                } else {
                    format!("Unknown field; known fields: {allowed}.")
                }
            }
            Msg::WrongType(expected) => {
                if vi {
                    format!("Sai kiểu dữ liệu; cần {}.", expected.name(lang))
                } else {
                    format!("Wrong type; expected {}.", expected.name(lang))
                }
            }
            Msg::NotADate => pick(
                "Không phải ngày hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2017-05-11, trong các năm 1945 đến 2100.",
                "Not a valid date; use YYYY-MM-DD, e.g. 2017-05-11, in the years 1945 to 2100.",
            ),
            Msg::OutOfRange(min, max) => {
                if vi {
                    format!("Phải nằm trong khoảng {min} đến {max}.")
                } else {
                    format!("Must be between {min} and {max}.")
                }
            }
            Msg::NotAnInteger => pick("Phải là một số nguyên.", "Must be a whole number."),
            Msg::UnknownParameter(allowed) => {
                if vi {
                    format!("Tham số không được hỗ trợ; các tham số hợp lệ: {allowed}.")
                } else {
                    format!("Unknown parameter; known parameters: {allowed}.")
                }
            }
            Msg::PeriodOrder => {
                pick("Năm kết thúc không được trước năm bắt đầu.", "The end year must not be before the start year.")
            }
            Msg::TooFewParties => {
                pick("Văn bản phối hợp phải có ít nhất hai bên ký kết.", "An agreement needs at least two parties.")
            }
            Msg::DuplicateParty => {
                pick("Tổ chức này đã có tên trong danh sách bên ký kết.", "This organization is already a party.")
            }
            Msg::Repeated => pick("Mục này bị lặp lại.", "This item is repeated."),
            Msg::DuplicateName(id) => {
                if vi {
                    format!("Đã có bản ghi cùng tên tại cùng địa bàn (mã {id}).")
                } else {
                    format!("A record with the same name already exists in the same place (id {id}).")
                }
            }
            Msg::DuplicateDirective(id) => {
                if vi {
                    format!("Văn bản cùng số, ký hiệu và ngày ban hành đã có (mã {id}).")
                } else {
                    format!("A directive with this symbol and issue date already exists (id {id}).")
                }
            }
            Msg::InUse(what, count) => what.describe(*count, lang),
            Msg::SelfReference => pick("Không thể tham chiếu đến chính nó.", "A record cannot refer to itself."),
            Msg::TreeTooDeep(max) => {
                if vi {
                    format!("Cây tổ chức sẽ sâu hơn {max} cấp, mức tối đa cho phép.")
                } else {
                    format!("The organization tree would be deeper than the {max} levels allowed.")
                }
            }
            Msg::Cycle => pick("Liên kết này tạo thành vòng lặp.", "This link would close a cycle."),
            Msg::DirectiveCycle(path) => {
                let path = path.join(" → ");
                if vi {
                    format!("Liên kết này tạo thành vòng lặp: {path}.")
                } else {
                    format!("This link would close a cycle: {path}.")
                }
            }
            Msg::ChainTooLong(max) => {
                if vi {
                    format!("Liên kết này tạo chuỗi văn bản triển khai dài hơn {max} văn bản, mức tối đa cho phép.")
                } else {
                    format!("This link would make a chain of implementing documents longer than the {max} allowed.")
                }
            }
            Msg::NoSuchLink(id, target) => {
                if vi {
                    format!("Văn bản {id} không có liên kết thực hiện văn bản {target}.")
                } else {
                    format!("Directive {id} does not implement directive {target}.")
                }
            }
            Msg::ParentLevel => pick("Địa bàn cấp trên phải có cấp cao hơn.", "The parent must be of a higher level."),
            Msg::ChildLevel => pick(
                "Có địa bàn trực thuộc cùng cấp hoặc cấp cao hơn cấp này.",
                "A locality inside this one is of the same or a higher level.",
            ),
            Msg::BadSymbol(why) => symbol_error(*why, lang),
            Msg::SymbolNoMatch(symbol) => {
                if vi {
                    format!("Không tìm thấy văn bản nào có số, ký hiệu \"{symbol}\".")
                } else {
                    format!("No directive matches the symbol \"{symbol}\".")
                }
            }
            Msg::SymbolAmbiguous(candidates) => {
                if vi {
                    format!("Ký hiệu khớp với nhiều văn bản; hãy chọn theo mã: {}.", candidates.join("; "))
                } else {
                    format!("The symbol matches several directives; choose one by id: {}.", candidates.join("; "))
                }
            }
            Msg::DirectiveOrSymbol => pick(
                "Cần đúng một trong hai: directive_id hoặc symbol.",
                "Give exactly one of directive_id and symbol.",
            ),
            Msg::StatusDerived => pick(
                "Chỉ được đặt trạng thái terminated hoặc superseded; các trạng thái khác được tính từ giai đoạn.",
                "Only terminated or superseded can be set; the other statuses follow from the period.",
            ),
            Msg::SetByEvent => pick(
                "Không ghi trường này khi đăng ký cùng sự kiện; sự kiện tự gán.",
                "Leave this out inside an event: the event sets it.",
            ),
            Msg::CreateOnly => pick(
                "Chỉ gửi kèm khi tạo sự kiện; văn bản mới thêm qua POST /api/v1/agreements.",
                "Only accepted when the event is created; add agreements with POST /api/v1/agreements.",
            ),
            Msg::NotASigningEvent => pick(
                "Văn bản phối hợp chỉ gắn với sự kiện loại ký kết (signing).",
                "Agreements can only belong to an event of kind signing.",
            ),
        }
    }
}

fn symbol_error(why: SymbolError, lang: Lang) -> String {
    let (vi, en) = match why {
        SymbolError::Empty => ("Số, ký hiệu trống.", "The symbol is empty."),
        SymbolError::TooLong => ("Số, ký hiệu dài quá 200 ký tự.", "The symbol is longer than 200 characters."),
        SymbolError::ControlCharacter => {
            ("Số, ký hiệu chứa ký tự điều khiển.", "The symbol contains a control character.")
        }
        SymbolError::NoNumber => (
            "Không thấy số văn bản; ký hiệu bắt đầu bằng số, ví dụ 12-CT/TW hoặc Chỉ thị số 12-CT/TW.",
            "No document number found; a symbol starts with its number, e.g. 12-CT/TW or Chỉ thị số 12-CT/TW.",
        ),
        SymbolError::Incomplete => (
            "Ký hiệu thiếu loại văn bản hoặc cơ quan ban hành; dạng đầy đủ: 12-CT/TW hoặc 2722/KH-UBND.",
            "The symbol lacks its type or issuer code; the full forms are 12-CT/TW and 2722/KH-UBND.",
        ),
        SymbolError::BadCode => (
            "Mã loại văn bản chỉ gồm chữ cái, mã cơ quan gồm chữ cái có thể kèm số ở cuối, mỗi mã tối đa 12 ký tự.",
            "A type code is letters only, an issuer code letters possibly ending in digits, at most 12 characters each.",
        ),
        SymbolError::ForeignLetter => (
            "Ký hiệu có chữ cái không dùng trong số, ký hiệu văn bản (chữ Kirin, Hy Lạp trông giống chữ Latinh, hoặc chữ mang dấu thanh).",
            "The symbol has a letter no document code uses (a Cyrillic or Greek letter that looks Latin, or one with a tone mark).",
        ),
        SymbolError::TrailingText => (
            "Có phần chữ sau ký hiệu không thuộc ký hiệu (ngày ban hành, cơ quan ban hành của một văn bản ghi ở trường riêng).",
            "There is text after the symbol that is not part of it (a directive's issue date and issuer have fields of their own).",
        ),
    };
    if lang == Lang::Vi { vi } else { en }.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_the_preferred_language() {
        assert_eq!(Lang::negotiate(None), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("en")), Lang::En);
        assert_eq!(Lang::negotiate(Some("en-US,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr, en;q=0.5, vi;q=0.8")), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("de")), Lang::Vi);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::Vi);
    }
}
