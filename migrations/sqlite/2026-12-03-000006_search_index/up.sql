-- The word index behind the agreements' `q=` (docs/architecture.md, "Search"). It indexes the
-- search text the registry already derives (src/text.rs: no diacritics, đ as d, abbreviations
-- written out), so it means what the LIKE scan it replaces meant: every word typed starts a word.
--
-- Its rowid is not the agreement's id but the list's order as a number: the latest start year
-- first, then the newest registration (ids below 2^44). FTS5 hands out matches in rowid order,
-- so the first page of a search reads its first matches and stops, however many there are.
-- Contentless: the text is in agreements.search_text already, and the triggers below give the
-- old text back when a row leaves the index. Prefixes of one to three letters have their own
-- entries, so a short word typed is not a merge of every word it starts.
CREATE VIRTUAL TABLE agreements_search USING fts5(
    search_text, content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
INSERT INTO agreements_search (rowid, search_text)
    SELECT ((2100 - start_year) << 44) | (17592186044415 - id), search_text FROM agreements;

CREATE TRIGGER agreements_search_insert AFTER INSERT ON agreements BEGIN
    INSERT INTO agreements_search (rowid, search_text)
        VALUES (((2100 - new.start_year) << 44) | (17592186044415 - new.id), new.search_text);
END;
CREATE TRIGGER agreements_search_delete AFTER DELETE ON agreements BEGIN
    INSERT INTO agreements_search (agreements_search, rowid, search_text)
        VALUES ('delete', ((2100 - old.start_year) << 44) | (17592186044415 - old.id), old.search_text);
END;
CREATE TRIGGER agreements_search_update AFTER UPDATE OF start_year, search_text ON agreements BEGIN
    INSERT INTO agreements_search (agreements_search, rowid, search_text)
        VALUES ('delete', ((2100 - old.start_year) << 44) | (17592186044415 - old.id), old.search_text);
    INSERT INTO agreements_search (rowid, search_text)
        VALUES (((2100 - new.start_year) << 44) | (17592186044415 - new.id), new.search_text);
END;

-- The lists' order (latest start year, then newest) read from an index instead of sorted, and
-- `after=` paging resumed from it.
CREATE INDEX agreements_order ON agreements (start_year, id);
-- A locality's agreements with their periods in one index: a locality with a year is counted and
-- gathered without reading an agreement.
DROP INDEX agreements_locality_id;
CREATE INDEX agreements_locality_period ON agreements (locality_id, start_year, end_year);

-- The organizations' names, aliases included, as words: the forms look organizations up as they
-- are typed. Its rowid is the organization's id.
CREATE VIRTUAL TABLE organizations_search USING fts5(
    search_text, content = '', tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3'
);
INSERT INTO organizations_search (rowid, search_text) SELECT id, search_text FROM organizations;
CREATE TRIGGER organizations_search_insert AFTER INSERT ON organizations BEGIN
    INSERT INTO organizations_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER organizations_search_delete AFTER DELETE ON organizations BEGIN
    INSERT INTO organizations_search (organizations_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER organizations_search_update AFTER UPDATE OF search_text ON organizations BEGIN
    INSERT INTO organizations_search (organizations_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO organizations_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
