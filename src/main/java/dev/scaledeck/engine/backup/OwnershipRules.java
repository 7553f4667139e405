package dev.scaledeck.engine.backup;

import java.util.Map;
import java.util.Objects;

/**
 * How to find the rows that belong to a user, where the catalog's foreign keys do not say
 * it well enough. Immutable.
 *
 * @param userTable    the table of users, {@code users} or {@code schema.table}; its single-column
 *                     primary key is the user id
 * @param ownerColumns table ({@code name} or {@code schema.name}) to the column that holds the user id;
 *                     takes precedence over what the foreign keys say, and makes a table without
 *                     such a foreign key part of user backups
 */
public record OwnershipRules(String userTable, Map<String, String> ownerColumns) {

    public OwnershipRules {
        Objects.requireNonNull(userTable, "userTable");
        if (userTable.isBlank()) {
            throw new IllegalArgumentException("userTable must name a table, but was '" + userTable + "'");
        }
        ownerColumns.forEach((table, column) -> {
            if (table.isBlank() || column == null || column.isBlank()) {
                throw new IllegalArgumentException("ownerColumns must map a table to a column, but had '"
                        + table + "' -> '" + column + "'");
            }
        });
        ownerColumns = Map.copyOf(ownerColumns);
    }

    /** The sample schema's rules: table {@code users}, everything else from foreign keys. */
    public static OwnershipRules defaults() {
        return new OwnershipRules("users", Map.of());
    }
}
