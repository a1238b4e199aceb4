//! Vietnamese text handling: one place for how names are cleaned, compared and searched.
//!
//! Three forms of a text:
//! - [`clean`]: what is stored — Unicode NFC, trimmed, inner white space folded to one space.
//! - [`name_key`]: what duplicate detection compares — ignores case, spacing, NFC/NFD and
//!   where the tone mark sits (old "hoà, Uỷ, khoá" and new "hòa, Ủy, khóa" placement).
//! - [`search_key`] / [`search_terms`]: what `q=` matches — ignores every diacritic, folds
//!   đ to d (which Unicode decomposition does not do), and expands the abbreviations staff type.
//!
//! All functions are pure so that the article-intake work on the roadmap can reuse them on free text.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The five Vietnamese tone marks as combining characters: grave (huyền), acute (sắc),
/// tilde (ngã), hook above (hỏi), dot below (nặng). The other marks (circumflex, breve,
/// horn) change the vowel itself and so stay where they are.
const TONE_MARKS: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

/// Text as it is stored: NFC, trimmed, runs of white space (any Unicode space) folded to one space,
/// and the characters that show nothing ([`is_invisible`]) removed, so that a name made of them
/// is blank and one with them inside is the name without them.
pub fn clean(text: &str) -> String {
    let nfc: String = text.nfc().filter(|c| !is_invisible(*c)).collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters that take no room on a page and carry no meaning in Vietnamese text: zero-width
/// space, non-joiner and joiner, word joiner, the byte-order mark and the soft hyphen. Left in,
/// they make two names that look the same compare different.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}')
}

/// Characters that reorder how text is shown (bidirectional embeddings, overrides, isolates and
/// marks, as in "Trojan source"): no registry text needs them, and they can make a record read
/// otherwise than it is stored.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// `clean`, with an empty result read as absent: for optional fields.
pub fn clean_opt(text: Option<&str>) -> Option<String> {
    text.map(clean).filter(|t| !t.is_empty())
}

/// The comparison key for duplicate detection.
///
/// Two names get the same key when they differ only by case, spacing (including spacing around
/// punctuation), NFC/NFD composition, the dash used, or the syllable vowel that carries the tone mark.
/// Diacritics themselves still count: "Hòa" and "Hoa" are different names.
pub fn name_key(text: &str) -> String {
    let spaced = unify_punctuation(&text.to_lowercase());
    let mut words = Vec::new();
    for word in spaced.split_whitespace() {
        let mut base = String::new();
        let mut tones = String::new();
        for c in word.nfd() {
            if TONE_MARKS.contains(&c) {
                tones.push(c);
            } else {
                base.push(c);
            }
        }
        // The tone goes to the end of the syllable, wherever it was written.
        base.push_str(&tones);
        words.push(base);
    }
    words.join(" ")
}

/// Dashes of every kind become '-', and no space stands next to '-', '.', ',', '/' or '('/')'.
fn unify_punctuation(text: &str) -> String {
    let dashed: String = text
        .chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        })
        .collect();
    let mut out = String::with_capacity(dashed.len());
    let mut pending_space = false;
    for c in dashed.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let tight = |c: char| matches!(c, '-' | '.' | ',' | '/' | '(' | ')');
        if pending_space && !out.is_empty() && !tight(c) && !out.ends_with(tight) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// The diacritic-free form used by search: lower case, no marks at all, đ→d, every character
/// that is not a letter or digit read as a word break, words separated by one space.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.nfd() {
        if is_combining_mark(c) || is_invisible(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' | 'ð' | 'Ð' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// Abbreviations in everyday use in the Front system, with what they stand for (search keys).
/// Both the stored text and the query are read with these expanded, so "hoi lhpn quan 11" finds
/// "Hội Liên hiệp Phụ nữ quận 11" and "UB.MTTQ" finds "Ủy ban Mặt trận Tổ quốc".
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubmttqvn", "uy ban mat tran to quoc viet nam"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttqvn", "mat tran to quoc viet nam"),
    ("mttq", "mat tran to quoc"),
    ("ubnd", "uy ban nhan dan"),
    ("ub", "uy ban"),
    ("lhpn", "lien hiep phu nu"),
    ("ccb", "cuu chien binh"),
    ("ldld", "lien doan lao dong"),
    ("ctd", "chu thap do"),
    ("tncs", "thanh nien cong san"),
    ("bhxh", "bao hiem xa hoi"),
    ("bhyt", "bao hiem y te"),
    ("tphcm", "thanh pho ho chi minh"),
    ("hcm", "ho chi minh"),
    ("tp", "thanh pho"),
];

