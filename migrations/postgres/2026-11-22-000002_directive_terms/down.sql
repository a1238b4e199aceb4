DROP INDEX directives_identity;
CREATE UNIQUE INDEX directives_identity ON directives (canonical_symbol, coalesce(issued_on, DATE '0001-01-01'));
