package dev.scaledeck.embedded;

/**
 * Row counts of the sample schema at one moment. Immutable.
 *
 * @param users       rows in {@code users}
 * @param projects    rows in {@code projects}
 * @param workflows   rows in {@code workflows}
 * @param conversions rows in {@code conversions}
 */
public record SchemaCounts(long users, long projects, long workflows, long conversions) {

    @Override
    public String toString() {
        return String.format("%,d users, %,d projects, %,d workflows, %,d conversions",
                users, projects, workflows, conversions);
    }
}
