-- Version 2: one row per model call, for usage totals and budgets. No foreign key to projects: a deleted project's
-- spending stays counted. Runs with search_path set to the store's schema, inside the migration transaction.

CREATE TABLE usage_records (
    id                  text COLLATE "C" PRIMARY KEY,
    at                  timestamptz NOT NULL,
    project_id          text COLLATE "C" NOT NULL,
    session_id          text COLLATE "C" NOT NULL,
    turn_id             text COLLATE "C" NOT NULL,
    user_id             text COLLATE "C",
    step                text NOT NULL,
    provider            text,
    model_id            text,
    input_tokens        bigint,
    output_tokens       bigint,
    cached_input_tokens bigint,
    -- US dollars; NULL when the model has no price (never an estimate).
    cost                numeric,
    latency_us          bigint NOT NULL,
    outcome             text NOT NULL,
    error_code          text
);

-- Totals and listings per project and per user, in time order.
CREATE INDEX usage_records_by_project ON usage_records (project_id, at, id);
CREATE INDEX usage_records_by_user ON usage_records (user_id, at, id) WHERE user_id IS NOT NULL;
