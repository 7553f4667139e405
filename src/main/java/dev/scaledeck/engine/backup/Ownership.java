package dev.scaledeck.engine.backup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Which rows belong to a user, as discovered from the catalog: the user's row in the user
 * table; in every table with a foreign key to the user table's key, the rows that hold the
 * user's id; and, transitively, in every table with a foreign key to an owned table, the rows
 * that reference the user's rows there. A table with a direct foreign key to the user table
 * is judged by that key alone (a conversion belongs to the user it names, whichever workflow
 * it points at); a table with several such keys belongs to each user it names. An
 * {@link OwnershipRules#ownerColumns() owner column} overrides all of this for its table.
 * Immutable; thread-safe.
 */
public final class Ownership {

    private final TableName userTable;
    private final String userKey;
    private final Map<TableName, LongFunction<String>> filters;

    private Ownership(TableName userTable, String userKey, Map<TableName, LongFunction<String>> filters) {
        this.userTable = userTable;
        this.userKey = userKey;
        this.filters = filters;
    }

    /** Reads the catalog of the connection's database and applies the rules to it. */
    public static Ownership discover(Connection c, OwnershipRules rules) throws SQLException {
        return discover(Catalog.read(c), rules);
    }

    static Ownership discover(Catalog catalog, OwnershipRules rules) {
        CatalogTable users = catalog.resolve(rules.userTable());
        if (users.primaryKey().size() != 1) {
            throw new BackupException("User table " + users.name() + " needs a single-column primary key to find a "
                    + "user's rows, but has " + (users.primaryKey().isEmpty() ? "none" : users.primaryKey()));
        }
        Map<TableName, String> overrides = new LinkedHashMap<>();
        rules.ownerColumns().forEach((tableName, column) -> {
            CatalogTable table = catalog.resolve(tableName);
            if (table.column(column).isEmpty()) {
                throw new BackupException("Owner column " + column + " of table " + table.name() + " does not exist");
            }
            overrides.put(table.name(), column);
        });
        Set<TableName> owned = new HashSet<>(overrides.keySet());
        owned.add(users.name());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ForeignKey fk : catalog.foreignKeys()) {
                grew |= owned.contains(fk.parent()) && owned.add(fk.child());
            }
        }
        String key = users.primaryKey().get(0);
        Map<TableName, LongFunction<String>> filters = new LinkedHashMap<>();
        for (TableName table : catalog.parentsFirst(owned)) {
            filters.put(table, filterFor(table, users.name(), key, overrides, catalog, filters));
        }
        return new Ownership(users.name(), key, filters);
    }

    private static LongFunction<String> filterFor(TableName table, TableName users, String key,
                                                  Map<TableName, String> overrides, Catalog catalog,
                                                  Map<TableName, LongFunction<String>> parentFilters) {
        if (overrides.containsKey(table)) {
            String column = Sql.quote(overrides.get(table));
            return id -> column + " = " + id;
        }
        if (table.equals(users)) {
            return id -> Sql.quote(key) + " = " + id;
        }
        List<ForeignKey> direct = new ArrayList<>();
        List<ForeignKey> viaParents = new ArrayList<>();
        for (ForeignKey fk : catalog.foreignKeys()) {
            if (!fk.child().equals(table) || fk.parent().equals(table) || !parentFilters.containsKey(fk.parent())) {
                continue;
            }
            boolean toUserKey = fk.parent().equals(users) && fk.parentColumns().equals(List.of(key));
            (toUserKey ? direct : viaParents).add(fk);
        }
        List<LongFunction<String>> terms = new ArrayList<>();
        if (!direct.isEmpty()) {
            direct.forEach(fk -> terms.add(id -> Sql.quote(fk.columns().get(0)) + " = " + id));
        } else {
            viaParents.forEach(fk -> terms.add(parentKeyIn(fk, catalog, parentFilters.get(fk.parent()))));
        }
        if (terms.isEmpty()) {
            // Only possible in a foreign-key cycle with no way in: no row can be told apart as the user's.
            return id -> "FALSE";
        }
        if (terms.size() == 1) {
            return terms.get(0);
        }
        return id -> terms.stream().map(t -> "(" + t.apply(id) + ")").collect(Collectors.joining(" OR "));
    }

    private static LongFunction<String> parentKeyIn(ForeignKey fk, Catalog catalog, LongFunction<String> parentFilter) {
        String parentFrom = catalog.table(fk.parent()).orElseThrow().from();
        return id -> "(" + Sql.columns(fk.columns(), null) + ") IN (SELECT " + Sql.columns(fk.parentColumns(), null)
                + " FROM " + parentFrom + " WHERE " + parentFilter.apply(id) + ")";
    }

    public TableName userTable() {
        return userTable;
    }

    /** The user table's primary key column: the user id. */
    public String userKey() {
        return userKey;
    }

    /** The owned tables, parents first. */
    public List<TableName> tables() {
        return List.copyOf(filters.keySet());
    }

    /**
     * The SQL condition that selects a user's rows of a table, e.g. {@code "user_id" = 42};
     * column names are unqualified, so it fits {@code SELECT ... FROM table WHERE}.
     */
    public Optional<String> filter(TableName table, long userId) {
        return Optional.ofNullable(filters.get(table)).map(f -> f.apply(userId));
    }
}