/// Urban units that addresses number, abbreviated by their first letter before the number:
/// "Q.11", "Q11", "q 11" for quận 11; "P.5", "P5" for phường 5.
const NUMBERED_UNITS: &[(&str, &str)] = &[("q", "quan"), ("p", "phuong")];

fn expand(word: &str) -> &str {
    ABBREVIATIONS.iter().find(|(short, _)| *short == word).map_or(word, |(_, long)| long)
}

fn is_number(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
}

fn numbered_unit(letter: &str) -> Option<&'static str> {
    NUMBERED_UNITS.iter().find(|(short, _)| *short == letter).map(|(_, long)| *long)
}

/// A search key with its abbreviations written out ("ub mttq" → "uy ban mat tran to quoc",
/// "q11" and "q 11" → "quan 11").
pub fn expand_abbreviations(key: &str) -> String {
    let words: Vec<&str> = key.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let glued = word.char_indices().nth(1).map(|(at, _)| word.split_at(at));
        match glued {
            Some((letter, number)) if is_number(number) && numbered_unit(letter).is_some() => {
                out.extend(numbered_unit(letter));
                out.push(number);
            }
            _ if words.get(i + 1).is_some_and(|next| is_number(next)) && numbered_unit(word).is_some() => {
                out.extend(numbered_unit(word));
            }
            _ => out.push(expand(word)),
        }
    }
    out.join(" ")
}

/// The stored search text of a record: the search keys of all its names (name, short name,
/// aliases…), each also with its abbreviations expanded, as " word word | word … ".
/// The leading and trailing spaces let every term match at a word start (see [`search_terms`]).
pub fn search_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut parts: Vec<String> = Vec::new();
    for text in texts {
        let key = search_key(text);
        if key.is_empty() {
            continue;
        }
        let long = expand_abbreviations(&key);
        if long != key {
            parts.push(long);
        }
        parts.push(key);
    }
    parts.dedup();
    format!(" {} ", parts.join(" | "))
}

/// The terms of a query as typed: each must start a word of a record's [`search_text`].
/// Abbreviations are expanded; duplicates are dropped. Terms hold only letters and digits,
/// so they are safe inside a LIKE pattern.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in expand_abbreviations(&search_key(query)).split(' ') {
        if !word.is_empty() && !terms.iter().any(|t| t == word) {
            terms.push(word.to_string());
        }
    }
    terms
}

/// Whether a text holds a control character no record should: anything below U+0020 but tab,
/// line feed and carriage return, DEL (PostgreSQL cannot store U+0000 at all), and the controls
/// of text direction ([`is_bidi_control`]).
/// The text with its first letter upper case (a kind of record heading a column or an option).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

pub fn has_control_character(text: &str) -> bool {
    text.chars().any(|c| (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c))
}

