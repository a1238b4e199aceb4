//! A report as a page shows it: a sentence, charts and tables, in the reader's language.

use super::{say, table, Table, COLUMNS};
use crate::export::reports::Report;
use crate::messages::labels::Label;
use crate::messages::Lang;
use crate::web::chart;

pub fn title(which: &str, lang: Lang) -> String {
    match which {
        "coverage" => say(lang, "Tổ chức tham gia văn bản phối hợp", "Coverage"),
        "gaps" => say(lang, "Tổ chức chưa ký kết", "Not yet signed"),
        "due" => say(lang, "Văn bản hết hạn, bắt đầu", "Ending and starting"),
        _ => say(lang, "Báo cáo, thống kê", "Reports"),
    }
}

fn bars<T>(title: String, items: &[T], bar: impl Fn(&T) -> (String, f64)) -> String {
    chart::bars(&title, &items.iter().map(bar).collect::<Vec<_>>())
}

fn s(text: impl ToString) -> String {
    text.to_string()
}

/// The sentence, charts and tables of `report`.
pub fn show(report: &Report, lang: Lang) -> (Option<String>, Vec<String>, Vec<Table>) {
    let t = |vi: &str, en: &str| say(lang, vi, en);
    let brief_headers =
        || vec![t("Mã", "Id"), t("Tên văn bản phối hợp", "Title"), t("Loại", "Kind"), t("Giai đoạn", "Period")];
    let brief = |a: &crate::models::report::AgreementBrief| {
        vec![s(a.id), a.title.clone(), s(a.kind.label(lang)), format!("{}–{}", a.start_year, a.end_year)]
    };
    match report {
        Report::Counts(r) => {
            let unknown = t("Chưa rõ", "Unknown");
            let year = |y: &Option<i32>| y.map_or(unknown.clone(), |y| y.to_string());
            let charts = vec![
                bars(t("Theo năm ký", "By year signed"), &r.by_year, |y| (year(&y.year), y.count as f64)),
                bars(t("Theo loại", "By kind"), &r.by_kind, |k| (s(k.kind.label(lang)), k.count as f64)),
                bars(t("Theo tỉnh, thành phố", "By province"), &r.by_province, |p| {
                    (p.locality_name.clone().unwrap_or(unknown.clone()), p.count as f64)
                }),
                bars(t("Theo văn bản chỉ đạo", "By directive"), &r.by_directive, |d| {
                    (d.symbol.clone(), d.count as f64)
                }),
            ];
            let count = t("Số văn bản", "Agreements");
            let tables = vec![
                table(
                    t("Theo năm ký", "By year signed"),
                    vec![t("Năm ký", "Year signed"), count.clone()],
                    r.by_year.iter().map(|y| vec![year(&y.year), s(y.count)]),
                ),
                table(
                    t("Theo loại", "By kind"),
                    vec![t("Loại", "Kind"), count.clone()],
                    r.by_kind.iter().map(|k| vec![s(k.kind.label(lang)), s(k.count)]),
                ),
                table(
                    t("Theo tỉnh, thành phố", "By province"),
                    vec![t("Tỉnh, thành phố", "Province"), count.clone()],
                    r.by_province.iter().map(|p| vec![p.locality_name.clone().unwrap_or(unknown.clone()), s(p.count)]),
                ),
                table(
                    t("Theo văn bản chỉ đạo", "By directive"),
                    vec![t("Văn bản chỉ đạo", "Directive"), count],
                    r.by_directive.iter().map(|d| vec![d.symbol.clone(), s(d.count)]),
                ),
            ];
            (Some(format!("{} {}", t("Tổng số văn bản phối hợp:", "Agreements in all:"), r.total)), charts, tables)
        }
        Report::Gaps(r) => {
            let summary = format!(
                "{} {} — {} {}: {} {}, {} {}.",
                r.directive.symbol,
                r.locality.name,
                t("năm", "year"),
                r.year,
                r.gaps.len(),
                t("tổ chức thành viên chưa ký", "member organizations have not signed"),
                r.localities_without.len(),
                t("địa bàn mà Ủy ban MTTQ chưa có văn bản nào", "localities whose Front committee has none"),
            );
            let chart = bars(
                t("Tổ chức thành viên đã ký, theo địa bàn", "Member organizations signed, by locality"),
                &r.localities,
                |l| (format!("{} ({}/{})", l.locality_name, l.members_signed, l.members), l.members_signed as f64),
            );
            let yes = |b: bool| if b { t("Đã ký", "Signed") } else { t("Chưa ký", "Not signed") };
            let tables = vec![
                table(
                    t("Tổ chức thành viên chưa ký", "Member organizations not signed"),
                    vec![t("Tổ chức", "Organization"), t("Loại", "Kind"), t("Địa bàn", "Locality")],
                    r.gaps.iter().map(|o| {
                        vec![o.name.clone(), s(o.kind.label(lang)), o.locality_name.clone().unwrap_or_default()]
                    }),
                ),
                table(
                    t("Theo địa bàn", "By locality"),
                    vec![
                        t("Địa bàn", "Locality"),
                        t("Ủy ban MTTQ", "Front committee"),
                        t("Ủy ban MTTQ đã ký", "Front committee signed"),
                        t("Tổ chức thành viên đã ký", "Members signed"),
                    ],
                    r.localities.iter().map(|l| {
                        let front = l
                            .front_committee
                            .as_ref()
                            .map_or(t("Chưa đăng ký", "None registered"), |f| f.name.clone());
                        vec![
                            l.locality_name.clone(),
                            front,
                            yes(l.front_committee_signed),
                            format!("{}/{}", l.members_signed, l.members),
                        ]
                    }),
                ),
                table(
                    t("Văn bản phối hợp đang có hiệu lực", "Agreements in force"),
                    brief_headers(),
                    r.agreements.iter().map(brief),
                ),
            ];
            (Some(summary), vec![chart], tables)
        }
        Report::Coverage(r) => {
            let shown = &r.agreements[..r.agreements.len().min(COLUMNS)];
            let mut headers =
                vec![t("Tổ chức", "Organization"), t("Địa bàn", "Locality"), t("Số văn bản", "Agreements")];
            headers.extend(shown.iter().map(|a| format!("{} ({}–{})", a.title, a.start_year, a.end_year)));
            let rows = r.organizations.iter().map(|o| {
                let mut row = vec![
                    o.organization.name.clone(),
                    o.organization.locality_name.clone().unwrap_or_default(),
                    s(o.count),
                ];
                row.extend(shown.iter().map(|a| {
                    o.signed.iter().find(|x| x.agreement_id == a.id).map_or(String::new(), |x| s(x.role.label(lang)))
                }));
                row
            });
            let signed: Vec<&crate::models::report::coverage::CoverageRow> =
                r.organizations.iter().filter(|o| o.count > 0).collect();
            let chart = bars(
                t("Số văn bản đã ký, theo tổ chức", "Agreements signed, by organization"),
                &signed,
                |o| (o.organization.name.clone(), o.count as f64),
            );
            let summary = format!(
                "{} — {} {}: {} {}.",
                r.locality.name,
                t("năm", "year"),
                r.year,
                r.agreements.len(),
                t("văn bản phối hợp có hiệu lực", "agreements in force")
            );
            (
                Some(summary),
                vec![chart],
                vec![table(t("Tổ chức và văn bản phối hợp", "Organizations by agreements"), headers, rows)],
            )
        }
        Report::Due(r) => {
            let mut headers = vec![t("Ngày", "On"), t("Sự kiện", "Event"), t("Đơn vị chủ trì", "Lead")];
            headers.extend(brief_headers());
            let rows = r.items.iter().map(|i| {
                let mut row = vec![
                    i.on.format("%d/%m/%Y").to_string(),
                    s(i.event.label(lang)),
                    i.lead.clone().unwrap_or_default(),
                ];
                row.extend(brief(&i.agreement));
                row
            });
            let summary = format!("{} – {}: {}", r.from.format("%d/%m/%Y"), r.to.format("%d/%m/%Y"), r.items.len());
            (Some(summary), Vec::new(), vec![table(title("due", lang), headers, rows)])
        }
    }
}
