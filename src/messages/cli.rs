//! What the command line says, in Vietnamese and English side by side.

use super::Lang;

/// A line the command line prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Say {
    UpToDate(String),
    DemoLoaded { url: String, localities: usize, organizations: usize, directives: usize, events: usize },
    DemoPresent(String),
    BackupWritten(String, String),
    Restored(String, String),
    KeptLocalities(String),
    DroppedKeys(usize),
    Generated(String),
    TokenMade(String, String),
    TokenRevoked(String),
    NoSuchRole(String),
    NoSuchToken(String),
    TokensHeader,
    Everywhere,
    InLocality(i64),
    Active,
    RevokedAt(String),
    Serving(String),
    FirstUser,
    UserMade(String, String),
    PasswordSet(String),
    UserDisabled(String),
    UsersHeader,
    DisabledAt(String),
    PasswordPrompt,
}

impl Say {
    pub fn text(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            Say::UpToDate(url) => {
                (format!("cơ sở dữ liệu {url} đã cập nhật lược đồ"), format!("database {url} is up to date"))
            }
            Say::DemoLoaded { url, localities, organizations, directives, events } => (
                format!("đã nạp dữ liệu mẫu vào {url}: {localities} địa bàn, {organizations} tổ chức, {directives} văn bản chỉ đạo, {events} sự kiện"),
                format!("demo loaded into {url}: {localities} localities, {organizations} organizations, {directives} directives, {events} events"),
            ),
            Say::DemoPresent(url) => (
                format!("{url} đã có dữ liệu; không nạp lại dữ liệu mẫu"),
                format!("{url} already holds records; demo not loaded again"),
            ),
            Say::BackupWritten(url, file) => {
                (format!("đã ghi bản sao lưu của {url} vào {file}"), format!("backup of {url} written to {file}"))
            }
            Say::Restored(url, file) => (format!("đã khôi phục {url} từ {file}"), format!("{url} restored from {file}")),
            Say::KeptLocalities(ids) => (
                format!("giữ lại các địa bàn mà mã truy cập đang gắn với: {ids}"),
                format!("localities kept because tokens are limited to them: {ids}"),
            ),
            Say::DroppedKeys(n) => (
                format!("bỏ {n} Idempotency-Key của các bản ghi không còn"),
                format!("idempotency keys dropped with the records they created: {n}"),
            ),
            Say::Generated(what) => (what.clone(), what.clone()),
            Say::TokenMade(name, role) => (
                format!("đã tạo mã {name:?} ({role}); bí mật in ở dòng sau, chỉ hiện một lần. Gửi kèm tiêu đề Authorization: Bearer <bí mật>."),
                format!("token {name:?} ({role}) made; its secret follows, shown this once. Send it as Authorization: Bearer <secret>."),
            ),
            Say::TokenRevoked(name) => (format!("đã thu hồi mã {name:?}"), format!("token {name:?} revoked")),
            Say::NoSuchRole(role) => (
                format!("không có vai trò {role:?}: dùng viewer, editor hoặc admin"),
                format!("no role {role:?}: use viewer, editor or admin"),
            ),
            Say::NoSuchToken(name) => (format!("không có mã nào tên {name:?}"), format!("no token named {name:?}")),
            Say::TokensHeader => ("mã\ttên\tvai trò\tphạm vi\ttrạng thái".into(), "id\tname\trole\tscope\tstate".into()),
            Say::Everywhere => ("mọi nơi".into(), "everywhere".into()),
            Say::InLocality(l) => (format!("địa bàn {l}"), format!("locality {l}")),
            Say::Active => ("đang dùng".into(), "active".into()),
            Say::RevokedAt(at) => (format!("thu hồi {at}"), format!("revoked {at}")),
            Say::Serving(url) => (format!("phục vụ tại {url}"), format!("serving on {url}")),
            Say::FirstUser => (
                "Chưa có ai đăng nhập được. Tạo người quản trị đầu tiên (nhập mật khẩu khi được hỏi): phoihop user create --name quantri --role admin".into(),
                "No one can sign in yet. Make the first admin (type the password when asked): phoihop user create --name admin --role admin".into(),
            ),
            Say::UserMade(name, role) => (
                format!("đã tạo người dùng {name:?} ({role}); đăng nhập tại /sign-in"),
                format!("user {name:?} ({role}) made; sign in at /sign-in"),
            ),
            Say::PasswordSet(name) => (
                format!("đã đặt mật khẩu mới cho {name:?}; các phiên đăng nhập cũ đã kết thúc"),
                format!("new password set for {name:?}; their earlier sessions ended"),
            ),
            Say::UserDisabled(name) => (
                format!("đã khóa người dùng {name:?}; các phiên đăng nhập đã kết thúc"),
                format!("user {name:?} disabled; their sessions ended"),
            ),
            Say::UsersHeader => ("mã	tên	vai trò	phạm vi	trạng thái".into(), "id	name	role	scope	state".into()),
            Say::DisabledAt(at) => (format!("khóa {at}"), format!("disabled {at}")),
            Say::PasswordPrompt => ("Mật khẩu: ".into(), "Password: ".into()),
        };
        if lang == Lang::Vi {
            vi
        } else {
            en
        }
    }
}
