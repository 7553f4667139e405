package dev.scaledeck.engine.backup;

import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog describes it. Immutable.
 *
 * @param name        schema and name
 * @param columns     the columns a COPY carries, in order (generated columns left out)
 * @param primaryKey  the primary key columns, empty when there is none
 * @param partitioned a partitioned table: its rows live in partitions, and {@code ONLY} would see none
 */
record CatalogTable(TableName name, List<ColumnDef> columns, List<String> primaryKey, boolean partitioned) {

    CatalogTable {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /**
     * The table for reading and changing its own rows: {@code ONLY} keeps rows of inheriting
     * child tables out, which are backed up as tables of their own.
     */
    String from() {
        return (partitioned ? "" : "ONLY ") + name.sql();
    }

    List<String> columnNames() {
        return columns.stream().map(ColumnDef::name).toList();
    }

    Optional<ColumnDef> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
