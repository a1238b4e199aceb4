//! The article as the intake reads it: markup blanked out, tokens (the symbol module's tokenizer),
//! lines and sentences, and the folded word stream that names are matched on.
//!
//! Positions stay those of the text as given: tags and entities are overwritten with spaces of
//! the same byte length, so that a span read here points at the same bytes of what was pasted.

use std::ops::Range;

use crate::symbol::{tokenize, Tok, Token};
use crate::text::expand_abbreviations;

/// Words that stand for longer ones only in the names of organizations, too short or too common
/// to expand in a search query (`text::expand_abbreviations` has the ones that are safe there).
const NAME_ABBREVIATIONS: &[(&str, &str)] = &[
    ("vn", "viet nam"),
    ("tn", "thanh nien"),
    ("nd", "nong dan"),
    ("mttqv", "mat tran to quoc viet nam"),
    ("hlhpn", "hoi lien hiep phu nu"),
    ("hccb", "hoi cuu chien binh"),
    ("hnd", "hoi nong dan"),
    ("hctd", "hoi chu thap do"),
    ("tldld", "tong lien doan lao dong"),
    ("lhhn", "lien hiep huu nghi"),
    ("tw", "trung uong"),
];

/// The text with HTML tags and character entities overwritten by spaces (a tag that ends a block,
/// by a line break), byte for byte, so that every offset still points into the text as given.
pub fn blank_markup(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = text.to_string().into_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = match bytes[at] {
            b'<' => tag_end(bytes, at),
            b'&' => entity_end(bytes, at),
            _ => None,
        };
        match end {
            Some(end) => {
                let block = bytes[at] == b'<' && ends_block(&text[at..end]);
                for (i, b) in out[at..end].iter_mut().enumerate() {
                    *b = if block && i == 0 { b'\n' } else { b' ' };
                }
                at = end;
            }
            None => at += 1,
        }
    }
    // Only ASCII bytes were overwritten, each whole tag or entity at once: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn tag_end(bytes: &[u8], at: usize) -> Option<usize> {
    let next = *bytes.get(at + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    let close = bytes[at..].iter().take(2000).position(|b| *b == b'>')?;
    Some(at + close + 1)
}

fn entity_end(bytes: &[u8], at: usize) -> Option<usize> {
    let len = bytes[at + 1..].iter().take(10).position(|b| !(b.is_ascii_alphanumeric() || *b == b'#'))?;
    (len >= 2 && bytes.get(at + 1 + len) == Some(&b';')).then_some(at + len + 2)
}

fn ends_block(tag: &str) -> bool {
    let name: String = tag.trim_start_matches(['<', '/']).chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    matches!(
        name.to_ascii_lowercase().as_str(),
        "p" | "br"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "title"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "figcaption"
            | "blockquote"
    )
}

/// Byte ranges that do not overlap, in order (the references to documents): whether a range
/// meets one is answered by search, so that a long text is not read once per name in it.
pub struct Spans(Vec<Range<usize>>);

impl Spans {
    pub fn new(mut spans: Vec<Range<usize>>) -> Spans {
        spans.sort_by_key(|s| s.start);
        Spans(spans)
    }

    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        let at = self.0.partition_point(|s| s.end <= r.start);
        self.0.get(at).is_some_and(|s| s.start < r.end)
    }

    pub fn contains(&self, r: &Range<usize>) -> bool {
        let at = self.0.partition_point(|s| s.end < r.end);
        self.0.get(at).is_some_and(|s| s.start <= r.start && r.end <= s.end)
    }
}

/// One word of the stream: a folded, expanded word, or `|` where a name cannot continue (a comma,
/// a bracket, a line end), with the token it comes from.
#[derive(Debug, Clone)]
pub struct StreamWord {
    pub word: String,
    pub token: usize,
}

/// The tokens of a text with the lines and sentences they make.
pub struct Words<'p> {
    pub plain: &'p str,
    pub tokens: Vec<Token<'p>>,
    /// The line each token stands on.
    pub line: Vec<usize>,
    /// Sentences as ranges of tokens; none crosses a line end.
    pub sentences: Vec<Range<usize>>,
    pub stream: Vec<StreamWord>,
    /// The stream as one string, " word word | word ", for matching names in one pass.
    pub joined: String,
    /// Where each stream word starts in `joined`.
    starts: Vec<usize>,
    /// The first stream word of each token (or of the next token that has one).
    first_word: Vec<usize>,
}

