package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fault whose RPO is measured with marker rows ({@link DrillMarks}): one committed when the
 * drill is prepared and one right before the fault; the newest that survived says what was
 * lost. Subclasses say what the fault is and how to undo it. Not thread-safe: one run thread uses it.
 */
abstract class MarkedDrill implements FaultDrill {

    protected final ScalingEngine engine;
    private final DrillMarks marks;

    MarkedDrill(ScalingEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.marks = new DrillMarks(() -> engine.pool().database());
    }

    /** Checks that the fault can be injected here and notes what the cleanup needs; before any marker. */
    abstract void check() throws Exception;

    /** Injects the fault; returns when it took effect. */
    abstract void injectFault() throws Exception;

    /** Undoes what the plan left of the fault, one line per thing done; must not throw. */
    abstract void undo(List<String> done);

    @Override
    public final void prepare() throws Exception {
        check();
        marks.prepare();
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of();
    }

    @Override
    public final Instant inject() throws Exception {
        marks.write();
        injectFault();
        return engine.clock().instant();
    }

    @Override
    public final Rpo measureRpo() throws Exception {
        return marks.measure();
    }

    @Override
    public final List<String> cleanup() {
        List<String> done = new ArrayList<>();
        undo(done);
        done.add(marks.delete());
        return done;
    }
}
