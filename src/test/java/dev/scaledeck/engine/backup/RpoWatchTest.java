package dev.scaledeck.engine.backup;

import dev.scaledeck.engine.alert.AlertCenter;
import dev.scaledeck.engine.event.EventJournal;
import dev.scaledeck.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RpoWatchTest {

    private final MutableClock clock = new MutableClock();
    private final EventJournal journal = new EventJournal(100, null);
    private final AlertCenter alerts = new AlertCenter(clock, journal, 10);
    private final RpoWatch watch = new RpoWatch(Duration.ofHours(25), alerts, clock);

    @Test
    void aScopeOverTheRpoOrWithoutAVerifiedBackupShouldRaiseItsAlertAndClearWhenBackUnder() {
        Instant now = clock.instant();
        Map<String, Optional<Instant>> newest = new LinkedHashMap<>();
        newest.put("full", Optional.of(now.minus(Duration.ofHours(26))));
        newest.put("user:42", Optional.of(now.minus(Duration.ofHours(2))));
        newest.put("base", Optional.empty());

        List<RpoWatch.Status> statuses = watch.check(newest);

        assertThat(statuses).extracting(RpoWatch.Status::exceeded).containsExactly(true, false, true);
        assertThat(statuses.get(0).describe()).isEqualTo("full: newest verified backup 1d 2h old, over the RPO of 25h");
        assertThat(statuses.get(1).describe()).isEqualTo("user:42: newest verified backup 2h old, within the RPO of 25h");
        assertThat(statuses.get(2).describe()).isEqualTo("base: no verified backup yet (RPO 25h)");
        assertThat(alerts.isActive("backup.rpo.full")).isTrue();
        assertThat(alerts.isActive("backup.rpo.user:42")).isFalse();
        assertThat(alerts.isActive("backup.rpo.base")).isTrue();

        newest.put("full", Optional.of(now.minus(Duration.ofMinutes(1))));
        watch.check(newest);

        assertThat(alerts.isActive("backup.rpo.full")).isFalse();
        assertThat(alerts.history()).extracting(a -> a.key()).containsExactly("backup.rpo.full");
    }

    @Test
    void theAlertShouldComeWhenTheNewestBackupAgesPastTheRpo() {
        Map<String, Optional<Instant>> newest = Map.of("full", Optional.of(clock.instant()));
        watch.check(newest);
        assertThat(alerts.isActive("backup.rpo.full")).isFalse();

        clock.advance(Duration.ofHours(25).plusSeconds(1));
        watch.check(newest);

        assertThat(alerts.isActive("backup.rpo.full")).isTrue();
    }
}
