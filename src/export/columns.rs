//! The columns of each list's file: keys (the API's field names, which an import reads too),
//! headers in the reader's language, widths.

use super::table::{Column, Sheet};
use crate::messages::Lang;

fn col(key: &str, words: (&str, &str), width: f64, lang: Lang) -> Column {
    Column::new(key, words, width, lang)
}

/// The agreements sheet's and the parties sheet's columns.
pub fn agreement_sheets(lang: Lang) -> Vec<Sheet> {
    let c = |key, words, width| col(key, words, width, lang);
    let agreements = vec![
        c("id", ("Mã", "Id"), 8.0),
        c("title", ("Tên văn bản phối hợp", "Title"), 60.0),
        c("kind", ("Loại", "Kind"), 26.0),
        c("topic", ("Chủ đề", "Topic"), 30.0),
        c("start_year", ("Từ năm", "Start year"), 9.0),
        c("end_year", ("Đến năm", "End year"), 9.0),
        c("signed_on", ("Ngày ký", "Signed on"), 12.0),
        c("status", ("Tình trạng", "Status"), 18.0),
        c("locality_id", ("Mã địa bàn", "Locality id"), 10.0),
        c("locality", ("Địa bàn", "Locality"), 22.0),
        c("signing_event_id", ("Mã lễ ký kết", "Signing event id"), 10.0),
        c("lead", ("Đơn vị chủ trì", "Lead"), 36.0),
        c("parties", ("Các bên ký kết", "Parties"), 60.0),
        c("party_ids", ("Mã các bên", "Party ids"), 16.0),
        c("party_roles", ("Vai trò các bên", "Party roles"), 24.0),
        c("directives", ("Văn bản chỉ đạo", "Directives"), 24.0),
        c("directive_ids", ("Mã văn bản chỉ đạo", "Directive ids"), 14.0),
        c("directive_relations", ("Quan hệ với văn bản", "Directive relations"), 18.0),
        c("tasks", ("Nhiệm vụ chính", "Main tasks"), 40.0),
        c("replaces_id", ("Thay thế văn bản số", "Replaces id"), 10.0),
        c("source_url", ("Nguồn", "Source"), 30.0),
        c("published_on", ("Ngày đăng", "Published on"), 12.0),
        c("external_id", ("Số hiệu gốc", "External id"), 14.0),
    ];
    let parties = vec![
        c("agreement_id", ("Mã văn bản phối hợp", "Agreement id"), 10.0),
        c("agreement_title", ("Tên văn bản phối hợp", "Agreement title"), 50.0),
        c("organization_id", ("Mã tổ chức", "Organization id"), 10.0),
        c("organization_name", ("Tổ chức", "Organization"), 40.0),
        c("role", ("Vai trò", "Role"), 12.0),
        c("signatory_name", ("Người ký", "Signatory"), 24.0),
        c("signatory_title", ("Chức vụ người ký", "Signatory's title"), 24.0),
    ];
    let (a, p) =
        if lang == Lang::Vi { ("Văn bản phối hợp", "Các bên ký kết") } else { ("Agreements", "Parties") };
    vec![Sheet { name: a.into(), columns: agreements }, Sheet { name: p.into(), columns: parties }]
}

pub fn organization_sheet(lang: Lang) -> Sheet {
    let c = |key, words, width| col(key, words, width, lang);
    Sheet {
        name: if lang == Lang::Vi { "Tổ chức" } else { "Organizations" }.into(),
        columns: vec![
            c("id", ("Mã", "Id"), 8.0),
            c("name", ("Tên tổ chức", "Name"), 50.0),
            c("short_name", ("Tên viết tắt", "Short name"), 24.0),
            c("aliases", ("Tên gọi khác", "Aliases"), 30.0),
            c("kind", ("Loại", "Kind"), 28.0),
            c("locality_id", ("Mã địa bàn", "Locality id"), 10.0),
            c("locality", ("Địa bàn", "Locality"), 22.0),
            c("parent_id", ("Mã tổ chức cấp trên", "Parent id"), 10.0),
            c("parent", ("Tổ chức cấp trên", "Parent"), 40.0),
        ],
    }
}

pub fn directive_sheet(lang: Lang) -> Sheet {
    let c = |key, words, width| col(key, words, width, lang);
    Sheet {
        name: if lang == Lang::Vi { "Văn bản chỉ đạo" } else { "Directives" }.into(),
        columns: vec![
            c("id", ("Mã", "Id"), 8.0),
            c("symbol", ("Số, ký hiệu", "Symbol"), 22.0),
            c("kind", ("Loại", "Kind"), 16.0),
            c("title", ("Trích yếu", "Title"), 50.0),
            c("issuer", ("Cơ quan ban hành", "Issuer"), 30.0),
            c("issued_on", ("Ngày ban hành", "Issued on"), 12.0),
            c("term", ("Khóa", "Term"), 8.0),
            c("implements", ("Triển khai văn bản", "Implements"), 24.0),
            c("implements_ids", ("Mã văn bản được triển khai", "Implements ids"), 14.0),
        ],
    }
}

pub fn locality_sheet(lang: Lang) -> Sheet {
    let c = |key, words, width| col(key, words, width, lang);
    Sheet {
        name: if lang == Lang::Vi { "Địa bàn" } else { "Localities" }.into(),
        columns: vec![
            c("id", ("Mã", "Id"), 8.0),
            c("name", ("Tên địa bàn", "Name"), 30.0),
            c("level", ("Cấp", "Level"), 20.0),
            c("parent_id", ("Mã cấp trên", "Parent id"), 10.0),
            c("parent", ("Thuộc", "Inside"), 30.0),
        ],
    }
}

pub fn event_sheet(lang: Lang) -> Sheet {
    let c = |key, words, width| col(key, words, width, lang);
    Sheet {
        name: if lang == Lang::Vi { "Lễ ký kết" } else { "Signing events" }.into(),
        columns: vec![
            c("id", ("Mã", "Id"), 8.0),
            c("kind", ("Loại", "Kind"), 24.0),
            c("title", ("Tên", "Title"), 50.0),
            c("held_on", ("Ngày tổ chức", "Held on"), 12.0),
            c("place", ("Nơi tổ chức", "Place"), 30.0),
            c("locality_id", ("Mã địa bàn", "Locality id"), 10.0),
            c("locality", ("Địa bàn", "Locality"), 22.0),
            c("host_id", ("Mã đơn vị chủ trì", "Host id"), 10.0),
            c("host", ("Đơn vị chủ trì", "Host"), 40.0),
            c("agreement_ids", ("Mã các văn bản ký", "Agreement ids"), 16.0),
            c("source_url", ("Nguồn", "Source"), 30.0),
            c("published_on", ("Ngày đăng", "Published on"), 12.0),
        ],
    }
}

/// The columns of an agreement as a report lists it.
pub fn agreement_brief_sheet(lang: Lang) -> Sheet {
    let c = |key, words, width| col(key, words, width, lang);
    Sheet {
        name: if lang == Lang::Vi { "Văn bản phối hợp" } else { "Agreements" }.into(),
        columns: vec![
            c("id", ("Mã", "Id"), 8.0),
            c("title", ("Tên văn bản phối hợp", "Title"), 60.0),
            c("kind", ("Loại", "Kind"), 26.0),
            c("start_year", ("Từ năm", "Start year"), 9.0),
            c("end_year", ("Đến năm", "End year"), 9.0),
            c("locality_id", ("Mã địa bàn", "Locality id"), 10.0),
            c("locality", ("Địa bàn", "Locality"), 22.0),
        ],
    }
}
