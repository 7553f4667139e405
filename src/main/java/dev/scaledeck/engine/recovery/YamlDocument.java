package dev.scaledeck.engine.recovery;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.Optional;

/**
 * A runbook's text as a YAML node tree that keeps every value's line. Composing builds nodes
 * only, never Java objects, so a file cannot make the loader instantiate anything.
 */
final class YamlDocument {

    private YamlDocument() {
    }

    /** The file's top-level mapping; empty (with the problem recorded) when the file is not one. */
    static Optional<MappingNode> root(String yaml, Problems problems) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getContext() != null ? e.getContext() + ", " + e.getProblem() : e.getProblem();
            problems.add(mark == null ? 0 : mark.getLine() + 1, "", "not valid YAML: " + what);
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(0, "", "not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
        if (root == null || root instanceof ScalarNode && root.getTag().equals(Tag.NULL)) {
            problems.add(0, "", "the file is empty; a runbook needs id, name, signals, rpo, rto and steps");
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(YamlMap.line(root), "", "a runbook is a mapping of fields (id:, name:, steps: ...), not "
                    + YamlMap.kind(root));
            return Optional.empty();
        }
        return Optional.of(mapping);
    }
}
