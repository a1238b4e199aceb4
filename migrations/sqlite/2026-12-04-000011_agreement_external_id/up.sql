-- The number an agreement has in the spreadsheet or the office it came from ("KH-07/2023"):
-- an import matches a row to the agreement it registered before by it.
ALTER TABLE agreements ADD COLUMN external_id TEXT;
CREATE INDEX agreements_external_id ON agreements (external_id);
-- Without an external id, a row is matched by title, period and lead party: by the title first,
-- since a province's Front committee leads thousands of agreements.
CREATE INDEX agreements_title ON agreements (title);
