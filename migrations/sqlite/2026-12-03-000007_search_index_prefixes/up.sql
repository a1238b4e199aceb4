-- The word indexes of 000006, made cheaper to ask (docs/benchmarks.md, "Distinct questions").
--
-- Every word typed is asked as a prefix. FTS5 answers a prefix from an entry of its own only up
-- to the lengths listed in `prefix`; a longer one is a merge of the doclist of every word it
-- starts, built whole before the first match comes out, which cost a search 1.5 ms at 100,000
-- agreements and 20 ms at 1,000,000. The registry's words are Vietnamese syllables, abbreviations
-- and numbers folded to ASCII: in the generated registry 99.98 % are seven letters or fewer, so prefixes of one to seven
-- cover nearly every word typed, whole or begun.
--
-- `detail = none` keeps only which rows hold a word, not where: a search asks for every word
-- anywhere (each term one token, `src/models/search.rs`), never a phrase or a distance. The index
-- is a third of the size with the prefixes added.
--
-- The triggers of 000006 name the tables and are kept; only the tables are made anew and filled.
DROP TABLE agreements_search;
CREATE VIRTUAL TABLE agreements_search USING fts5(
    search_text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3 4 5 6 7'
);
INSERT INTO agreements_search (rowid, search_text)
    SELECT ((2100 - start_year) << 44) | (17592186044415 - id), search_text FROM agreements;

DROP TABLE organizations_search;
CREATE VIRTUAL TABLE organizations_search USING fts5(
    search_text, content = '', detail = none, tokenize = 'unicode61 remove_diacritics 0',
    prefix = '1 2 3 4 5 6 7'
);
INSERT INTO organizations_search (rowid, search_text) SELECT id, search_text FROM organizations;
