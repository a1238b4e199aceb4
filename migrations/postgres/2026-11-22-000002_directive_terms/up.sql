-- Party numbering restarts each committee term: the same symbol, undated, may name one document
-- of term XI and another of term XIII. A directive is identified by its canonical symbol, issue
-- date and term.
DROP INDEX directives_identity;
CREATE UNIQUE INDEX directives_identity ON directives (canonical_symbol, coalesce(issued_on, DATE '0001-01-01'), coalesce(term, ''));
