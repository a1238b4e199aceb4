//! The event a text records: what kind of meeting, who held it, when and where, and the headline
//! it goes by.

use std::ops::Range;

use super::dates::Written;
use super::lexicon::{BRIEFING_WORDS, MEETING_WORDS, REVIEW_WORDS};
use super::mentions::OrgMention;
use super::words::Words;
use crate::models::enums::EventKind;
use crate::symbol::Tok;

/// Words on a line that say it gives the publication, not the event.
const PUBLICATION_WORDS: &[&str] = &["ngay dang", "cap nhat", "dang luc", "dang ngay", "xuat ban"];
/// Words that name an organization's office before its name ("Ban Thường trực", "Đoàn Chủ tịch").
const OFFICE_WORDS: &[&str] = &["ban", "thuong", "truc", "vu", "doan", "chu", "tich", "lanh", "dao", "dai", "dien"];
/// The most tokens a publication line has ("Cộng đồng người Việt - Ngày đăng : 05:55, 01/11/2024").
const PUBLICATION_LINE_TOKENS: usize = 30;
/// Words just before a date that make it the day something happened.
const DAY_WORDS: &[&str] = &["ngay", "sang", "chieu", "toi", "trua", "dem", "hom"];

/// The line the text is titled by: the first with a few words that is not a publication line
/// and not written all in capitals (a site's name is).
pub fn headline(words: &Words) -> Option<usize> {
    words.lines().into_iter().find_map(|line| {
        let letters: Vec<char> = words.text_of(&line).chars().filter(|c| c.is_alphabetic()).collect();
        let word_count = words.tokens[line.clone()].iter().filter(|t| t.tok == Tok::Word).count();
        let shouting = letters.iter().all(|c| !c.is_lowercase());
        (word_count >= 5 && !shouting && !publication_line(words, &line)).then(|| words.line[line.start])
    })
}

fn line_range(words: &Words, line: usize) -> Range<usize> {
    let start = words.line.partition_point(|l| *l < line);
    let end = words.line.partition_point(|l| *l <= line);
    start..end
}

/// A line that says when the article was published: "Ngày đăng: 20/05/2024", "16/09/2022 -
/// 04:24 PM", "Thứ Bảy, ngày 27 tháng 11 năm 2021".
fn publication_line(words: &Words, line: &Range<usize>) -> bool {
    // A publication line is short; a long one is the article itself (and is not read again for
    // every date it holds).
    if line.len() > PUBLICATION_LINE_TOKENS {
        return false;
    }
    let from = words.word_of_token(line.start);
    let to = words.word_of_token(line.end);
    if (from..to).any(|w| PUBLICATION_WORDS.iter().any(|p| words.words_at(w, p))) {
        return true;
    }
    let word_count = words.tokens[line.clone()].iter().filter(|t| t.tok == Tok::Word).count();
    let has_number = words.tokens[line.clone()].iter().any(|t| t.tok == Tok::Number);
    has_number && word_count <= 6
}

/// Whether a date stands where a publication is dated: on a publication line, or in a dateline
/// in brackets ("(Hà Nội, 10/01/2024) - Ngày 9/1/2024, …").
pub fn dates_publication(words: &Words, date: &Written) -> bool {
    let t = words.tokens.partition_point(|t| t.end <= date.bytes.start);
    let Some(&line) = words.line.get(t) else { return false };
    let range = line_range(words, line);
    if publication_line(words, &range) {
        return true;
    }
    let before = &words.tokens[range.start..t];
    before.first().is_some_and(|f| f.text == "(") && !before.iter().any(|t| t.text == ")")
}

/// The day of the event: the first date, not a publication's nor a document's, said of a day
/// ("Chiều ngày 11/5/2017", "Ngày 9/1/2024") or standing in a sentence that names a meeting.
pub fn event_date<'d>(words: &Words, dates: &'d [Written]) -> Option<&'d Written> {
    dates.iter().filter(|d| !dates_publication(words, d)).find(|d| {
        let t = words.tokens.partition_point(|t| t.end <= d.bytes.start);
        let w = words.word_of_token(t);
        let said_of_day = words.word(w) == "ngay"
            || (1..=2).any(|back| w.checked_sub(back).is_some_and(|b| DAY_WORDS.contains(&words.word(b))));
        let sentence = &words.sentences[words.sentence_of(t).min(words.sentences.len().saturating_sub(1))];
        said_of_day || has_any(words, sentence, MEETING_WORDS) || has_any(words, sentence, &["ky ket", "ky"])
    })
}

/// Whether one of `phrases` stands in the sentence's stream.
pub fn has_any(words: &Words, sentence: &Range<usize>, phrases: &[&str]) -> bool {
    let from = words.word_of_token(sentence.start);
    let to = words.word_of_token(sentence.end);
    (from..to).any(|w| phrases.iter().any(|p| words.words_at(w, p)))
}

/// The kind of meeting when nothing is signed at it: a review of what was agreed, a briefing,
/// or none (a text about documents, or about something else).
pub fn unsigned_kind(words: &Words, host: Option<usize>) -> Option<EventKind> {
    let meeting = words.sentences.iter().find(|s| has_any(words, s, &["hoi nghi", "buoi", "le"]) && host.is_some())?;
    let around: Vec<&Range<usize>> = words.sentences.iter().filter(|s| s.start <= meeting.start).collect();
    if around.iter().any(|s| has_any(words, s, REVIEW_WORDS)) {
        Some(EventKind::Review)
    } else if around.iter().any(|s| has_any(words, s, BRIEFING_WORDS)) {
        Some(EventKind::Briefing)
    } else {
        None
    }
}

