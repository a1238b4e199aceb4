//! The command line's help in Vietnamese and English, side by side, applied to the commands
//! that clap derives: every command and every argument has both (a test walks them all).

use clap::Command;

use crate::messages::Lang;

/// (where, Vietnamese, English): "" is the program, "token.create" a subcommand,
/// "token.create.name" an argument.
const HELP: &[(&str, &str, &str)] = &[
    ("", "Sổ đăng ký văn bản phối hợp công tác đối ngoại nhân dân: phục vụ API và quản lý cơ sở dữ liệu.", "A registry of coordination agreements (phối hợp) for people-to-people diplomacy: serve its API and manage its database."),
    ("database_url", "Cơ sở dữ liệu: đường dẫn tệp SQLite (tạo mới cùng các bảng nếu chưa có), hoặc địa chỉ PostgreSQL postgres://người-dùng:mật-khẩu@máy:cổng/tên-csdl. Mặc định lấy từ biến DATABASE_URL, không có thì là phoihop.db.", "The database: a SQLite file path (created with its tables if missing), or a PostgreSQL URL postgres://user:password@host:port/database. By default DATABASE_URL, else phoihop.db."),
    ("lang", "Ngôn ngữ của lệnh: vi hoặc en. Mặc định là tiếng Việt, tiếng Anh khi LC_ALL hoặc LANG là en_*.", "The command's language: vi or en. Vietnamese by default, English when LC_ALL or LANG is en_*."),
    ("help", "In hướng dẫn này.", "Print this help."),
    ("version", "In phiên bản.", "Print the version."),
    ("serve", "Phục vụ REST API tại ROCKET_ADDRESS:ROCKET_PORT (mặc định 127.0.0.1:8000).", "Serve the REST API at ROCKET_ADDRESS:ROCKET_PORT (127.0.0.1:8000 by default)."),
    ("serve.demo", "Nạp dữ liệu mẫu (năm bài báo gốc) trước, nếu cơ sở dữ liệu còn trống.", "Load the demo data (the five seed articles) first, if the database is empty."),
    ("migrate", "Tạo cơ sở dữ liệu hoặc cập nhật lược đồ rồi thoát.", "Create the database or bring its schema up to date, then exit."),
    ("demo", "Nạp dữ liệu mẫu vào cơ sở dữ liệu trống rồi thoát.", "Load the demo data into an empty database, then exit."),
    ("token", "Quản lý mã truy cập API (mã quản trị đầu tiên được tạo tại đây).", "Manage API tokens (the first admin token is made here)."),
    ("token.create", "Tạo mã truy cập và in bí mật của nó (chỉ hiện một lần; chỉ lưu giá trị băm).", "Make a token and print its secret (shown this once; only its hash is kept)."),
    ("token.create.name", "Tên của mã, duy nhất (ghi trong nhật ký thay đổi), ví dụ \"cán bộ MTTQ quận 11\".", "The token's name, unique (the audit trail shows it), e.g. \"cán bộ MTTQ quận 11\"."),
    ("token.create.role", "Vai trò: viewer (chỉ xem), editor (biên tập) hoặc admin (quản trị).", "The role: viewer (reads), editor (writes) or admin (everything)."),
    ("token.create.locality", "Với người biên tập: mã địa bàn được ghi (cùng các địa bàn trực thuộc); bỏ trống là mọi nơi.", "For an editor: the id of the locality it writes in (and those inside it); none for everywhere."),
    ("token.list", "Liệt kê mọi mã truy cập (không bao giờ in bí mật).", "List every token (never its secret)."),
    ("token.list.json", "In dạng JSON, cho các tập lệnh.", "Print JSON, for scripts."),
    ("token.revoke", "Thu hồi một mã theo tên: mã ngừng hoạt động ngay.", "Revoke a token by name: it stops working at once."),
    ("token.revoke.name", "Tên của mã cần thu hồi.", "The name of the token to revoke."),
    ("user", "Quản lý người dùng đăng nhập trang web (người quản trị đầu tiên được tạo tại đây).", "Manage the users who sign in to the web pages (the first admin is made here)."),
    ("user.create", "Tạo người dùng; mật khẩu được hỏi (không hiện) hoặc đọc từ dòng đầu của đầu vào chuẩn.", "Make a user; the password is asked for (not shown) or read from the first line of standard input."),
    ("user.create.name", "Tên đăng nhập, duy nhất (ghi trong nhật ký thay đổi).", "The user name, unique (the audit trail shows it)."),
    ("user.create.role", "Vai trò: viewer (chỉ xem), editor (biên tập) hoặc admin (quản trị).", "The role: viewer (reads), editor (writes) or admin (everything)."),
    ("user.create.locality", "Với người biên tập: mã địa bàn được ghi (cùng các địa bàn trực thuộc); bỏ trống là mọi nơi.", "For an editor: the id of the locality they write in (and those inside it); none for everywhere."),
    ("user.password", "Đặt mật khẩu mới cho người dùng (các phiên đăng nhập cũ kết thúc).", "Set a user's new password (their earlier sessions end)."),
    ("user.password.name", "Tên đăng nhập.", "The user name."),
    ("user.disable", "Khóa người dùng: không đăng nhập được nữa, các phiên đang mở kết thúc ngay.", "Disable a user: they can no longer sign in, and their open sessions end at once."),
    ("user.disable.name", "Tên đăng nhập.", "The user name."),
    ("user.list", "Liệt kê người dùng (không bao giờ in mật khẩu).", "List the users (never a password)."),
    ("backup", "Ghi một bản sao nhất quán của cơ sở dữ liệu SQLite ra tệp mới, trong khi máy chủ vẫn chạy.", "Write a consistent copy of the (SQLite) database to a new file, while the server runs."),
    ("backup.file", "Tệp sao lưu cần tạo; không được trùng tệp đã có.", "The backup file to make; it must not exist yet."),
    ("restore", "Khôi phục sổ đăng ký từ bản sao lưu, giữ nguyên lịch sử (mã truy cập, nhật ký, số hiệu đã cấp); an toàn khi máy chủ đang chạy.", "Put the registry back as a backup holds it, keeping the history (tokens, the audit trail, ids handed out); safe while servers run."),
    ("restore.file", "Tệp sao lưu do lệnh backup tạo.", "A backup file that backup made."),
    ("intake", "Đọc một bài báo về lễ ký kết thành bản nháp đăng ký (sự kiện, văn bản, bên ký, văn bản chỉ đạo), đối chiếu với sổ đăng ký; không ghi gì.", "Read an article about a signing into a draft registration (event, agreements, parties, directives) against the registry; writes nothing."),
    ("intake.file", "Tệp bài báo (văn bản hoặc HTML), hoặc - để đọc từ đầu vào chuẩn.", "The article's file (text or HTML), or - for standard input."),
    ("intake.published_on", "Ngày đăng bài (YYYY-MM-DD): ngày ghi không có năm lấy năm theo ngày này.", "The publication date (YYYY-MM-DD): a date written without its year takes the year from it."),
    ("intake.source_url", "Địa chỉ bài báo, ghi vào bản nháp.", "The article's address, put in the draft."),
    ("intake.summary", "In vài dòng tóm tắt cho người đọc thay vì JSON.", "Print a few lines for a person instead of JSON."),
    ("bench-data", "Điền vào cơ sở dữ liệu trống một sổ đăng ký toàn quốc sinh tự động, để đo hiệu năng (bench/run).", "Fill an empty database with a generated national registry, for benchmarks (bench/run)."),
    ("bench-data.agreements", "Số văn bản phối hợp cần sinh (cùng sự kiện, bên ký kết và văn bản chỉ đạo).", "How many agreements to generate (with their events, parties and directives)."),
    ("bench-data.seed", "Hạt giống ngẫu nhiên (mặc định 20261122): cùng hạt giống và cùng số lượng cho cùng một sổ đăng ký.", "The random seed (20261122 by default): the same seed and size give the same registry."),
    ("import", "Nhập một bảng tính (CSV hoặc XLSX) vào sổ đăng ký: tất cả hoặc không gì cả; báo mọi lỗi theo dòng và cột.", "Import a spreadsheet (CSV or XLSX) into the registry: all or nothing; every error is reported by row and column."),
    ("import.file", "Tệp CSV (UTF-8) hoặc XLSX, dòng 1 là tên các cột như tệp xuất.", "The CSV (UTF-8) or XLSX file, row 1 naming the columns as an export does."),
    ("import.resource", "Tệp chứa gì: organizations (tổ chức), directives (văn bản chỉ đạo) hoặc agreements (văn bản phối hợp).", "What the file holds: organizations, directives or agreements."),
    ("import.dry_run", "Chỉ kiểm tra và báo cáo; không ghi gì.", "Only check and report; write nothing."),
    ("import.on_match", "Dòng trùng bản ghi đã có nhưng khác giá trị: skip (để nguyên, mặc định) hoặc update (cập nhật).", "A row that is a registered record with other values: skip (leave it, the default) or update."),
    ("import.create_missing", "organizations: tạo các tổ chức ký kết chưa có trong sổ đăng ký.", "organizations: make the parties the registry does not hold yet."),
    ("import.json", "In báo cáo dạng JSON, cho các tập lệnh.", "Print the report as JSON, for scripts."),
];

