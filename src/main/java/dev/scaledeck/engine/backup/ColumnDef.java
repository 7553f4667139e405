package dev.scaledeck.engine.backup;

import java.util.Objects;

/**
 * One column of a backed-up table, in COPY order. Immutable.
 *
 * @param name the column name, unquoted
 * @param type the type as PostgreSQL's {@code format_type()} writes it, e.g. {@code character varying(80)}
 */
public record ColumnDef(String name, String type) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
