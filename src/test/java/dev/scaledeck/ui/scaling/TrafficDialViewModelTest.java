package dev.scaledeck.ui.scaling;

import dev.scaledeck.embedded.AmbientTraffic;
import dev.scaledeck.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The Scaling view's sample-traffic dial over a real background traffic generator. */
class TrafficDialViewModelTest {

    private final TrafficDialViewModel vm = new TrafficDialViewModel(new CurrentThreadTaskExecutor());

    @Test
    void shouldBeHiddenWithoutADial() {
        vm.use(null);

        assertThat(vm.availableProperty().get()).isFalse();
        vm.rateTextProperty().set("50");
        assertThat(vm.canSetProperty().get()).isFalse();
    }

    @Test
    void shouldValidateAsYouTypeAndTurnTheRealTrafficUpAndOff() {
        AtomicInteger sent = new AtomicInteger();
        try (AmbientTraffic traffic = AmbientTraffic.through(0, (method, path, body) -> {
            sent.incrementAndGet();
            return CompletableFuture.completedFuture(200);
        })) {
            traffic.start();
            vm.use(traffic);
            assertThat(vm.availableProperty().get()).isTrue();
            assertThat(vm.rateTextProperty().get()).isEqualTo("0");
            assertThat(vm.currentProperty().get()).isEqualTo("off");
            assertThat(vm.canSetProperty().get()).as("nothing to change").isFalse();

            vm.rateTextProperty().set("lots");
            assertThat(vm.messageProperty().get().text()).isEqualTo("Type requests per second from 0 to 1000, not 'lots'");
            assertThat(vm.canSetProperty().get()).isFalse();
            vm.rateTextProperty().set("5000");
            assertThat(vm.canSetProperty().get()).isFalse();

            vm.rateTextProperty().set("100");
            assertThat(vm.messageProperty().get().text()).isEmpty();
            vm.set();

            assertThat(traffic.rate()).isEqualTo(100);
            assertThat(vm.currentProperty().get()).isEqualTo("100 requests/s now");
            assertThat(vm.messageProperty().get().text()).isEqualTo("Sending 100 requests/s through the balancer.");
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.get() >= 20);

            vm.rateTextProperty().set("0");
            vm.set();
            assertThat(traffic.rate()).isZero();
            assertThat(vm.messageProperty().get().text()).isEqualTo("Background traffic is off.");
        }
    }
}
