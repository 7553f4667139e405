package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Set;

/** Merges {@link VercelFunctionLimits} into a {@code vercel.json} and replaces it atomically. Stateless. */
final class VercelJsonFile {

    /** Numbers the operator wrote go back as written (no 1.50 becoming 1.5). */
    private static final ObjectMapper JSON = ExactJson.MAPPER;
    /** Two spaces and {@code "key": value}, as editors and {@code JSON.stringify(v, null, 2)} write it. */
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private VercelJsonFile() {
    }

    static boolean write(Path file, VercelFunctionLimits limits) throws IOException {
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath();
        boolean exists = Files.exists(target);
        ObjectNode root = exists ? read(target) : JSON.createObjectNode();
        ObjectNode before = root.deepCopy();
        merge(target, root, limits);
        if (exists && root.equals(before)) {
            return false;
        }
        replace(target, (PRETTY.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8), exists);
        return true;
    }

    private static ObjectNode read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.createObjectNode(); // an empty file holds no settings to keep
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IOException(file + " is not valid JSON" + where + ": " + e.getOriginalMessage()
                    + "; it was left unchanged", e);
        }
        return object(file, "the top level", root);
    }

    private static void merge(Path file, ObjectNode root, VercelFunctionLimits limits) throws IOException {
        JsonNode functions = root.path("functions");
        ObjectNode allFunctions = functions.isMissingNode() ? root.putObject("functions")
                : object(file, "\"functions\"", functions);
        JsonNode entry = allFunctions.path(limits.functions());
        ObjectNode function = entry.isMissingNode() ? allFunctions.putObject(limits.functions())
                : object(file, "\"functions\".\"" + limits.functions() + "\"", entry);
        function.put("maxDuration", limits.maxDuration());
        limits.memory().ifPresent(mb -> function.put("memory", mb));
        if (!limits.regions().isEmpty()) {
            root.putArray("regions").addAll(limits.regions().stream().map(JSON.getNodeFactory()::textNode).toList());
        }
    }

    private static ObjectNode object(Path file, String what, JsonNode node) throws IOException {
        if (!node.isObject()) {
            throw new IOException(file + ": " + what + " must be a JSON object, but is " + node.getNodeType()
                    .toString().toLowerCase(Locale.ROOT) + "; the file was left unchanged");
        }
        return (ObjectNode) node;
    }

    /** Writes beside the file, flushes to disk, then renames over it: readers see old or new, never half. */
    private static void replace(Path target, byte[] content, boolean exists) throws IOException {
        if (!Files.isDirectory(target.getParent())) {
            throw new IOException("cannot write " + target + ": the directory " + target.getParent()
                    + " does not exist");
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            keepPermissions(exists ? target : null, temporary);
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
            throw new IOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** A temporary file is private (rw-------); vercel.json keeps its mode, or gets rw-r--r-- when new. */
    private static void keepPermissions(Path original, Path temporary) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (view != null) {
            view.setPermissions(original == null ? NEW_FILE : Files.getPosixFilePermissions(original));
        }
    }
}