/// The help at `key` in `lang`, if the catalogue has it.
pub fn text(key: &str, lang: Lang) -> Option<&'static str> {
    HELP.iter().find(|(k, _, _)| *k == key).map(|(_, vi, en)| if lang == Lang::Vi { *vi } else { *en })
}

/// clap's own words around the help, in `lang`.
fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "{about}\n\nCách dùng: {usage}\n\n{all-args}",
        Lang::En => "{about}\n\nUsage: {usage}\n\n{all-args}",
    }
}

/// `command` with its help, its subcommands' and its arguments' in `lang`; `path` is where it
/// stands ("" for the program).
pub fn localize(mut command: Command, path: &str, lang: Lang) -> Command {
    if let Some(about) = text(path, lang) {
        command = command.about(about);
    }
    let (commands, options, arguments) = match lang {
        Lang::Vi => ("Lệnh", "Tùy chọn", "Đối số"),
        Lang::En => ("Commands", "Options", "Arguments"),
    };
    command = command.help_template(template(lang)).subcommand_help_heading(commands).next_help_heading(options);
    let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let key = if ["help", "version", "lang", "database_url"].contains(&id.as_str()) || path.is_empty() {
            id.clone()
        } else {
            format!("{path}.{id}")
        };
        if let Some(help) = text(&key, lang) {
            // clap's own English asides (defaults, the environment, the values allowed) are in
            // the catalogue's words instead.
            command = command.mut_arg(&id, |a| {
                let heading = if a.is_positional() { arguments } else { options };
                let takes_values = a.get_action().takes_values();
                let a = a.help(help).help_heading(heading);
                if takes_values {
                    a.hide_default_value(true).hide_env(true).hide_possible_values(true)
                } else {
                    a
                }
            });
        }
    }
    let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let sub = if path.is_empty() { name.clone() } else { format!("{path}.{name}") };
        command = command.mut_subcommand(&name, |c| localize(c, &sub, lang));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument, as a key of the catalogue.
    fn keys(command: &Command, path: &str, into: &mut Vec<String>) {
        into.push(path.to_string());
        for arg in command.get_arguments() {
            let id = arg.get_id().as_str();
            let global = ["help", "version", "lang", "database_url"].contains(&id) || path.is_empty();
            into.push(if global { id.to_string() } else { format!("{path}.{id}") });
        }
        for sub in command.get_subcommands() {
            let name = sub.get_name();
            keys(sub, &if path.is_empty() { name.to_string() } else { format!("{path}.{name}") }, into);
        }
    }

    #[test]
    fn every_command_and_argument_is_described_in_both_languages() {
        let mut all = Vec::new();
        keys(&super::super::Cli::command(), "", &mut all);
        for key in &all {
            assert!(text(key, Lang::Vi).is_some() && text(key, Lang::En).is_some(), "no help for {key:?}");
        }
        for lang in [Lang::Vi, Lang::En] {
            localize(super::super::Cli::command(), "", lang).debug_assert();
        }
        let mut listed: Vec<&str> = HELP.iter().map(|(k, _, _)| *k).collect();
        listed.retain(|k| !all.iter().any(|a| a == k));
        assert!(listed.is_empty(), "help for what does not exist: {listed:?}");
    }
}
