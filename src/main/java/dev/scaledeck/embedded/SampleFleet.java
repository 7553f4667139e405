package dev.scaledeck.embedded;

import dev.scaledeck.engine.pool.ConnectionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The sample instances running now, grown and shrunk at run time (the {@code local} scaling
 * platform drives it). Ids are {@code sample-1}, {@code sample-2}, ... and never reused within
 * a run, so events and charts never mix two instances. Listeners get the new list after each
 * change, outside the lock; a failing listener is logged. Thread-safe.
 */
public final class SampleFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SampleFleet.class);

    private final java.util.function.Supplier<ConnectionPool> pool;
    private final java.time.Duration serviceTime;
    private final AtomicInteger lastNumber = new AtomicInteger();
    private final Map<String, SampleInstance> instances = new LinkedHashMap<>();
    /** Stopped but not removed: id to the address it comes back at. */
    private final Map<String, java.net.URI> stopped = new LinkedHashMap<>();
    private final List<Consumer<List<SampleInstance>>> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    public SampleFleet(ConnectionPool pool) {
        this(() -> pool);
    }

    /** @param pool looked up for every request (the engine's pool changes when its database fails over) */
    public SampleFleet(java.util.function.Supplier<ConnectionPool> pool) {
        this(pool, java.time.Duration.ZERO);
    }

    /**
     * @param pool        looked up for every request
     * @param serviceTime how long each API request holds a worker on top of its own work
     */
    public SampleFleet(java.util.function.Supplier<ConnectionPool> pool, java.time.Duration serviceTime) {
        this.pool = pool;
        this.serviceTime = serviceTime;
    }

    /**
     * Starts one more instance.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public SampleInstance add() throws IOException {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("sample fleet is closed");
            }
        }
        SampleInstance instance = SampleInstance.start("sample-" + lastNumber.incrementAndGet(), pool,
                SampleInstance.DEFAULT_WORKERS, 0, serviceTime);
        List<SampleInstance> now;
        synchronized (this) {
            if (closed) {
                instance.close();
                throw new IllegalStateException("sample fleet closed while " + instance.id() + " started");
            }
            instances.put(instance.id(), instance);
            now = List.copyOf(instances.values());
        }
        notifyListeners(now);
        return instance;
    }

    /** Stops and forgets the instance (running or stopped); false when there is none with that id. */
    public boolean remove(String id) {
        SampleInstance removed;
        boolean wasStopped;
        List<SampleInstance> now;
        synchronized (this) {
            removed = instances.remove(id);
            wasStopped = stopped.remove(id) != null;
            now = List.copyOf(instances.values());
        }
        if (removed == null && !wasStopped) {
            return false;
        }
        if (removed != null) {
            removed.close();
        }
        notifyListeners(now);
        return true;
    }

    /**
     * Stops a running instance but remembers it, as a crashed server would look from outside:
     * its address stops answering and {@link #restart} brings it back there.
     *
     * @throws IllegalArgumentException when no running instance has this id
     */
    public void stop(String id) {
        SampleInstance instance;
        List<SampleInstance> now;
        synchronized (this) {
            instance = instances.remove(id);
            if (instance == null) {
                throw new IllegalArgumentException("no running sample instance '" + id + "'; running: " + instances.keySet());
            }
            stopped.put(id, instance.url());
            now = List.copyOf(instances.values());
        }
        instance.close();
        notifyListeners(now);
    }

    /**
     * Starts a stopped instance again at its old address.
     *
     * @throws IllegalArgumentException when no stopped instance has this id
     * @throws IOException              when its port is taken meanwhile
     */
    public SampleInstance restart(String id) throws IOException {
        java.net.URI url;
        synchronized (this) {
            url = stopped.get(id);
            if (url == null) {
                throw new IllegalArgumentException("no stopped sample instance '" + id + "'; stopped: " + stopped.keySet());
            }
        }
        SampleInstance instance = SampleInstance.start(id, pool, SampleInstance.DEFAULT_WORKERS, url.getPort(), serviceTime);
        List<SampleInstance> now;
        synchronized (this) {
            if (closed) {
                instance.close();
                throw new IllegalStateException("sample fleet closed while " + id + " restarted");
            }
            stopped.remove(id);
            instances.put(id, instance);
            now = List.copyOf(instances.values());
        }
        notifyListeners(now);
        return instance;
    }

    /** Instances stopped with {@link #stop} and not restarted: id to address. A copy. */
    public synchronized Map<String, java.net.URI> stopped() {
        return Map.copyOf(stopped);
    }

    /** The running instances, oldest first; a copy. */
    public synchronized List<SampleInstance> instances() {
        return List.copyOf(instances.values());
    }

    /** Called with the running instances after every add and remove. */
    public void addListener(Consumer<List<SampleInstance>> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<List<SampleInstance>> listener) {
        listeners.remove(listener);
    }

    private void notifyListeners(List<SampleInstance> now) {
        for (Consumer<List<SampleInstance>> listener : listeners) {
            try {
                listener.accept(now);
            } catch (RuntimeException e) {
                LOG.warn("Sample fleet listener failed", e);
            }
        }
    }

    /** Stops every instance. Idempotent. */
    @Override
    public void close() {
        List<SampleInstance> stopping;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stopping = new ArrayList<>(instances.values());
            instances.clear();
            stopped.clear();
        }
        stopping.forEach(SampleInstance::close);
        if (!stopping.isEmpty()) {
            notifyListeners(List.of());
        }
    }
}
