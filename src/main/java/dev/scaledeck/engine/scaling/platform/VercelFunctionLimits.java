package dev.scaledeck.engine.scaling.platform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The limits ScaleDeck sets for a group of Vercel functions, as they stand in
 * {@code vercel.json}: {@code functions.<glob>.maxDuration} and {@code .memory}, and the
 * project's {@code regions}. Immutable; validated when built.
 *
 * @param functions   the glob of the function files, e.g. {@code app/api/**}{@code /*.ts}
 * @param maxDuration the longest a function may run, in seconds ({@value #MIN_DURATION}..{@value #MAX_DURATION})
 * @param memory      the memory of each function in MB ({@value #MIN_MEMORY}..{@value #MAX_MEMORY}),
 *                    empty to leave it to Vercel (or to what vercel.json already says)
 * @param regions     the regions functions run in, e.g. {@code iad1}; empty to leave them as they are
 */
public record VercelFunctionLimits(String functions, int maxDuration, OptionalInt memory, List<String> regions) {

    public static final int MIN_DURATION = 1;
    /** The longest Vercel allows at all (Enterprise); smaller plans refuse more than their own limit on deploy. */
    public static final int MAX_DURATION = 900;
    public static final int MIN_MEMORY = 128;
    public static final int MAX_MEMORY = 3009;
    private static final Pattern REGION = Pattern.compile("[a-z]{3}[0-9]");

    /** @throws IllegalArgumentException naming the field, the value and the allowed range */
    public VercelFunctionLimits {
        if (functions == null || functions.isBlank()) {
            throw new IllegalArgumentException("functions must be a glob of function files such as"
                    + " app/api/**/*.ts, but was '" + functions + "'");
        }
        if (maxDuration < MIN_DURATION || maxDuration > MAX_DURATION) {
            throw new IllegalArgumentException("maxDuration must be between " + MIN_DURATION + " and " + MAX_DURATION
                    + " seconds, but was " + maxDuration);
        }
        memory = memory == null ? OptionalInt.empty() : memory;
        if (memory.isPresent() && (memory.getAsInt() < MIN_MEMORY || memory.getAsInt() > MAX_MEMORY)) {
            throw new IllegalArgumentException("memory must be between " + MIN_MEMORY + " and " + MAX_MEMORY
                    + " MB, but was " + memory.getAsInt());
        }
        regions = regions == null ? List.of() : List.copyOf(regions);
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("regions must be Vercel region ids such as iad1 or fra1,"
                        + " but held '" + region + "'");
            }
        }
        if (new HashSet<>(regions).size() != regions.size()) {
            throw new IllegalArgumentException("regions must not repeat a region, but were " + regions);
        }
    }

    /** Limits that set only {@code maxDuration}. */
    public VercelFunctionLimits(String functions, int maxDuration) {
        this(functions, maxDuration, OptionalInt.empty(), List.of());
    }

    /**
     * Writes these limits into {@code file} (a project's {@code vercel.json}), creating it when
     * missing. Every other key already there is kept, in its order; only
     * {@code functions.<glob>.maxDuration}, {@code .memory} (when set) and {@code regions} (when
     * set) change. The new file is written beside the old one and moved over it, so a crash
     * leaves the old file or the new one, never half of either.
     *
     * @return whether the file changed (false when it already held these limits)
     * @throws IOException naming the file when it is not valid JSON, does not hold a JSON
     *                     object, or cannot be read or written; the file is then left as it was
     */
    public boolean writeVercelJson(Path file) throws IOException {
        return VercelJsonFile.write(file, this);
    }
}
