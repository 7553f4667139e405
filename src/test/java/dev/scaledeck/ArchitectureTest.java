package dev.scaledeck;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.scaledeck");

    @Test
    void engineShouldNotKnowTheWindowTheCommandLineOrTheEmbeddedEnvironment() {
        noClasses().that().resideInAPackage("dev.scaledeck.engine..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "dev.scaledeck.ui..", "dev.scaledeck.cli..", "dev.scaledeck.embedded..")
                .check(CLASSES);
    }

    @Test
    void embeddedEnvironmentShouldNotKnowTheWindowOrTheCommandLine() {
        noClasses().that().resideInAPackage("dev.scaledeck.embedded..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.scaledeck.ui..", "dev.scaledeck.cli..")
                .check(CLASSES);
    }

    @Test
    void commandLineShouldNotTouchJavaFxExceptThroughTheWindowEntry() {
        noClasses().that().resideInAPackage("dev.scaledeck.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }
}
