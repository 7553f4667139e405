package dev.scaledeck.engine.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The engine's record of what happened and why: a bounded list in memory and, when a file
 * is given, one JSON object per line appended to it (flushed per event, so nothing is lost
 * when the program stops). Thread-safe; listeners are called outside the lock and a failing
 * listener is logged, not fatal.
 */
public final class EventJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int capacity;
    private final ArrayDeque<EngineEvent> recent;
    private final List<Consumer<EngineEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private BufferedWriter out;
    private boolean writeFailed;

    /**
     * @param capacity events kept in memory (older ones remain in the file)
     * @param file     the journal file to append to, or null for memory only
     */
    public EventJournal(int capacity, Path file) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(Math.min(capacity, 1024));
        if (file != null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                LOG.warn("Event journal file {} cannot be opened ({}); events are kept in memory only", file, e.getMessage());
            }
        }
    }

    public void record(EngineEvent event) {
        synchronized (lock) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(event);
            append(event);
        }
        for (Consumer<EngineEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("Event listener failed on {}", event, e);
            }
        }
    }

    private void append(EngineEvent event) {
        if (out == null) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(Map.of(
                    "time", event.time().toString(), "category", event.category(), "type", event.type(),
                    "subject", event.subject(), "message", event.message())));
            out.newLine();
            out.flush();
            writeFailed = false;
        } catch (IOException e) {
            if (!writeFailed) {
                LOG.warn("Event journal write failed ({}); events are kept in memory", e.getMessage());
            }
            writeFailed = true;
        }
    }

    /** The newest events, oldest first; at most {@code max}. A copy. */
    public List<EngineEvent> recent(int max) {
        synchronized (lock) {
            List<EngineEvent> all = new ArrayList<>(recent);
            return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
        }
    }

    public void addListener(Consumer<EngineEvent> listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    LOG.warn("Event journal close failed: {}", e.getMessage());
                }
                out = null;
            }
        }
    }
}
