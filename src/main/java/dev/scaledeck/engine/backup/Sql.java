package dev.scaledeck.engine.backup;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting and column lists for the SQL the backup code writes. Stateless. */
final class Sql {

    private Sql() {
    }

    /** A quoted identifier: {@code "my ""odd"" name"}. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "a", "b"}, each name prefixed with {@code alias.} when an alias is given. */
    static String columns(List<String> names, String alias) {
        String prefix = alias == null ? "" : alias + ".";
        return names.stream().map(n -> prefix + quote(n)).collect(Collectors.joining(", "));
    }

    /** {@code  ("a", "b")} with a leading space, or nothing for a table without columns (COPY rejects {@code ()}). */
    static String columnList(List<String> names) {
        return names.isEmpty() ? "" : " (" + columns(names, null) + ")";
    }

    /** {@code a."k1" = b."k1" AND a."k2" = b."k2"}. */
    static String keysEqual(List<String> keys, String left, String right) {
        return keys.stream().map(k -> left + "." + quote(k) + " = " + right + "." + quote(k))
                .collect(Collectors.joining(" AND "));
    }

    /**
     * The row's text form, {@code ROW(a."x", a."y")::text}: comparable for every type, even
     * those without an equality operator ({@code json}, {@code point}).
     */
    static String rowText(List<String> names, String alias) {
        return "ROW(" + columns(names, alias) + ")::text";
    }
}
