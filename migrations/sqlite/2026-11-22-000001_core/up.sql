-- The core registry: localities, organizations, directives, signing events, agreements.
-- Every `*_key` / `search_text` column is derived by src/text.rs on write; the rules that
-- protect the data are enforced here as well as in the application, so that no writer can skip them.

CREATE TABLE localities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key TEXT NOT NULL,
    search_text TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
    parent_id INTEGER REFERENCES localities (id),
    CHECK (parent_id IS NULL OR parent_id <> id)
);
-- One name per parent: "Quận 1" may exist in several cities, but once in each.
CREATE UNIQUE INDEX localities_name_key ON localities (name_key, coalesce(parent_id, 0));
CREATE INDEX localities_parent_id ON localities (parent_id);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_key TEXT NOT NULL,
    short_name TEXT,
    kind TEXT NOT NULL CHECK (kind IN (
        'front_committee', 'party_committee', 'peoples_committee', 'womens_union', 'youth_union',
        'veterans_association', 'labour_federation', 'farmers_union', 'red_cross', 'friendship_union',
        'overseas_vietnamese_committee', 'state_agency', 'foreign_organization', 'other')),
    locality_id INTEGER REFERENCES localities (id),
    parent_id INTEGER REFERENCES organizations (id),
    search_text TEXT NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (name_key, coalesce(locality_id, 0));
CREATE INDEX organizations_locality_id ON organizations (locality_id);
CREATE INDEX organizations_parent_id ON organizations (parent_id);
CREATE INDEX organizations_kind ON organizations (kind);

CREATE TABLE organization_aliases (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    alias TEXT NOT NULL CHECK (length(trim(alias)) > 0),
    PRIMARY KEY (organization_id, seq)
);

CREATE TABLE directives (
    id INTEGER PRIMARY KEY,
    symbol TEXT NOT NULL CHECK (length(trim(symbol)) > 0),
    canonical_symbol TEXT NOT NULL,
    number TEXT NOT NULL,
    type_code TEXT,
    issuer_code TEXT,
    doc_year INTEGER,
    kind TEXT NOT NULL CHECK (kind IN (
        'directive', 'circular', 'resolution', 'plan', 'program', 'regulation', 'decision', 'guideline', 'other')),
    title TEXT,
    issuer TEXT,
    issued_on DATE,
    term TEXT,
    search_text TEXT NOT NULL
);
-- Party numbering restarts each committee term: the same symbol may recur with another date.
CREATE UNIQUE INDEX directives_identity ON directives (canonical_symbol, coalesce(issued_on, ''));
CREATE INDEX directives_number ON directives (number, type_code);

-- directive_id implements implements_id: a directed acyclic graph (cycles are refused by the application).
CREATE TABLE directive_links (
    directive_id INTEGER NOT NULL REFERENCES directives (id) ON DELETE CASCADE,
    implements_id INTEGER NOT NULL REFERENCES directives (id),
    PRIMARY KEY (directive_id, implements_id),
    CHECK (directive_id <> implements_id)
);
CREATE INDEX directive_links_implements_id ON directive_links (implements_id);

CREATE TABLE signing_events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('signing', 'briefing', 'review')),
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    held_on DATE,
    place TEXT,
    locality_id INTEGER REFERENCES localities (id),
    host_id INTEGER REFERENCES organizations (id),
    notes TEXT,
    source_url TEXT,
    published_on DATE,
    search_text TEXT NOT NULL
);
CREATE INDEX signing_events_held_on ON signing_events (held_on);
CREATE INDEX signing_events_locality_id ON signing_events (locality_id);
CREATE INDEX signing_events_host_id ON signing_events (host_id);

CREATE TABLE event_attendees (
    signing_event_id INTEGER NOT NULL REFERENCES signing_events (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position TEXT,
    organization_id INTEGER REFERENCES organizations (id),
    PRIMARY KEY (signing_event_id, seq)
);
CREATE INDEX event_attendees_organization_id ON event_attendees (organization_id);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    kind TEXT NOT NULL CHECK (kind IN (
        'coordination_plan', 'action_program', 'coordination_program', 'coordination_regulation',
        'cooperation_memorandum', 'other')),
    topic TEXT,
    start_year INTEGER NOT NULL CHECK (start_year BETWEEN 1945 AND 2100),
    end_year INTEGER NOT NULL CHECK (end_year BETWEEN 1945 AND 2100),
    signed_on DATE,
    signing_event_id INTEGER REFERENCES signing_events (id),
    -- Only the statuses a person decides; the others are derived from the period and today's date.
    status_override TEXT CHECK (status_override IN ('terminated', 'superseded')),
    replaces_id INTEGER REFERENCES agreements (id),
    source_url TEXT,
    published_on DATE,
    search_text TEXT NOT NULL,
    CHECK (end_year >= start_year),
    CHECK (replaces_id IS NULL OR replaces_id <> id)
);
CREATE INDEX agreements_period ON agreements (start_year, end_year);
CREATE INDEX agreements_signed_on ON agreements (signed_on);
CREATE INDEX agreements_signing_event_id ON agreements (signing_event_id);
CREATE INDEX agreements_kind ON agreements (kind);
CREATE INDEX agreements_replaces_id ON agreements (replaces_id);

CREATE TABLE agreement_tasks (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    task TEXT NOT NULL CHECK (length(trim(task)) > 0),
    PRIMARY KEY (agreement_id, seq)
);

CREATE TABLE parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('lead', 'signatory', 'witness')),
    signatory_name TEXT,
    signatory_title TEXT,
    PRIMARY KEY (agreement_id, organization_id)
);
CREATE INDEX parties_organization_id ON parties (organization_id, agreement_id);

CREATE TABLE agreement_directives (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    directive_id INTEGER NOT NULL REFERENCES directives (id),
    relation TEXT NOT NULL CHECK (relation IN ('implements', 'cites')),
    PRIMARY KEY (agreement_id, directive_id)
);
CREATE INDEX agreement_directives_directive_id ON agreement_directives (directive_id, agreement_id);