/// Whether a text is a web address a browser may follow: `http://` or `https://`, a host, and no
/// white space. Other schemes (`javascript:`, `data:`, `file:`) run or open things, not pages.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !host.starts_with('@') && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_dropped_and_direction_controls_refused() {
        assert_eq!(clean("\u{200B}\u{FEFF}"), "");
        assert_eq!(clean("Hội\u{00AD} LHPN\u{200B} quận 11"), "Hội LHPN quận 11");
        assert_eq!(name_key(&clean("Q\u{200D}uận 11")), name_key("Quận 11"));
        assert_eq!(search_key("lh\u{200B}pn"), "lhpn");
        assert!(has_control_character("Quận 11\u{202E}"));
        assert!(!has_control_character("Quận 11\tTP.HCM"));
    }

    #[test]
    fn web_addresses_are_http_or_https() {
        assert!(is_web_address("https://mttq.hochiminhcity.gov.vn/tin-tuc?id=1"));
        assert!(is_web_address("HTTP://example.vn"));
        for bad in ["javascript:alert(1)", "data:text/html,x", "ftp://x.vn", "https://", "http:///x", "https://a b.vn"]
        {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn clean_composes_and_folds_spaces() {
        let nfd: String = "Hội  Liên hiệp\tPhụ nữ ".nfd().collect();
        assert_eq!(clean(&nfd), "Hội Liên hiệp Phụ nữ");
        assert_eq!(clean_opt(Some("   ")), None);
        assert_eq!(clean_opt(Some(" Quận 11 ")), Some("Quận 11".into()));
    }

    #[test]
    fn name_key_ignores_tone_placement() {
        assert_eq!(name_key("Uỷ ban"), name_key("Ủy ban"));
        assert_eq!(name_key("hoà bình"), name_key("hòa bình"));
        assert_eq!(name_key("khoá XI"), name_key("khóa XI"));
        assert_eq!(name_key("Thành uỷ"), name_key("Thành ủy"));
    }

    #[test]
    fn name_key_ignores_case_spacing_and_composition() {
        let nfd: String = "HỘI CỰU CHIẾN BINH".nfd().collect();
        assert_eq!(name_key(&nfd), name_key("Hội Cựu chiến binh"));
        assert_eq!(name_key("TP. Hồ Chí Minh"), name_key("TP.Hồ Chí Minh"));
        assert_eq!(name_key("Quận 11 – TP.HCM"), name_key("quận 11-tp.hcm"));
        assert_eq!(name_key("  Hội  Nông dân "), name_key("Hội Nông dân"));
    }

    #[test]
    fn name_key_keeps_diacritics_that_change_the_word() {
        assert_ne!(name_key("Hòa"), name_key("Hoa"));
        assert_ne!(name_key("Đoàn"), name_key("Doàn"));
        assert_ne!(name_key("hồ"), name_key("hổ"));
    }

    #[test]
    fn search_key_drops_every_diacritic() {
        assert_eq!(search_key("Đoàn Thanh niên"), "doan thanh nien");
        assert_eq!(search_key("Ủy ban MTTQ Việt Nam"), "uy ban mttq viet nam");
        assert_eq!(search_key("UB.MTTQ quận 11"), "ub mttq quan 11");
        let nfd: String = "Hội Chữ thập đỏ".nfd().collect();
        assert_eq!(search_key(&nfd), "hoi chu thap do");
        assert_eq!(search_key("«Liên hiệp» — TP.HCM!"), "lien hiep tp hcm");
    }

    #[test]
    fn numbered_units_are_written_out() {
        assert_eq!(search_terms("hoi lhpn q11"), ["hoi", "lien", "hiep", "phu", "nu", "quan", "11"]);
        assert_eq!(search_terms("Hội LHPN Q.11"), ["hoi", "lien", "hiep", "phu", "nu", "quan", "11"]);
        assert_eq!(search_terms("p5 q 3"), ["phuong", "5", "quan", "3"]);
        // A letter or a word that merely starts with one is left as typed.
        assert_eq!(search_terms("q qa11 p"), ["q", "qa11", "p"]);
        assert!(search_text(["Hội LHPN Q.11"]).contains(" hoi lien hiep phu nu quan 11 "));
    }

    #[test]
    fn search_terms_expand_abbreviations() {
        assert_eq!(search_terms("Hội LHPN quận 11"), ["hoi", "lien", "hiep", "phu", "nu", "quan", "11"]);
        assert_eq!(search_terms("UB.MTTQ"), ["uy", "ban", "mat", "tran", "to", "quoc"]);
        assert_eq!(search_terms("  ,. "), Vec::<String>::new());
    }

    #[test]
    fn search_text_holds_every_name_and_its_expansion() {
        let text = search_text(["Hội Liên hiệp Phụ nữ quận 11", "Hội LHPN quận 11"]);
        assert!(text.contains(" hoi lien hiep phu nu quan 11 "));
        assert!(text.contains(" hoi lhpn quan 11 "));
        assert!(text.starts_with(' ') && text.ends_with(' '));
    }
}