/// Who held the event, and how sure that is: the subject of "tổ chức hội nghị", "chủ trì"; of
/// "ký … với"; the Front before "và các tổ chức thành viên"; else the organization of whoever
/// opened the meeting ("Tại Hội nghị, ông …, Phó Chủ tịch Ủy ban MTTQ …").
///
/// The sentence of the event's date, when it signs, says who signs with whom better than a
/// headline does: "A và B đã ký" there leaves no host even under a headline "A ký … với B".
pub fn host(words: &Words, orgs: &[OrgMention], dated: Option<usize>) -> Option<(usize, f32)> {
    // The mentions stand in text order: those of a sentence, or at a token, are found by search.
    let starts: Vec<usize> = orgs.iter().map(|o| o.tokens.start).collect();
    let in_sentence = |s: &Range<usize>| -> Vec<usize> {
        let near = starts.partition_point(|t| *t < s.start)..starts.partition_point(|t| *t < s.end);
        near.filter(|o| orgs[*o].tokens.end <= s.end).collect()
    };
    let inside_org =
        |t: usize| starts.partition_point(|s| *s <= t).checked_sub(1).is_some_and(|o| orgs[o].tokens.contains(&t));
    for s in &words.sentences {
        let named = in_sentence(s);
        let Some(&first) = named.iter().find(|o| !after_tai(words, &orgs[**o], s)) else { continue };
        let verb = (orgs[first].tokens.end..s.end).find(|t| {
            !inside_org(*t) && {
                let w = words.word_of_token(*t);
                (words.words_at(w, "to chuc") && MEETING_WORDS.iter().chain(&["ky"]).any(|m| words.words_at(w + 2, m)))
                    || words.words_at(w, "chu tri")
            }
        });
        if verb.is_some() {
            return Some((first, 0.9));
        }
        // "hội nghị do Ban Thường trực Ủy ban MTTQ … tổ chức".
        let held_by = named.iter().find(|o| {
            let m = &orgs[**o];
            let (before, after) = (words.word_of_token(m.tokens.start), words.word_of_token(m.tokens.end));
            let mut at = before;
            while at > 0 && at + 4 > before && OFFICE_WORDS.contains(&words.word(at - 1)) {
                at -= 1;
            }
            at > 0
                && words.word(at - 1) == "do"
                && (words.words_at(after, "to chuc") || words.words_at(after, "chu tri"))
        });
        if let Some(&o) = held_by {
            return Some((o, 0.9));
        }
    }
    let signing_sentence = dated.map(|d| &words.sentences[d]).filter(|s| has_any(words, s, &["ky"]));
    let second: Vec<&Range<usize>> = match signing_sentence {
        Some(s) => vec![s],
        None => words.sentences.iter().collect(),
    };
    for s in second {
        let named = in_sentence(s);
        let Some(&first) = named.iter().find(|o| !after_tai(words, &orgs[**o], s)) else { continue };
        let after = words.word_of_token(orgs[first].tokens.end);
        let members = words.words_at(after, "va cac to chuc thanh vien") || words.words_at(after, "va cac doan the");
        let signs_with = (orgs[first].tokens.end..s.end).any(|t| words.tokens[t].key() == "ky")
            && (orgs[first].tokens.end..s.end).any(|t| words.tokens[t].key() == "voi")
            && !words.words_at(after, "va");
        if members || signs_with {
            return Some((first, 0.8));
        }
    }
    let opening = words.sentences.iter().find(|s| {
        let w = words.word_of_token(s.start);
        words.words_at(w, "tai hoi nghi") || words.words_at(w, "phat bieu")
    })?;
    let person = (opening.start..opening.end).find(|t| matches!(words.tokens[*t].text, "ông" | "bà" | "đồng chí"))?;
    in_sentence(opening).into_iter().find(|o| orgs[*o].tokens.start > person).map(|o| (o, 0.6))
}

/// Whether the name stands in a "tại …" phrase (where, not who).
fn after_tai(words: &Words, org: &OrgMention, sentence: &Range<usize>) -> bool {
    let mut t = org.tokens.start;
    while t > sentence.start {
        t -= 1;
        if matches!(words.tokens[t].text, "," | ";" | ":") {
            return false;
        }
        if words.tokens[t].key() == "tai" {
            return true;
        }
    }
    false
}

/// Where the event was held: "tại <place>," in the sentence of its date, when the place is not
/// the meeting itself ("Tại hội nghị").
pub fn place(words: &Words, sentence: &Range<usize>) -> Option<Range<usize>> {
    let tai = (sentence.start..sentence.end).find(|t| words.tokens[*t].key() == "tai")?;
    let w = words.word_of_token(tai + 1);
    if ["hoi nghi", "le", "buoi", "day", "dia ban", "cho"].iter().any(|m| words.words_at(w, m)) {
        return None;
    }
    let end = (tai + 1..sentence.end).find(|t| matches!(words.tokens[*t].text, "," | ";" | "."))?;
    (end > tai + 1).then_some(tai + 1..end)
}

static ADDRESS: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r#"https?://[^\s<>"'“”]+"#).expect("address pattern"));

/// The article's own address when the text gives one ("Theo Tạp chí Thời đại https://…").
pub fn address(plain: &str) -> Option<Range<usize>> {
    ADDRESS
        .find_iter(plain)
        .map(|m| {
            let text = m.as_str().trim_end_matches(['.', ',', ';', ')', ']']);
            m.start()..m.start() + text.len()
        })
        .find(|r| crate::text::is_web_address(&plain[r.clone()]))
}
