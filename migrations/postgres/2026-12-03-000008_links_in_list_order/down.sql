DROP INDEX agreement_directives_directive_order;
CREATE INDEX agreement_directives_directive_id ON agreement_directives (directive_id, agreement_id);
ALTER TABLE agreement_directives DROP COLUMN agreement_order;
DROP INDEX parties_organization_order;
CREATE INDEX parties_organization_id ON parties (organization_id, agreement_id);
ALTER TABLE parties DROP COLUMN agreement_order;
