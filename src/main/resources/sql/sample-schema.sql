-- The sample converter application's schema (DESIGN.md section 3). Every statement is
-- idempotent; SampleSchema runs them in one transaction, in this order.
-- Each "-- name:" line starts one statement.

-- name: users
CREATE TABLE IF NOT EXISTS users (
    id          bigserial   PRIMARY KEY,
    email       text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- name: projects
CREATE TABLE IF NOT EXISTS projects (
    id          bigserial   PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- name: workflows
CREATE TABLE IF NOT EXISTS workflows (
    id          bigserial   PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    project_id  bigint      NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    definition  jsonb       NOT NULL,
    node_count  integer     NOT NULL CHECK (node_count >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- name: conversions
-- workflow_id is empty for ad-hoc conversions (POST /api/convert of a workflow that is not stored).
CREATE TABLE IF NOT EXISTS conversions (
    id             bigserial   PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    workflow_id    bigint      REFERENCES workflows (id) ON DELETE SET NULL,
    status         text        NOT NULL CHECK (status IN ('completed', 'failed')),
    language       text        NOT NULL CHECK (language IN ('typescript', 'javascript')),
    generated_code text,
    duration_ms    integer     NOT NULL CHECK (duration_ms >= 0),
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- name: projects_user_id_idx
CREATE INDEX IF NOT EXISTS projects_user_id_idx ON projects (user_id);

-- name: workflows_user_id_idx
CREATE INDEX IF NOT EXISTS workflows_user_id_idx ON workflows (user_id);

-- name: workflows_project_id_idx
CREATE INDEX IF NOT EXISTS workflows_project_id_idx ON workflows (project_id);

-- name: conversions_user_id_idx
CREATE INDEX IF NOT EXISTS conversions_user_id_idx ON conversions (user_id);

-- name: conversions_workflow_id_idx
CREATE INDEX IF NOT EXISTS conversions_workflow_id_idx ON conversions (workflow_id);

-- name: sample_seed
-- One row once the sample data has been written, so it is written on the first start only.
CREATE TABLE IF NOT EXISTS sample_seed (
    id         boolean     PRIMARY KEY DEFAULT true CHECK (id),
    seeded_at  timestamptz NOT NULL DEFAULT now(),
    users      integer     NOT NULL,
    projects   integer     NOT NULL,
    workflows  integer     NOT NULL,
    conversions integer    NOT NULL
);
