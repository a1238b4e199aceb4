//! The findings and notes gathered while a text is read: each value of the draft with its span
//! in characters of the text as given, and what a person should check.

use std::ops::Range;

use chrono::NaiveDate;

use super::draft::{Basis, DraftAgreement, DraftParty, Finding, Note, OrgPick};
use super::mentions::OrgMention;
use super::words::Words;
use super::{agreements, dates};
use crate::models::agreement::Period as YearSpan;
use crate::models::enums::{EventKind, PartyRole};

/// Character positions of byte offsets in the text as given.
pub(super) struct CharIndex(Vec<usize>);

impl CharIndex {
    pub(super) fn new(text: &str) -> CharIndex {
        CharIndex(text.char_indices().map(|(b, _)| b).collect())
    }

    fn at(&self, byte: usize) -> usize {
        self.0.partition_point(|b| *b < byte)
    }
}

/// The findings and notes being gathered.
pub(super) struct Out<'c> {
    pub(super) chars: &'c CharIndex,
    pub(super) findings: Vec<Finding>,
    pub(super) notes: Vec<Note>,
}

impl Out<'_> {
    pub(super) fn find(&mut self, field: &str, value: String, bytes: Range<usize>, confidence: f32, basis: Basis) {
        let (start, end) = (self.chars.at(bytes.start), self.chars.at(bytes.end));
        self.findings.push(Finding { field: field.to_string(), value, start, end, confidence, basis });
    }

    pub(super) fn note(&mut self, field: &str, message: String) {
        self.notes.push(Note { field: Some(field.to_string()), message });
    }

    pub(super) fn note_general(&mut self, message: String) {
        self.notes.push(Note { field: None, message });
    }

    /// Where the kind of event is said: the first agreement's kind, or the words of the meeting.
    pub(super) fn kind(&mut self, words: &Words, kind: EventKind, signed: &[agreements::Agreement]) {
        let said = signed.first().map(|a| words.bytes_of(&a.kind_said().kind_tokens)).unwrap_or(0..0);
        self.find("kind", kind.as_str().to_string(), said, 0.8, Basis::Read);
    }

    /// The event's day: as written, or with the year of the publication date when the text
    /// leaves it out and the date is given; else nothing, and a note with the day and month.
    pub(super) fn held_on(&mut self, date: &dates::Written, published: Option<NaiveDate>) -> Option<NaiveDate> {
        let dm = format!("{}/{}", date.day, date.month);
        if let Some(d) = date.date() {
            self.find("held_on", d.to_string(), date.bytes.clone(), 0.9, Basis::Read);
            return Some(d);
        }
        match published.and_then(|p| date.before(p).map(|d| (d, p))) {
            Some((d, p)) => {
                self.find("held_on", d.to_string(), date.bytes.clone(), 0.7, Basis::Inferred);
                self.note(
                    "held_on",
                    format!("Bài ghi ngày {dm} không có năm: năm {} lấy theo ngày đăng {p}.", d.format("%Y")),
                );
                Some(d)
            }
            None => {
                self.note("held_on", format!("Bài ghi ngày {dm} không có năm; cho biết ngày đăng bài để điền năm."));
                None
            }
        }
    }

    pub(super) fn agreement(
        &mut self,
        words: &Words,
        i: usize,
        a: &agreements::Agreement,
        orgs: &[OrgMention],
        host: Option<&OrgMention>,
    ) -> DraftAgreement {
        let said = a.kind_said();
        let kind = a.kind();
        self.find(
            &format!("agreements[{i}].kind"),
            kind.as_str().into(),
            words.bytes_of(&said.kind_tokens),
            0.85,
            Basis::Read,
        );
        let title = crate::text::capitalized(&crate::text::clean(words.text_of(&said.title)));
        self.find(&format!("agreements[{i}].title"), title.clone(), words.bytes_of(&said.title), 0.6, Basis::Read);
        let period = a.period().map(|p| {
            self.find(
                &format!("agreements[{i}].period"),
                format!("{}–{}", p.start, p.end),
                p.bytes.clone(),
                0.9,
                Basis::Read,
            );
            YearSpan { start_year: p.start, end_year: p.end }
        });
        let parties: Vec<DraftParty> = a
            .parties(orgs)
            .into_iter()
            .enumerate()
            .map(|(k, p)| {
                let m = &orgs[p];
                self.find(
                    &format!("agreements[{i}].parties[{k}]"),
                    m.pick.name.clone(),
                    words.bytes_of(&m.tokens),
                    m.confidence,
                    Basis::Read,
                );
                self.unresolved(&format!("agreements[{i}].parties[{k}]"), &m.pick);
                let lead = host.is_some_and(|h| h.identity == m.identity);
                DraftParty {
                    organization: m.pick.clone(),
                    role: if lead { PartyRole::Lead } else { PartyRole::Signatory },
                    signatory_name: None,
                    signatory_title: None,
                }
            })
            .collect();
        DraftAgreement {
            title: Some(title),
            kind,
            topic: None,
            period,
            signed_on: None,
            parties,
            directives: Vec::new(),
            tasks: Vec::new(),
            source_url: None,
            published_on: None,
        }
    }

    fn unresolved(&mut self, field: &str, pick: &OrgPick) {
        if pick.organization_id.is_some() {
            return;
        }
        let message = match &pick.proposed {
            Some(p) => format!("«{}» chưa có trong sổ: đề xuất tạo «{}».", pick.name, p.name),
            None => format!("«{}» ứng với nhiều đơn vị trong sổ: hãy chọn một.", pick.name),
        };
        self.note(field, message);
    }
}
