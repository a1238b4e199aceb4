//! The reports as files: each report's sheets, rows and charts. As JSON, the report itself.

use std::io::Write;

use super::columns::agreement_brief_sheet;
use super::lists::{agreement_brief_row, Names};
use super::table::{Cell, ChartOf, Column, Sheet};
use super::write::Sink;
use super::Format;
use crate::error::ApiResult;
use crate::messages::labels::Label;
use crate::messages::Lang;
use crate::models::report::counts::CountsReport;
use crate::models::report::coverage::CoverageReport;
use crate::models::report::due::DueReport;
use crate::models::report::gaps::{GapReport, LocalityGaps};
use crate::models::report::OrganizationBrief;

/// Agreement columns a coverage matrix holds at most (a sheet has 16,384 columns).
pub const MATRIX_COLUMNS: usize = 16_000;

#[derive(serde::Serialize)]
#[serde(untagged)]
pub enum Report {
    Coverage(CoverageReport),
    Gaps(GapReport),
    Due(DueReport),
    Counts(CountsReport),
}

fn words(lang: Lang, vi: &str, en: &str) -> String {
    if lang == Lang::Vi { vi } else { en }.to_string()
}

fn col(key: &str, w: (&str, &str), width: f64, lang: Lang) -> Column {
    Column::new(key, w, width, lang)
}

fn organization_columns(lang: Lang) -> Vec<Column> {
    vec![
        col("organization_id", ("Mã tổ chức", "Organization id"), 10.0, lang),
        col("organization_name", ("Tổ chức", "Organization"), 44.0, lang),
        col("kind", ("Loại", "Kind"), 26.0, lang),
        col("locality_id", ("Mã địa bàn", "Locality id"), 10.0, lang),
        col("locality", ("Địa bàn", "Locality"), 22.0, lang),
    ]
}

fn organization_cells(o: &OrganizationBrief, lang: Lang) -> Vec<Cell<'_>> {
    vec![
        Cell::Int(o.id),
        o.name.as_str().into(),
        o.kind.label(lang).into(),
        o.locality_id.into(),
        o.locality_name.as_deref().into(),
    ]
}

fn yes_no(yes: bool, lang: Lang) -> Cell<'static> {
    Cell::from(match (yes, lang) {
        (true, Lang::Vi) => "Đã ký",
        (false, Lang::Vi) => "Chưa ký",
        (true, Lang::En) => "Signed",
        (false, Lang::En) => "Not signed",
    })
}

fn locality_gap_cells(l: &LocalityGaps, lang: Lang) -> Vec<Cell<'_>> {
    vec![
        l.locality_name.as_str().into(),
        Cell::Int(l.members_signed as i64),
        Cell::Int((l.members - l.members_signed) as i64),
        Cell::Int(l.locality_id),
        l.level.label(lang).into(),
        l.front_committee.as_ref().map(|f| f.id).into(),
        l.front_committee.as_ref().map(|f| f.name.clone()).into(),
        yes_no(l.front_committee_signed, lang),
    ]
}

fn locality_gap_columns(lang: Lang) -> Vec<Column> {
    vec![
        col("locality", ("Địa bàn", "Locality"), 26.0, lang),
        col("members_signed", ("Tổ chức thành viên đã ký", "Members signed"), 14.0, lang),
        col("members_not_signed", ("Tổ chức thành viên chưa ký", "Members not signed"), 14.0, lang),
        col("locality_id", ("Mã địa bàn", "Locality id"), 10.0, lang),
        col("level", ("Cấp", "Level"), 18.0, lang),
        col("front_committee_id", ("Mã Ủy ban MTTQ", "Front committee id"), 10.0, lang),
        col("front_committee", ("Ủy ban MTTQ", "Front committee"), 40.0, lang),
        col("front_committee_signed", ("Ủy ban MTTQ đã ký", "Front committee signed"), 14.0, lang),
    ]
}

