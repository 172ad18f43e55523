-- Version 1: projects, their chat sessions and every session's messages.
-- Runs with search_path set to the store's schema, inside the migration transaction.

CREATE TABLE projects (
    id                text COLLATE "C" PRIMARY KEY,
    owner_id          text COLLATE "C" NOT NULL,
    title             text NOT NULL,
    template          text,
    status            text NOT NULL,
    supervised        boolean NOT NULL,
    initial_prompt    text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    last_persisted_at timestamptz
);

-- ListAsync: newest change first, optionally one owner's.
CREATE INDEX projects_by_change ON projects (updated_at DESC, created_at DESC, id);
CREATE INDEX projects_by_owner ON projects (owner_id, updated_at DESC, created_at DESC, id);

CREATE TABLE chat_sessions (
    project_id text COLLATE "C" NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    id         text COLLATE "C" NOT NULL,
    title      text NOT NULL,
    created_at timestamptz NOT NULL,
    -- The seq the next appended message gets. Appends and replacements update it first, which locks the session row
    -- and so orders every writer of one session's history, on any host.
    next_seq   bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, id)
);

CREATE TABLE chat_messages (
    project_id text COLLATE "C" NOT NULL,
    session_id text COLLATE "C" NOT NULL,
    seq        bigint NOT NULL,
    -- One Microsoft.Extensions.AI ChatMessage as JSON (AIJsonUtilities.DefaultOptions), kept verbatim as text.
    message    text NOT NULL,
    PRIMARY KEY (project_id, session_id, seq),
    FOREIGN KEY (project_id, session_id) REFERENCES chat_sessions (project_id, id) ON DELETE CASCADE
);
