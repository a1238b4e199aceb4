-- People who sign in to the web pages (docs/web.md): each with the role and locality scope a token
-- has. Only an Argon2id hash of each password is kept.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    locality_id INTEGER REFERENCES localities (id),
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP
);
CREATE INDEX users_locality_id ON users (locality_id);

-- A signed-in browser: the cookie holds a random secret, this table its SHA-256, so a copy of the
-- database signs no one in. Signing out deletes the row; so does disabling the user.
CREATE TABLE sessions (
    secret_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- What every form of this session carries, and a post must send back.
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user_id ON sessions (user_id);

-- Failed sign-ins not yet followed by a good one, per user name ('user:…') and per client address
-- ('address:…'): each failure past the first few doubles the wait before the next try.
CREATE TABLE sign_in_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    last_at TIMESTAMP NOT NULL
);

-- Who acted, when it was a person signed in rather than a token.
ALTER TABLE audit_log ADD COLUMN user_id INTEGER REFERENCES users (id);
