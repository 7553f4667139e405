package dev.scaledeck.engine.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Builds a {@link ScalingConfig} from four layers, each overriding the one before:
 * defaults &lt; {@code scaledeck.yaml} &lt; environment &lt; flags ({@code --set key=value}).
 * Every value is validated here; the first bad one stops loading with a
 * {@link ConfigException} that names it. Thread-safe (stateless).
 */
public final class ConfigLoader {

    /** The file read when no {@code --config} is given, if it exists in the working directory. */
    public static final String DEFAULT_FILE = "scaledeck.yaml";

    /** Built on first use: most starts read no file, and the window's first frame waits for this class. */
    private static final class Mappers {
        static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
        static final ObjectMapper JSON = new ObjectMapper();
    }

    private ConfigLoader() {
    }

    /** Defaults only: what a fresh install runs with. */
    public static ScalingConfig defaults() {
        return load(null, Map.of(), Map.of());
    }

    /**
     * @param configFile an explicit {@code --config} file, or null to read {@value #DEFAULT_FILE}
     *                   from the working directory when it exists
     * @param env        environment variables (usually {@code System.getenv()})
     * @param flags      settings given on the command line, by {@link Setting#key()}
     */
    public static ScalingConfig load(Path configFile, Map<String, String> env, Map<String, String> flags) {
        Map<Setting, RawValue> raw = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            raw.put(s, new RawValue(s.defaultValue(), s.env() + " (default)"));
        }
        Path file = configFile;
        if (file == null && Files.isRegularFile(Path.of(DEFAULT_FILE))) {
            file = Path.of(DEFAULT_FILE);
        }
        if (file != null) {
            readYaml(file, raw);
        }
        for (Setting s : Setting.values()) {
            String value = env.get(s.env());
            if (value != null) {
                raw.put(s, new RawValue(value, s.env()));
            }
        }
        for (Map.Entry<String, String> flag : flags.entrySet()) {
            Setting s = Setting.byKey(flag.getKey()).orElseThrow(() -> unknownKey(flag.getKey(), "--set"));
            raw.put(s, new RawValue(flag.getValue(), "--set " + s.key()));
        }
        return new ConfigParser(raw, env).parse();
    }

    private static void readYaml(Path file, Map<Setting, RawValue> raw) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", file.toString(), "an existing YAML file (not found)");
        }
        JsonNode root;
        try {
            root = Mappers.YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : "";
            throw new ConfigException("Configuration file " + file + " is not valid YAML" + where + ": "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("Configuration file " + file + " cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("Configuration file " + file + " must be a YAML mapping of settings, not "
                    + root.getNodeType().name().toLowerCase());
        }
        flatten("", (ObjectNode) root, file, raw);
    }

    private static void flatten(String prefix, ObjectNode node, Path file, Map<Setting, RawValue> raw) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            var setting = Setting.byKey(key);
            if (setting.isEmpty() && value.isObject()) {
                flatten(key + ".", (ObjectNode) value, file, raw);
                continue;
            }
            Setting s = setting.orElseThrow(() -> unknownKey(key, file.toString()));
            String text = value.isContainerNode() ? toJson(value) : value.isNull() ? "" : value.asText();
            raw.put(s, new RawValue(text, s.key() + " (" + file + ")"));
        }
    }

    private static String toJson(JsonNode node) {
        try {
            return Mappers.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfigException unknownKey(String key, String where) {
        String suggestion = Setting.keys().stream()
                .filter(k -> Setting.normalise(k).equals(Setting.normalise(key))
                        || Setting.normalise(k).endsWith(Setting.normalise(key)))
                .findFirst()
                .map(k -> " (did you mean " + k + "?)")
                .orElse("");
        return new ConfigException(where, key, "unknown setting" + suggestion + "; known settings: "
                + String.join(", ", Setting.keys()));
    }
}
