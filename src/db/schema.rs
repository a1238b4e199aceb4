//! The one schema for every backend. Written by hand with portable types only (BigInt, Integer,
//! Text, Date): the MultiConnection backend maps no others.

diesel::table! {
    localities (id) {
        id -> BigInt,
        name -> Text,
        name_key -> Text,
        search_text -> Text,
        level -> Text,
        parent_id -> Nullable<BigInt>,
        version -> BigInt,
    }
}

diesel::table! {
    organizations (id) {
        id -> BigInt,
        name -> Text,
        name_key -> Text,
        short_name -> Nullable<Text>,
        kind -> Text,
        locality_id -> Nullable<BigInt>,
        parent_id -> Nullable<BigInt>,
        search_text -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    organization_aliases (organization_id, seq) {
        organization_id -> BigInt,
        seq -> Integer,
        alias -> Text,
    }
}

diesel::table! {
    directives (id) {
        id -> BigInt,
        symbol -> Text,
        canonical_symbol -> Text,
        number -> Text,
        type_code -> Nullable<Text>,
        issuer_code -> Nullable<Text>,
        doc_year -> Nullable<Integer>,
        kind -> Text,
        title -> Nullable<Text>,
        issuer -> Nullable<Text>,
        issued_on -> Nullable<Date>,
        term -> Nullable<Text>,
        search_text -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    directive_links (directive_id, implements_id) {
        directive_id -> BigInt,
        implements_id -> BigInt,
    }
}

diesel::table! {
    signing_events (id) {
        id -> BigInt,
        kind -> Text,
        title -> Text,
        held_on -> Nullable<Date>,
        place -> Nullable<Text>,
        locality_id -> Nullable<BigInt>,
        host_id -> Nullable<BigInt>,
        notes -> Nullable<Text>,
        source_url -> Nullable<Text>,
        published_on -> Nullable<Date>,
        search_text -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    event_attendees (signing_event_id, seq) {
        signing_event_id -> BigInt,
        seq -> Integer,
        name -> Text,
        position -> Nullable<Text>,
        organization_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    agreements (id) {
        id -> BigInt,
        title -> Text,
        kind -> Text,
        topic -> Nullable<Text>,
        start_year -> Integer,
        end_year -> Integer,
        signed_on -> Nullable<Date>,
        signing_event_id -> Nullable<BigInt>,
        status_override -> Nullable<Text>,
        replaces_id -> Nullable<BigInt>,
        source_url -> Nullable<Text>,
        published_on -> Nullable<Date>,
        search_text -> Text,
        version -> BigInt,
        locality_id -> Nullable<BigInt>,
        external_id -> Nullable<Text>,
    }
}

diesel::table! {
    agreement_tasks (agreement_id, seq) {
        agreement_id -> BigInt,
        seq -> Integer,
        task -> Text,
    }
}

diesel::table! {
    parties (agreement_id, organization_id) {
        agreement_id -> BigInt,
        organization_id -> BigInt,
        seq -> Integer,
        role -> Text,
        signatory_name -> Nullable<Text>,
        signatory_title -> Nullable<Text>,
        /// The agreement's place in the lists' order (`models::search::order_key`).
        agreement_order -> BigInt,
    }
}

diesel::table! {
    agreement_directives (agreement_id, directive_id) {
        agreement_id -> BigInt,
        directive_id -> BigInt,
        relation -> Text,
        /// The agreement's place in the lists' order (`models::search::order_key`).
        agreement_order -> BigInt,
    }
}

diesel::table! {
    api_tokens (id) {
        id -> BigInt,
        name -> Text,
        role -> Text,
        locality_id -> Nullable<BigInt>,
        secret_hash -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        token_id -> Nullable<BigInt>,
        actor -> Text,
        action -> Text,
        record_type -> Text,
        record_id -> BigInt,
        version -> Nullable<BigInt>,
        before -> Nullable<Text>,
        after -> Nullable<Text>,
        user_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        locality_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sessions (secret_hash) {
        secret_hash -> Text,
        user_id -> BigInt,
        csrf_token -> Text,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
    }
}

diesel::table! {
    sign_in_failures (key) {
        key -> Text,
        failures -> Integer,
        last_at -> Timestamp,
    }
}

diesel::table! {
    deleted_records (id) {
        id -> BigInt,
        record_type -> Text,
        record_id -> BigInt,
        version -> BigInt,
        input -> Text,
        record -> Text,
        deleted_at -> Timestamp,
        deleted_by -> Text,
    }
}

diesel::table! {
    idempotency_keys (holder, idempotency_key) {
        holder -> Text,
        idempotency_key -> Text,
        request_hash -> Text,
        status -> Integer,
        location -> Nullable<Text>,
        etag -> Nullable<Text>,
        body -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    id_floors (table_name) {
        table_name -> Text,
        last_id -> BigInt,
    }
}

diesel::joinable!(organizations -> localities (locality_id));
diesel::joinable!(organization_aliases -> organizations (organization_id));
diesel::joinable!(signing_events -> localities (locality_id));
diesel::joinable!(signing_events -> organizations (host_id));
diesel::joinable!(event_attendees -> signing_events (signing_event_id));
diesel::joinable!(event_attendees -> organizations (organization_id));
diesel::joinable!(agreements -> signing_events (signing_event_id));
diesel::joinable!(agreement_tasks -> agreements (agreement_id));
diesel::joinable!(parties -> agreements (agreement_id));
diesel::joinable!(parties -> organizations (organization_id));
diesel::joinable!(agreement_directives -> agreements (agreement_id));
diesel::joinable!(agreement_directives -> directives (directive_id));
diesel::joinable!(sessions -> users (user_id));

diesel::table! {
    /// SQLite only (an FTS5 table; PostgreSQL has `agreements.search_vector`): the word index of
    /// the agreements' search text, whose rowid is the lists' order (`models::agreement::search`).
    agreements_search (rowid) {
        rowid -> BigInt,
    }
}

diesel::table! {
    /// SQLite only (an FTS5 table): the word index of the organizations' search text, whose
    /// rowid is the organization's id.
    organizations_search (rowid) {
        rowid -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    agreements_search,
    organizations_search,
    localities,
    organizations,
    organization_aliases,
    directives,
    directive_links,
    signing_events,
    event_attendees,
    agreements,
    agreement_tasks,
    parties,
    agreement_directives,
    api_tokens,
    audit_log,
    deleted_records,
    idempotency_keys,
    id_floors,
    users,
    sessions,
    sign_in_failures,
);
