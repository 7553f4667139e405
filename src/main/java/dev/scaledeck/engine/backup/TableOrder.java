package dev.scaledeck.engine.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders tables so that every table comes after the tables it references (Kahn's
 * algorithm); among tables that are ready together, alphabetical, so the order is stable.
 * A table referencing itself is fine; tables referencing each other in a cycle are put last,
 * alphabetically, with a warning, since no order can satisfy them. Stateless.
 */
final class TableOrder {

    private static final Logger LOG = LoggerFactory.getLogger(TableOrder.class);

    private TableOrder() {
    }

    static List<TableName> parentsFirst(Collection<TableName> tables, Collection<ForeignKey> foreignKeys) {
        Set<TableName> remaining = new TreeSet<>(tables);
        Map<TableName, Set<TableName>> parents = new HashMap<>();
        for (ForeignKey fk : foreignKeys) {
            if (remaining.contains(fk.child()) && remaining.contains(fk.parent()) && !fk.child().equals(fk.parent())) {
                parents.computeIfAbsent(fk.child(), k -> new TreeSet<>()).add(fk.parent());
            }
        }
        List<TableName> order = new ArrayList<>(remaining.size());
        boolean progress = true;
        while (!remaining.isEmpty() && progress) {
            progress = false;
            for (TableName table : remaining) {
                if (order.containsAll(parents.getOrDefault(table, Set.of()))) {
                    order.add(table);
                    remaining.remove(table);
                    progress = true;
                    break;
                }
            }
        }
        if (!remaining.isEmpty()) {
            LOG.warn("Tables {} reference each other in a cycle; they are restored in name order, which needs "
                    + "their foreign keys to be deferrable", remaining);
            order.addAll(remaining);
        }
        return List.copyOf(order);
    }
}
