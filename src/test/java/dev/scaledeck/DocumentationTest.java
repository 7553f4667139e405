package dev.scaledeck;

import dev.scaledeck.engine.config.ConfigLoader;
import dev.scaledeck.engine.config.ScalingConfig;
import dev.scaledeck.engine.config.Setting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The README and the example configuration say exactly what the code does. */
class DocumentationTest {

    @Test
    void readmeConfigurationTableShouldListEverySettingWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Setting.values()) {
            String shown = s.defaultValue().isEmpty() ? "(none)" : "`" + s.defaultValue() + "`";
            assertThat(readme).as("README row for %s", s.env())
                    .contains("| `" + s.env() + "` | `" + s.key() + "` | " + shown + " |");
        }
    }

    @Test
    void exampleConfigurationShouldLoadAndEqualTheDefaults() {
        ScalingConfig example = ConfigLoader.load(Path.of("resources/scaledeck.yaml"), Map.of("HOME", "/h"), Map.of());
        ScalingConfig defaults = ConfigLoader.load(null, Map.of("HOME", "/h"), Map.of());
        assertThat(example).isEqualTo(defaults);
    }
}
