package dev.scaledeck.engine.scaling.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VercelPlatformTest {

    private final VercelPlatform platform = new VercelPlatform();

    @Test
    void shouldSayVercelScalesByItself() {
        assertThat(platform.name()).isEqualTo("vercel");
        assertThat(platform.managedScaling())
                .contains("Vercel scales functions by itself; ScaleDeck writes the function limits to vercel.json");
    }

    @Test
    void shouldRefuseAReplicaCountWithTheSameSentence() {
        assertThatThrownBy(() -> platform.scaleTo(3))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage(platform.managedScaling().orElseThrow());
    }

    @Test
    void shouldReportNoReplicasAndNoInstances() {
        assertThat(platform.replicas()).isEqualTo(new ReplicaStatus(0, 0));
        assertThat(platform.replicas().pending()).isZero();
        assertThat(platform.instances()).isEmpty();
        assertThat(platform.discoversInstances()).isFalse();
    }
}
