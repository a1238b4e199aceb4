//! Dates ("11/5/2017", "Chiều 18/5", "ngày 27 tháng 11 năm 2021") and periods ("giai đoạn
//! 2017 – 2019", "từ năm 2024 đến năm 2029") as written, by regular expression.

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// A date as written: the year is absent when the text leaves it out ("Chiều 18/5").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub bytes: Range<usize>,
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

impl Written {
    /// The date, when the text says the year and the day exists (no 30/02).
    pub fn date(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month, self.day)
    }

    /// Whether the day and month can be a day of some year (29/02 can).
    pub fn possible(&self) -> bool {
        NaiveDate::from_ymd_opt(self.year.unwrap_or(2024), self.month, self.day).is_some()
    }

    /// The date in the latest year that puts it on or before `published`: an article reports
    /// what happened before it was published.
    pub fn before(&self, published: NaiveDate) -> Option<NaiveDate> {
        // 29 February may be up to eight years back (1896 to 1904 had none).
        (0..=8)
            .filter_map(|back| NaiveDate::from_ymd_opt(published.year() - back, self.month, self.day))
            .find(|d| *d <= published)
    }
}

/// A period of years as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub bytes: Range<usize>,
    pub start: i32,
    pub end: i32,
}

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\b|\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
        .expect("date pattern")
});
static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:,\s*)?năm\s+(\d{4}))?").expect("date pattern")
});
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b|\btừ\s+(?:năm\s+)?((?:19|20)\d\d)\s+(?:đến|tới)\s+(?:năm\s+)?((?:19|20)\d\d)\b")
        .expect("period pattern")
});

fn number(caps: &regex::Captures, i: usize) -> Option<u32> {
    caps.get(i).and_then(|m| m.as_str().parse().ok())
}

/// Every date in the text, in order. A number pair inside a document symbol ("30/2020/NĐ-CP")
/// or a score is not one: the day and month must be possible.
pub fn dates(text: &str) -> Vec<Written> {
    let mut found = Vec::new();
    for caps in NUMERIC.captures_iter(text) {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        let glued = |at: Option<char>| at.is_some_and(|c| c == '/' || c.is_alphanumeric());
        if glued(text[..whole.start].chars().next_back()) || glued(text[whole.end..].chars().next()) {
            continue;
        }
        let (day, month, year) = if caps.get(1).is_some() {
            (number(&caps, 1), number(&caps, 2), number(&caps, 3))
        } else {
            (number(&caps, 4), number(&caps, 5), number(&caps, 6))
        };
        push(&mut found, whole, day, month, year);
    }
    for caps in WORDED.captures_iter(text) {
        let whole = caps.get(0).map_or(0..0, |m| m.range());
        push(&mut found, whole, number(&caps, 1), number(&caps, 2), number(&caps, 3));
    }
    found.sort_by_key(|d| d.bytes.start);
    found
}

fn push(found: &mut Vec<Written>, bytes: Range<usize>, day: Option<u32>, month: Option<u32>, year: Option<u32>) {
    let (Some(day), Some(month)) = (day, month) else { return };
    let written = Written { bytes, day, month, year: year.and_then(|y| i32::try_from(y).ok()) };
    if written.possible() && written.year.is_none_or(|y| (1900..=2100).contains(&y)) {
        found.push(written);
    }
}

/// Every period of years in the text, in order.
pub fn periods(text: &str) -> Vec<Period> {
    PERIOD
        .captures_iter(text)
        .filter_map(|caps| {
            let (start, end) = match (number(&caps, 1), number(&caps, 2)) {
                (Some(s), Some(e)) => (s, e),
                _ => (number(&caps, 3)?, number(&caps, 4)?),
            };
            let whole = caps.get(0)?.range();
            if text[..whole.start].ends_with('/') || text[whole.end..].starts_with('/') {
                return None;
            }
            Some(Period { bytes: whole, start: i32::try_from(start).ok()?, end: i32::try_from(end).ok()? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_read_as_written() {
        let text = "Chiều ngày 11/5/2017 … Chỉ thị 30/2020/NĐ-CP, 30/02/2024, tỉ số 3 - 1, Thứ Bảy, ngày 27 tháng 11 năm 2021; Chiều 18/5";
        let found = dates(text);
        let read: Vec<(u32, u32, Option<i32>)> = found.iter().map(|d| (d.day, d.month, d.year)).collect();
        assert_eq!(read, [(11, 5, Some(2017)), (27, 11, Some(2021)), (18, 5, None)]);
        assert_eq!(&text[found[0].bytes.clone()], "11/5/2017");
        assert_eq!(found[2].date(), None);
    }

    #[test]
    fn a_year_left_out_is_the_latest_before_publication() {
        let d = Written { bytes: 0..0, day: 18, month: 5, year: None };
        assert_eq!(d.before(ymd(2024, 5, 20)), Some(ymd(2024, 5, 18)));
        assert_eq!(d.before(ymd(2024, 1, 3)), Some(ymd(2023, 5, 18)));
        let leap = Written { bytes: 0..0, day: 29, month: 2, year: None };
        assert_eq!(leap.before(ymd(2025, 3, 1)), Some(ymd(2024, 2, 29)));
        assert_eq!(leap.before(ymd(2024, 2, 28)), Some(ymd(2020, 2, 29)));
    }

    #[test]
    fn periods_are_pairs_of_years() {
        let text = "giai đoạn 2017 – 2019, 2024-2029, từ năm 2020 đến năm 2025, số 30/2020-2021, 3 - 1";
        let read: Vec<(i32, i32)> = periods(text).iter().map(|p| (p.start, p.end)).collect();
        assert_eq!(read, [(2017, 2019), (2024, 2029), (2020, 2025)]);
    }
}
