package dev.scaledeck.ui.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SamplerTest {

    /** A UI thread that runs what it was given only when the test says so. */
    private static final class SteppedUiThread {
        final Queue<Runnable> queued = new ArrayDeque<>();

        void runAll() {
            for (Runnable r = queued.poll(); r != null; r = queued.poll()) {
                r.run();
            }
        }
    }

    @Test
    void shouldHandEachSnapshotToTheUiThreadInOneUpdate() {
        SteppedUiThread ui = new SteppedUiThread();
        AtomicInteger counter = new AtomicInteger();
        List<Integer> applied = new ArrayList<>();
        try (Sampler<Integer> sampler = new Sampler<>(Duration.ofHours(1), counter::incrementAndGet, applied::add,
                ui.queued::add)) {
            sampler.tick();
            assertThat(ui.queued).hasSize(1);
            ui.runAll();
            sampler.tick();
            ui.runAll();

            assertThat(applied).containsExactly(1, 2);
            assertThat(sampler.applied()).isEqualTo(2);
        }
    }

    @Test
    void shouldApplyOnlyTheNewestSnapshotWhenTheUiThreadLags() {
        SteppedUiThread ui = new SteppedUiThread();
        AtomicInteger counter = new AtomicInteger();
        List<Integer> applied = new ArrayList<>();
        try (Sampler<Integer> sampler = new Sampler<>(Duration.ofHours(1), counter::incrementAndGet, applied::add,
                ui.queued::add)) {
            sampler.tick();
            sampler.tick();
            sampler.tick();

            assertThat(ui.queued).as("one outstanding UI update, not one per tick").hasSize(1);
            ui.runAll();
            assertThat(applied).containsExactly(3);
            assertThat(sampler.reads()).isEqualTo(3);
        }
    }

    @Test
    void shouldKeepSamplingAfterAReadFails() {
        SteppedUiThread ui = new SteppedUiThread();
        AtomicInteger calls = new AtomicInteger();
        List<Integer> applied = new ArrayList<>();
        try (Sampler<Integer> sampler = new Sampler<>(Duration.ofHours(1), () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("engine busy");
            }
            return calls.get();
        }, applied::add, ui.queued::add)) {
            sampler.tick();
            sampler.tick();
            ui.runAll();

            assertThat(applied).containsExactly(2);
        }
    }

    @Test
    void shouldSampleAtItsRateOnItsOwnThreadUntilClosed() {
        List<String> threads = new CopyOnWriteArrayList<>();
        List<Long> applied = new CopyOnWriteArrayList<>();
        Sampler<Long> sampler = new Sampler<>(Duration.ofMillis(50), () -> {
            threads.add(Thread.currentThread().getName());
            return System.nanoTime();
        }, applied::add, Runnable::run);
        sampler.start();

        await().atMost(Duration.ofSeconds(5)).until(() -> applied.size() >= 5);
        sampler.close();
        int afterClose = applied.size();

        assertThat(threads).allMatch(name -> name.startsWith("scaledeck-ui-sampler"));
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> applied.size() == afterClose);
    }

    @Test
    void shouldRejectANonPositivePeriod() {
        assertThatThrownBy(() -> new Sampler<>(Duration.ZERO, () -> 1, x -> { }, Runnable::run))
                .hasMessage("period must be positive, but was PT0S");
    }
}
