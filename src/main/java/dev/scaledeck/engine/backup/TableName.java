package dev.scaledeck.engine.backup;

import java.util.Objects;

/**
 * A table's schema and name, unquoted. {@link #toString()} leaves out {@code public.} so
 * messages read like the operator's SQL ("user 42 does not exist in users"). Immutable.
 */
public record TableName(String schema, String name) implements Comparable<TableName> {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    /** {@code "schema"."name"}, quoted for SQL. */
    public String sql() {
        return Sql.quote(schema) + "." + Sql.quote(name);
    }

    /** {@code schema.name}, unquoted, for entry names and sorting. */
    public String qualified() {
        return schema + "." + name;
    }

    @Override
    public int compareTo(TableName other) {
        return qualified().compareTo(other.qualified());
    }

    @Override
    public String toString() {
        return "public".equals(schema) ? name : qualified();
    }
}