/// Words that end with a dot that does not end a sentence: "TP. Hồ Chí Minh", "Q. 11", "TS. Hải".
const ABBREVIATED_BEFORE_DOT: &[&str] = &["tp", "q", "p", "t", "ub", "ts", "ths", "gs", "pgs", "bs", "ks", "tx", "tt"];

impl<'p> Words<'p> {
    pub fn new(plain: &'p str) -> Words<'p> {
        let tokens = tokenize(plain);
        let mut line = Vec::with_capacity(tokens.len());
        let mut current = 0;
        let mut prev_end = 0;
        for t in &tokens {
            current += plain[prev_end..t.start].matches('\n').count();
            line.push(current);
            prev_end = t.end;
        }
        let sentences = sentences(&tokens, &line);
        let mut words = Words {
            plain,
            tokens,
            line,
            sentences,
            stream: Vec::new(),
            joined: String::new(),
            starts: Vec::new(),
            first_word: Vec::new(),
        };
        words.build_stream();
        words
    }

    fn build_stream(&mut self) {
        let mut stream: Vec<StreamWord> = Vec::new();
        let mut first_word = Vec::with_capacity(self.tokens.len());
        let barrier = |stream: &mut Vec<StreamWord>, token| {
            if stream.last().is_none_or(|w| w.word != "|") {
                stream.push(StreamWord { word: "|".into(), token });
            }
        };
        for (i, t) in self.tokens.iter().enumerate() {
            first_word.push(stream.len());
            if i > 0 && self.line[i] != self.line[i - 1] {
                barrier(&mut stream, i);
                *first_word.last_mut().unwrap_or(&mut 0) = stream.len();
            }
            let mut push = |w: &str| stream.push(StreamWord { word: w.to_string(), token: i });
            match t.tok {
                Tok::Word => {
                    let key = t.key();
                    let unit = match key {
                        "q" => Some("quan"),
                        "p" => Some("phuong"),
                        _ => None,
                    };
                    let before_number = self.tokens.get(i + 1).is_some_and(|n| n.tok == Tok::Number)
                        || (self.tokens.get(i + 1).is_some_and(|n| n.tok == Tok::Dot)
                            && self.tokens.get(i + 2).is_some_and(|n| n.tok == Tok::Number));
                    match (unit, before_number) {
                        (Some(unit), true) => push(unit),
                        _ => match NAME_ABBREVIATIONS.iter().find(|(short, _)| *short == key) {
                            Some((_, long)) => long.split(' ').for_each(&mut push),
                            None => expand_abbreviations(key).split(' ').for_each(&mut push),
                        },
                    }
                }
                Tok::Number => push(t.text),
                Tok::Dot if self.ends_sentence(i) => barrier(&mut stream, i),
                Tok::Dot | Tok::Dash | Tok::Slash => {}
                Tok::Other if matches!(t.text, "&" | "'" | "’") => {}
                Tok::Other => barrier(&mut stream, i),
            }
        }
        let mut joined = String::from(" ");
        let mut starts = Vec::with_capacity(stream.len());
        for w in &stream {
            starts.push(joined.len());
            joined.push_str(&w.word);
            joined.push(' ');
        }
        self.stream = stream;
        self.joined = joined;
        self.starts = starts;
        self.first_word = first_word;
    }

    /// Whether the dot at token `i` ends a sentence: white space and a capital (or the line's
    /// end) follow, and the word before is not an abbreviation.
    fn ends_sentence(&self, i: usize) -> bool {
        ends_sentence(&self.tokens, &self.line, i)
    }

    /// The stream words a match in `joined` covers (it starts and ends with a space).
    pub fn stream_range(&self, bytes: Range<usize>) -> Range<usize> {
        let first = self.starts.partition_point(|s| *s < bytes.start + 1);
        let last = self.starts.partition_point(|s| *s < bytes.end - 1);
        first..last
    }

    /// The stream word where token `t` begins.
    pub fn word_of_token(&self, t: usize) -> usize {
        self.first_word.get(t).copied().unwrap_or(self.stream.len())
    }

    /// The tokens that stream words `range` come from.
    pub fn tokens_of(&self, range: &Range<usize>) -> Range<usize> {
        match (self.stream.get(range.start), range.end.checked_sub(1).and_then(|e| self.stream.get(e))) {
            (Some(a), Some(b)) if range.end > range.start => a.token..b.token + 1,
            _ => 0..0,
        }
    }

    /// The bytes tokens `range` cover.
    pub fn bytes_of(&self, range: &Range<usize>) -> Range<usize> {
        if range.is_empty() {
            return 0..0;
        }
        self.tokens[range.start].start..self.tokens[range.end - 1].end
    }

    /// The text of tokens `range`, as given.
    pub fn text_of(&self, range: &Range<usize>) -> &'p str {
        let bytes = self.bytes_of(range);
        &self.plain[bytes]
    }

