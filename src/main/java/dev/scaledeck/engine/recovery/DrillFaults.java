package dev.scaledeck.engine.recovery;

import dev.scaledeck.engine.ScalingEngine;

import java.util.Optional;

/** Makes the {@link FaultDrill} for a plan's fault on this engine. */
public final class DrillFaults {

    private DrillFaults() {
    }

    /**
     * @param database the database server when the environment manages it (needed for database-down)
     * @throws IllegalStateException naming what is missing when this fault cannot be drilled here
     */
    public static FaultDrill create(DrillFault fault, ScalingEngine engine, Optional<ManagedDatabase> database) {
        throw new UnsupportedOperationException("not written yet"); // replaced by the drill faults' change
    }
}
