-- The sample data, generated inside the server (generate_series) so the first start takes
-- seconds. SampleSchema runs these statements by name, in one transaction, only while the
-- tables are empty, with explicit ids 1..N so that user ids 1..1000 always exist.
-- Each "-- name:" line starts one statement; "?" are JDBC parameters.

-- name: random-seed
SELECT setseed(0.42);

-- name: definitions-table
-- The workflow library: a few dozen real n8n workflows and their generated code, shared
-- round-robin by the generated rows.
CREATE TEMPORARY TABLE seed_definitions (
    n          integer PRIMARY KEY,
    definition jsonb   NOT NULL,
    node_count integer NOT NULL,
    code       text    NOT NULL
) ON COMMIT DROP;

-- name: insert-definition
INSERT INTO seed_definitions (n, definition, node_count, code) VALUES (?, ?::jsonb, ?, ?);

-- name: users
-- parameters: user count
INSERT INTO users (id, email, name, created_at)
SELECT g,
       'user' || g || '@example.com',
       (ARRAY['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Linus', 'Margaret', 'Donald', 'Ken', 'Radia'])[1 + g % 10]
           || ' ' ||
       (ARRAY['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Torvalds', 'Hamilton', 'Knuth', 'Thompson', 'Perlman'])[1 + (g / 10) % 10],
       now() - interval '730 days' * random()
FROM generate_series(1, ?) AS g;

-- name: projects
-- parameters: project count, user count. Project p belongs to user 1 + (p - 1) % users.
INSERT INTO projects (id, user_id, name, description, created_at)
SELECT g,
       1 + (g - 1) % u.n,
       area || ' ' || (1 + (g - 1) / u.n),
       'Automations for ' || lower(area) || ', owned by user ' || (1 + (g - 1) % u.n),
       now() - interval '540 days' * random()
FROM generate_series(1, ?) AS g
CROSS JOIN (SELECT ?::integer AS n) AS u
CROSS JOIN LATERAL (SELECT (ARRAY['Billing', 'Onboarding', 'CRM sync', 'Lead routing', 'Reporting', 'Support triage',
                                  'Inventory', 'Marketing', 'Hiring', 'Data warehouse'])[1 + g % 10] AS area) AS a;

-- name: workflows
-- parameters: workflow count, project count, user count, library size
INSERT INTO workflows (id, user_id, project_id, name, definition, node_count, updated_at)
SELECT g,
       1 + (p - 1) % c.users,
       p,
       (ARRAY['Sync', 'Notify', 'Import', 'Export', 'Enrich', 'Route', 'Archive', 'Score'])[1 + g % 8]
           || ' ' || (ARRAY['orders', 'customers', 'invoices', 'tickets', 'leads', 'products'])[1 + (g / 8) % 6]
           || ' #' || g,
       d.definition,
       d.node_count,
       now() - interval '365 days' * random()
FROM generate_series(1, ?) AS g
CROSS JOIN (SELECT ?::integer AS projects, ?::integer AS users, ?::integer AS library) AS c
CROSS JOIN LATERAL (SELECT 1 + (g - 1) % c.projects AS p) AS pick
JOIN seed_definitions d ON d.n = g % c.library;

-- name: conversions
-- parameters: conversion count, workflow count, library size. About one in twenty failed.
INSERT INTO conversions (id, user_id, workflow_id, status, language, generated_code, duration_ms, created_at)
SELECT g,
       w.user_id,
       w.id,
       CASE WHEN g % 20 = 0 THEN 'failed' ELSE 'completed' END,
       CASE WHEN g % 5 = 0 THEN 'javascript' ELSE 'typescript' END,
       CASE WHEN g % 20 = 0 THEN NULL ELSE d.code END,
       15 + w.node_count * 3 + (random() * 40)::integer,
       now() - interval '180 days' * random()
FROM generate_series(1, ?) AS g
CROSS JOIN (SELECT ?::integer AS workflows, ?::integer AS library) AS c
JOIN workflows w ON w.id = 1 + (g * 7919) % c.workflows
JOIN seed_definitions d ON d.n = w.id % c.library;

-- name: sequences
-- Explicit ids leave the sequences behind; move them past the rows so new rows get fresh ids.
SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users)),
       setval(pg_get_serial_sequence('projects', 'id'), (SELECT max(id) FROM projects)),
       setval(pg_get_serial_sequence('workflows', 'id'), (SELECT max(id) FROM workflows)),
       setval(pg_get_serial_sequence('conversions', 'id'), (SELECT max(id) FROM conversions));

-- name: mark-seeded
-- parameters: the four counts
INSERT INTO sample_seed (users, projects, workflows, conversions) VALUES (?, ?, ?, ?);

-- name: analyze
ANALYZE users, projects, workflows, conversions;
