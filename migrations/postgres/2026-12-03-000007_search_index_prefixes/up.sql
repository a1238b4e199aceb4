-- SQLite's word indexes gain their own entries for prefixes of one to seven letters in 000007.
-- PostgreSQL's (a tsvector with a GIN index, 000006) reads a prefix from the index as it is:
-- nothing changes here. The migration exists so that both backends hold the same list.
SELECT 1;
