package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PodUtilizationTest {

    @ParameterizedTest
    @CsvSource({
            "250m, 0.25",
            "1, 1",
            "1.5, 1.5",
            "123456n, 0.000123456",
            "250000u, 0.25",
            "128Mi, 134217728",
            "1Gi, 1073741824",
            "500k, 500000",
            "2M, 2000000",
            "1e3, 1000"})
    void quantitiesShouldBeReadInBaseUnits(String quantity, String expected) {
        BigDecimal amount = PodUtilization.amount(Map.of("cpu", new Quantity(quantity)), "cpu");

        assertThat(amount).isEqualByComparingTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"memory", "ephemeral-storage"})
    void anAbsentQuantityShouldBeNull(String resource) {
        assertThat(PodUtilization.amount(Map.of("cpu", new Quantity("1")), resource)).isNull();
        assertThat(PodUtilization.amount(null, resource)).isNull();
    }
}
