package dev.scaledeck.engine.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SizesTest {

    @Test
    void shouldPrintBytesWithOneDecimalInPowersOfAThousand() {
        assertThat(Sizes.human(0)).isEqualTo("0 B");
        assertThat(Sizes.human(999)).isEqualTo("999 B");
        assertThat(Sizes.human(1000)).isEqualTo("1.0 kB");
        assertThat(Sizes.human(16_640)).isEqualTo("16.6 kB");
        assertThat(Sizes.human(999_960)).isEqualTo("1.0 MB");
        assertThat(Sizes.human(166_100_000)).isEqualTo("166.1 MB");
        assertThat(Sizes.human(2_400_000_000L)).isEqualTo("2.4 GB");
        assertThat(Sizes.human(Long.MAX_VALUE)).isEqualTo("9.2 EB");
    }
}