    pub fn word(&self, w: usize) -> &str {
        self.stream.get(w).map_or("|", |s| s.word.as_str())
    }

    /// Whether the stream words from `at` are `words` (space separated).
    pub fn words_at(&self, at: usize, words: &str) -> bool {
        words.split(' ').enumerate().all(|(i, w)| self.word(at + i) == w)
    }

    /// The sentence that token `t` stands in.
    pub fn sentence_of(&self, t: usize) -> usize {
        self.sentences.partition_point(|s| s.end <= t)
    }

    /// The lines of the text as token ranges, in order.
    pub fn lines(&self) -> Vec<Range<usize>> {
        let mut lines: Vec<Range<usize>> = Vec::new();
        for (i, l) in self.line.iter().enumerate() {
            match lines.last_mut() {
                Some(r) if self.line[r.start] == *l => r.end = i + 1,
                _ => lines.push(i..i + 1),
            }
        }
        lines
    }
}

fn ends_sentence(tokens: &[Token], line: &[usize], i: usize) -> bool {
    let before = i.checked_sub(1).map(|b| &tokens[b]);
    if before.is_some_and(|b| b.tok == Tok::Word && ABBREVIATED_BEFORE_DOT.contains(&b.key())) {
        return false;
    }
    match tokens.get(i + 1) {
        None => true,
        Some(_) if line[i + 1] != line[i] => true,
        Some(next) => next.spaced && next.text.chars().next().is_some_and(|c| c.is_uppercase() || "\"“(«".contains(c)),
    }
}

fn sentences(tokens: &[Token], line: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..tokens.len() {
        let last_of_line = line.get(i + 1).is_none_or(|l| *l != line[i]);
        let stop = match tokens[i].tok {
            Tok::Dot => ends_sentence(tokens, line, i),
            Tok::Other => matches!(tokens[i].text, "!" | "?" | "…"),
            _ => false,
        };
        if stop || last_of_line {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_entities_are_blanked_in_place() {
        let html = "<p>Ng&agrave;y 29/7,</p><b>UB.MTTQ</b> quận&nbsp;11";
        let plain = blank_markup(html);
        assert_eq!(plain.len(), html.len());
        assert!(plain.contains("29/7,"));
        assert!(!plain.contains('<') && !plain.contains("nbsp"));
        assert_eq!(&plain[html.find("UB").unwrap()..][..7], "UB.MTTQ");
        assert!(plain.contains('\n'), "a paragraph's end is a line end");
        assert_eq!(blank_markup("3 < 5 & 6 > 2"), "3 < 5 & 6 > 2");
    }

    #[test]
    fn sentences_end_at_dots_that_end_them() {
        let words = Words::new("Ủy ban MTTQ TP. Hồ Chí Minh ký kết. Hội LHPN Q.11 dự\nDòng hai");
        let texts: Vec<&str> = words.sentences.iter().map(|s| words.text_of(s)).collect();
        assert_eq!(texts, ["Ủy ban MTTQ TP. Hồ Chí Minh ký kết.", "Hội LHPN Q.11 dự", "Dòng hai"]);
    }

    #[test]
    fn the_stream_expands_abbreviations_and_keeps_barriers() {
        let words = Words::new("UB.MTTQ Q.11, T.Ư Hội LHPN VN");
        assert_eq!(words.joined, " uy ban mat tran to quoc quan 11 | t u hoi lien hiep phu nu viet nam ");
        let at = words.joined.find(" hoi lien").unwrap();
        let range = words.stream_range(at..at + " hoi lien hiep phu nu ".len());
        assert_eq!(words.text_of(&words.tokens_of(&range)), "Hội LHPN");
    }
}
