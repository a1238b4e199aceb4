-- An agreement's locality, derived by one rule (src/models/agreement_locality.rs) and kept with
-- the record: its signing event's (the event's locality, else its host's), and for an agreement
-- without an event, or whose event has neither, its first lead party's. Stored so that the
-- `locality=` filter, the answered `locality_id` and an editor's scope read the same value.
ALTER TABLE agreements ADD COLUMN locality_id BIGINT;
UPDATE agreements SET locality_id = COALESCE(
    (SELECT COALESCE(e.locality_id, h.locality_id) FROM signing_events e
     LEFT JOIN organizations h ON h.id = e.host_id WHERE e.id = agreements.signing_event_id),
    (SELECT o.locality_id FROM parties p JOIN organizations o ON o.id = p.organization_id
     WHERE p.agreement_id = agreements.id AND p.role = 'lead' ORDER BY p.seq LIMIT 1));
CREATE INDEX agreements_locality_id ON agreements (locality_id);
