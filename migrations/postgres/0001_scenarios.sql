-- Saved scenarios, the same contract as migrations/sqlite/0001_scenarios.sql.
-- A scenario is an append-only list of revisions; saving never overwrites.
-- The edit key itself is never stored, only its SHA-256 hash. Times stay
-- RFC 3339 text so that a revision moved between backends is byte-identical.
CREATE TABLE scenarios (
    id              TEXT PRIMARY KEY,          -- 128 random bits, base64url
    edit_key_sha256 BYTEA NOT NULL,
    forked_from     TEXT,
    created_at      TEXT NOT NULL,             -- RFC 3339, UTC
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT,                      -- set on delete; the row stays for 410/404
    latest_revision BIGINT NOT NULL
);

-- The primary key is what makes two server processes unable to both write
-- revision n + 1: the loser's INSERT fails (saves also lock the scenario row).
CREATE TABLE revisions (
    scenario_id   TEXT NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
    revision      BIGINT NOT NULL,
    scenario_json TEXT NOT NULL,               -- exactly as given
    created_at    TEXT NOT NULL,
    PRIMARY KEY (scenario_id, revision)
);
