package dev.scaledeck.ui;

import javafx.css.CssParser;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build compiles the window's stylesheet to {@code scaledeck.bss} (pom: binary-stylesheet),
 * which JavaFX loads in place of {@code scaledeck.css}: it must be there and say what the CSS says.
 */
class BinaryStylesheetTest {

    private static final String CSS = "/dev/scaledeck/ui/scaledeck.css";

    @Test
    void shouldShipTheStylesheetInBinaryFormWithTheSameRulesAsTheCss() throws Exception {
        URL css = BinaryStylesheetTest.class.getResource(CSS);
        URL bss = BinaryStylesheetTest.class.getResource(CSS.replace(".css", ".bss"));
        assertThat(bss).as("scaledeck.bss next to scaledeck.css").isNotNull();

        List<Rule> parsed = new CssParser().parse(css).getRules();
        List<Rule> compiled = Stylesheet.loadBinary(bss).getRules();

        assertThat(compiled).hasSameSizeAs(parsed);
        for (int i = 0; i < parsed.size(); i++) {
            assertThat(compiled.get(i).getSelectors()).as("rule %d", i).hasToString(parsed.get(i).getSelectors().toString());
            assertThat(compiled.get(i).getDeclarations()).as("rule %d", i).hasToString(parsed.get(i).getDeclarations().toString());
        }
    }
}
