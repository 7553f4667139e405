package dev.scaledeck.engine.backup;

import java.util.List;

/**
 * A foreign key: {@code child(columns)} references {@code parent(parentColumns)}. Immutable.
 */
record ForeignKey(TableName child, List<String> columns, TableName parent, List<String> parentColumns) {

    ForeignKey {
        columns = List.copyOf(columns);
        parentColumns = List.copyOf(parentColumns);
    }
}
