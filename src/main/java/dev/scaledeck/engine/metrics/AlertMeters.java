package dev.scaledeck.engine.metrics;

import dev.scaledeck.engine.alert.Alert;
import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.alert.Severity;
import io.micrometer.core.instrument.Tags;

import java.util.List;
import java.util.Map;

/** Active alerts by severity (every severity has a series, 0 when none is active). */
final class AlertMeters implements MeterGroup {

    private final AlertCenter alerts;
    private final MeterFamily active;

    AlertMeters(Families f, AlertCenter alerts) {
        this.alerts = alerts;
        active = f.gauge("alerts.active", "Alerts active now, by severity");
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public void refresh() {
        List<Alert> now = alerts.active();
        Map<Tags, Double> bySeverity = Families.series();
        for (Severity s : Severity.values()) {
            bySeverity.put(Tags.of("severity", Families.label(s)),
                    (double) now.stream().filter(a -> a.severity() == s).count());
        }
        active.set(bySeverity);
    }
}
