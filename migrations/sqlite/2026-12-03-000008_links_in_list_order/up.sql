-- An organization's and a directive's agreements in the lists' order, from the link tables alone
-- (docs/benchmarks.md, "Distinct questions"). Each party and each directive reference carries its
-- agreement's place in the order: the key of src/models/search.rs (latest start year first, then
-- the newest), which the agreement's word index uses as its rowid. A page of an organization's
-- agreements is then the start of one index range, and their count a walk of it, with no
-- agreement read until the page's own. The registry writes the key with the links: an agreement's
-- links are written anew whenever the agreement is (src/models/agreement/mod.rs).
ALTER TABLE parties ADD COLUMN agreement_order INTEGER NOT NULL DEFAULT 0;
UPDATE parties SET agreement_order = (
    SELECT ((2100 - a.start_year) << 44) | (17592186044415 - a.id) FROM agreements a WHERE a.id = parties.agreement_id
);
DROP INDEX parties_organization_id;
CREATE INDEX parties_organization_order ON parties (organization_id, agreement_order, agreement_id);

ALTER TABLE agreement_directives ADD COLUMN agreement_order INTEGER NOT NULL DEFAULT 0;
UPDATE agreement_directives SET agreement_order = (
    SELECT ((2100 - a.start_year) << 44) | (17592186044415 - a.id) FROM agreements a
    WHERE a.id = agreement_directives.agreement_id
);
DROP INDEX agreement_directives_directive_id;
CREATE INDEX agreement_directives_directive_order ON agreement_directives (directive_id, agreement_order, agreement_id);