impl Report {
    pub fn name(&self, lang: Lang) -> &'static str {
        let vi = lang == Lang::Vi;
        match self {
            Report::Coverage(_) => {
                if vi {
                    "bao-cao-tham-gia"
                } else {
                    "coverage"
                }
            }
            Report::Gaps(_) => {
                if vi {
                    "bao-cao-chua-ky"
                } else {
                    "gaps"
                }
            }
            Report::Due(_) => {
                if vi {
                    "bao-cao-het-han-bat-dau"
                } else {
                    "due"
                }
            }
            Report::Counts(_) => {
                if vi {
                    "bao-cao-so-luong"
                } else {
                    "counts"
                }
            }
        }
    }

    /// The report in `format`, to `out`; `names` names the agreements' localities.
    pub fn write<W: Write + Send>(&self, format: Format, lang: Lang, names: &Names, mut out: W) -> ApiResult<()> {
        if format == Format::Json {
            let written = match self {
                Report::Coverage(r) => serde_json::to_writer(&mut out, r),
                Report::Gaps(r) => serde_json::to_writer(&mut out, r),
                Report::Due(r) => serde_json::to_writer(&mut out, r),
                Report::Counts(r) => serde_json::to_writer(&mut out, r),
            };
            written.map_err(|_| crate::error::ApiError::internal())?;
            return out.flush().map_err(|_| crate::error::ApiError::internal());
        }
        let about = vec![(words(lang, "Báo cáo", "Report"), self.name(lang).to_string())];
        match self {
            Report::Coverage(r) => {
                let shown = &r.agreements[..r.agreements.len().min(MATRIX_COLUMNS)];
                let mut matrix = organization_columns(lang);
                matrix.push(col("count", ("Số văn bản đã ký", "Agreements signed"), 12.0, lang));
                matrix.extend(shown.iter().map(|a| Column {
                    key: format!("agreement_{}", a.id),
                    title: format!("{} ({}–{}) [{}]", a.title, a.start_year, a.end_year, a.id),
                    width: 18.0,
                }));
                let sheets = vec![
                    Sheet { name: words(lang, "Ma trận", "Matrix"), columns: matrix },
                    agreement_brief_sheet(lang),
                ];
                let mut sink = Sink::open(format, sheets, lang, out)?;
                for row in &r.organizations {
                    let mut cells = organization_cells(&row.organization, lang);
                    cells.push(Cell::Int(row.count as i64));
                    let mut roles = row.signed.iter().peekable();
                    for a in shown {
                        cells.push(match roles.next_if(|s| s.agreement_id == a.id) {
                            Some(s) => s.role.label(lang).into(),
                            None => Cell::Empty,
                        });
                    }
                    sink.row(0, &cells)?;
                }
                for a in &r.agreements {
                    sink.row(1, &agreement_brief_row(a, names, lang))?;
                }
                let chart = ChartOf {
                    title: words(lang, "Số văn bản đã ký", "Agreements signed"),
                    sheet: 0,
                    categories: 1,
                    values: 5,
                };
                sink.finish(&about, &[chart])
            }
            Report::Gaps(r) => {
                let sheets = vec![
                    Sheet { name: words(lang, "Chưa ký", "Not signed"), columns: organization_columns(lang) },
                    Sheet { name: words(lang, "Địa bàn", "Localities"), columns: locality_gap_columns(lang) },
                    agreement_brief_sheet(lang),
                ];
                let mut sink = Sink::open(format, sheets, lang, out)?;
                for o in &r.gaps {
                    sink.row(0, &organization_cells(o, lang))?;
                }
                for l in &r.localities {
                    sink.row(1, &locality_gap_cells(l, lang))?;
                }
                for a in &r.agreements {
                    sink.row(2, &agreement_brief_row(a, names, lang))?;
                }
                let chart = ChartOf {
                    title: words(lang, "Tổ chức thành viên đã ký", "Members signed"),
                    sheet: 1,
                    categories: 0,
                    values: 1,
                };
                sink.finish(&about, &[chart])
            }
            Report::Due(r) => {
                let mut columns = vec![
                    col("event", ("Sự kiện", "Event"), 12.0, lang),
                    col("on", ("Ngày", "On"), 12.0, lang),
                    col("lead", ("Đơn vị chủ trì", "Lead"), 36.0, lang),
                ];
                columns.extend(agreement_brief_sheet(lang).columns);
                let sheets =
                    vec![Sheet { name: words(lang, "Hết hạn, bắt đầu", "Ending, starting"), columns }];
                let mut sink = Sink::open(format, sheets, lang, out)?;
                for item in &r.items {
                    let mut cells =
                        vec![item.event.label(lang).into(), Cell::Date(item.on), item.lead.as_deref().into()];
                    cells.extend(agreement_brief_row(&item.agreement, names, lang));
                    sink.row(0, &cells)?;
                }
                sink.finish(&about, &[])
            }
            Report::Counts(r) => {
                let count = || col("count", ("Số văn bản", "Agreements"), 12.0, lang);
                let sheets = vec![
                    Sheet {
                        name: words(lang, "Theo năm ký", "By year signed"),
                        columns: vec![col("year", ("Năm ký", "Year signed"), 14.0, lang), count()],
                    },
                    Sheet {
                        name: words(lang, "Theo loại", "By kind"),
                        columns: vec![col("kind", ("Loại", "Kind"), 32.0, lang), count()],
                    },
                    Sheet {
                        name: words(lang, "Theo tỉnh, thành", "By province"),
                        columns: vec![
                            col("locality", ("Tỉnh, thành phố", "Province"), 28.0, lang),
                            count(),
                            col("locality_id", ("Mã địa bàn", "Locality id"), 10.0, lang),
                        ],
                    },
                    Sheet {
                        name: words(lang, "Theo văn bản chỉ đạo", "By directive"),
                        columns: vec![
                            col("directive", ("Văn bản chỉ đạo", "Directive"), 24.0, lang),
                            count(),
                            col("directive_id", ("Mã văn bản", "Directive id"), 10.0, lang),
                        ],
                    },
                ];
                let titles: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
                let mut sink = Sink::open(format, sheets, lang, out)?;
                let unknown = words(lang, "Chưa rõ", "Unknown");
                for y in &r.by_year {
                    sink.row(
                        0,
                        &[
                            y.year.map_or(Cell::from(unknown.as_str()), |y| y.to_string().into()),
                            Cell::Int(y.count as i64),
                        ],
                    )?;
                }
                for k in &r.by_kind {
                    sink.row(1, &[k.kind.label(lang).into(), Cell::Int(k.count as i64)])?;
                }
                for p in &r.by_province {
                    let name = p.locality_name.clone().unwrap_or_else(|| unknown.clone());
                    sink.row(2, &[name.into(), Cell::Int(p.count as i64), p.locality_id.into()])?;
                }
                for d in &r.by_directive {
                    sink.row(3, &[d.symbol.as_str().into(), Cell::Int(d.count as i64), Cell::Int(d.directive_id)])?;
                }
                let charts: Vec<ChartOf> = titles
                    .into_iter()
                    .enumerate()
                    .map(|(sheet, title)| ChartOf {
                        title: words(lang, "Biểu đồ ", "Chart ") + &title,
                        sheet,
                        categories: 0,
                        values: 1,
                    })
                    .collect();
                sink.finish(&about, &charts)
            }
        }
    }
}
