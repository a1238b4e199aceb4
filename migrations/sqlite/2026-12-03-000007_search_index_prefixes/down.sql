DROP TABLE agreements_search;
CREATE VIRTUAL TABLE agreements_search USING fts5(
    search_text, content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
INSERT INTO agreements_search (rowid, search_text)
    SELECT ((2100 - start_year) << 44) | (17592186044415 - id), search_text FROM agreements;

DROP TABLE organizations_search;
CREATE VIRTUAL TABLE organizations_search USING fts5(
    search_text, content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
INSERT INTO organizations_search (rowid, search_text) SELECT id, search_text FROM organizations;
