package dev.scaledeck.engine.metrics;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The newest {@code capacity} items of a series, oldest first; older items fall off.
 * Thread-safe.
 */
public final class BoundedHistory<T> {

    private final int capacity;
    private final ArrayDeque<T> items;

    public BoundedHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    public synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    /** A copy, oldest first. */
    public synchronized List<T> snapshot() {
        return List.copyOf(items);
    }

    public synchronized T latest() {
        return items.peekLast();
    }

    public synchronized int size() {
        return items.size();
    }

    public int capacity() {
        return capacity;
    }
}
