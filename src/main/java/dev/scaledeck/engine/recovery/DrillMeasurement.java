package dev.scaledeck.engine.recovery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a drill measured. Immutable.
 *
 * @param fault       what was injected
 * @param faultAt     when the fault was injected
 * @param detectedAt  when the engine saw the scenario's signals (empty when it did not within the run)
 * @param recoveredAt when the plan's last step finished with the service back
 * @param rto         {@code recoveredAt - faultAt}: the downtime measured
 * @param rpo         the data lost, measured as the plan's fault defines it (see {@code rpoBasis})
 * @param rpoBasis    how the RPO was measured, in one line
 * @param rtoTarget   the plan's target
 * @param rpoTarget   the plan's target
 */
public record DrillMeasurement(DrillFault fault, Instant faultAt, Optional<Instant> detectedAt, Instant recoveredAt,
                               Duration rto, Duration rpo, String rpoBasis, Duration rtoTarget, Duration rpoTarget) {

    public DrillMeasurement {
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(faultAt, "faultAt");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(recoveredAt, "recoveredAt");
        Objects.requireNonNull(rto, "rto");
        Objects.requireNonNull(rpo, "rpo");
        Objects.requireNonNull(rpoBasis, "rpoBasis");
        Objects.requireNonNull(rtoTarget, "rtoTarget");
        Objects.requireNonNull(rpoTarget, "rpoTarget");
    }

    public boolean rtoMet() {
        return rto.compareTo(rtoTarget) <= 0;
    }

    public boolean rpoMet() {
        return rpo.compareTo(rpoTarget) <= 0;
    }
}
