-- Schema 3: the people who may open the workbook over SSH ('wgll serve').
--
-- A user is a name (what the change log records for their edits) and a
-- role: 'facilitator' (everything, manages users), 'member' (scores,
-- rationale, evidence, actions) or 'observer' (reads only). Someone who
-- opens the file on the host itself has whatever rights the operating
-- system gives them over it; these rows govern only SSH sessions. Names
-- are compared without regard to case so that "Ann" and "ann" are one
-- person in the log.

CREATE TABLE users (
    name       TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    role       TEXT NOT NULL,
    added_by   TEXT NOT NULL,
    added_at   TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A user's SSH public keys. The fingerprint (OpenSSH's SHA256:... form) is
-- what the server looks a connecting key up by and what its log records;
-- public_key is the key in authorized_keys form without options or comment.
CREATE TABLE user_keys (
    fingerprint TEXT NOT NULL PRIMARY KEY,
    user_name   TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE ON UPDATE CASCADE,
    public_key  TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    added_by    TEXT NOT NULL,
    added_at    TEXT NOT NULL
);
CREATE INDEX user_keys_by_user ON user_keys (user_name);

-- One-time invitation codes. Only a SHA-256 of the code is kept, so the
-- file does not hold a usable code. used_at is set when the code is
-- redeemed (with the fingerprint of the key it registered); a used or
-- expired code is refused.
CREATE TABLE invites (
    code_hash   TEXT NOT NULL PRIMARY KEY,
    user_name   TEXT NOT NULL COLLATE NOCASE,
    role        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT NOT NULL DEFAULT '',
    used_key    TEXT NOT NULL DEFAULT ''
);
