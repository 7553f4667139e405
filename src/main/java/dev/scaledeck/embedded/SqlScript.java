package dev.scaledeck.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named SQL statements from a classpath resource: each {@code -- name: x} line starts the
 * statement called x; other comment lines and the trailing semicolon are dropped. Immutable.
 */
final class SqlScript {

    private static final String NAME_MARKER = "-- name:";

    private final String resource;
    private final Map<String, String> statements;

    private SqlScript(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = Collections.unmodifiableMap(statements);
    }

    /** @throws UncheckedIOException when the resource is missing: the build is broken, not the input */
    static SqlScript load(String resource) {
        try (InputStream in = SqlScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("SQL resource " + resource + " is missing from the build"));
            }
            return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SQL resource " + resource, e);
        }
    }

    static SqlScript parse(String resource, String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.startsWith(NAME_MARKER)) {
                add(statements, name, sql);
                name = trimmed.substring(NAME_MARKER.length()).trim();
                sql.setLength(0);
            } else if (!trimmed.startsWith("--") && !trimmed.isEmpty() && name != null) {
                sql.append(line).append('\n');
            }
        }
        add(statements, name, sql);
        return new SqlScript(resource, statements);
    }

    private static void add(Map<String, String> statements, String name, StringBuilder sql) {
        if (name == null) {
            return;
        }
        String statement = sql.toString().trim();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).trim();
        }
        statements.put(name, statement);
    }

    /** The statement called {@code name}. */
    String get(String name) {
        String statement = statements.get(name);
        if (statement == null) {
            throw new IllegalStateException("SQL resource " + resource + " has no statement named " + name);
        }
        return statement;
    }

    /** Every statement, in file order. */
    Map<String, String> statements() {
        return statements;
    }
}
