-- An organization's and a directive's agreements in the lists' order, from the link tables alone
-- (docs/benchmarks.md, "Distinct questions"). Each party and each directive reference carries its
-- agreement's place in the order: the key of src/models/search.rs (latest start year first, then
-- the newest). A page of an organization's agreements is then the start of one index range, and
-- their count a walk of it, with no agreement read until the page's own. The registry writes the
-- key with the links: an agreement's links are written anew whenever the agreement is
-- (src/models/agreement/mod.rs).
ALTER TABLE parties ADD COLUMN agreement_order BIGINT;
UPDATE parties p SET agreement_order = ((2100 - a.start_year)::BIGINT << 44) | (17592186044415 - a.id)
    FROM agreements a WHERE a.id = p.agreement_id;
ALTER TABLE parties ALTER COLUMN agreement_order SET NOT NULL;
DROP INDEX parties_organization_id;
CREATE INDEX parties_organization_order ON parties (organization_id, agreement_order, agreement_id);

ALTER TABLE agreement_directives ADD COLUMN agreement_order BIGINT;
UPDATE agreement_directives d SET agreement_order = ((2100 - a.start_year)::BIGINT << 44) | (17592186044415 - a.id)
    FROM agreements a WHERE a.id = d.agreement_id;
ALTER TABLE agreement_directives ALTER COLUMN agreement_order SET NOT NULL;
DROP INDEX agreement_directives_directive_id;
CREATE INDEX agreement_directives_directive_order ON agreement_directives (directive_id, agreement_order, agreement_id);
