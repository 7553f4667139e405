package dev.scaledeck.engine.backup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Which backups to keep: the last {@code last}, plus the newest of each of the most recent
 * {@code daily} days, {@code weekly} ISO weeks and {@code monthly} months that have a backup (as
 * restic's and borg's "forget" count them: periods without a backup do not use up a slot). The
 * newest verified backup is always kept, whatever the counts say. Each scope (a user, the full
 * database, base backups) is planned on its own. Immutable; thread-safe.
 *
 * @param last    newest backups kept regardless of age (at least 1)
 * @param daily   days kept, the newest backup of each
 * @param weekly  ISO weeks kept, the newest backup of each
 * @param monthly months kept, the newest backup of each
 */
public record RetentionPolicy(int last, int daily, int weekly, int monthly) {

    /** What the setting's default says: 7 last, 7 daily, 4 weekly, 6 monthly. */
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(7, 7, 4, 6);

    public RetentionPolicy {
        if (last < 1) {
            throw new IllegalArgumentException("last must be at least 1, not " + last);
        }
        if (daily < 0 || weekly < 0 || monthly < 0) {
            throw new IllegalArgumentException("daily, weekly and monthly must not be negative");
        }
    }

    /** One backup as retention sees it. */
    public record Candidate(String id, String scope, Instant createdAt, boolean verified) {
        public Candidate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /**
     * The outcome: every candidate is either kept, with the rules that keep it, or deleted.
     *
     * @param keep   id to the reasons it is kept ("last 3", "daily 2026-11-26", "newest verified")
     * @param delete ids no rule keeps, oldest first
     */
    public record Plan(Map<String, List<String>> keep, List<String> delete) {
        public Plan {
            keep = Map.copyOf(keep);
            delete = List.copyOf(delete);
        }
    }

    /** Plans over {@code candidates}, reading calendar days in {@code zone}. */
    public Plan plan(List<Candidate> candidates, ZoneId zone) {
        Map<String, List<String>> keep = new LinkedHashMap<>();
        List<String> delete = new ArrayList<>();
        Map<String, List<Candidate>> byScope = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            byScope.computeIfAbsent(c.scope(), s -> new ArrayList<>()).add(c);
        }
        for (List<Candidate> scope : byScope.values()) {
            List<Candidate> newestFirst = new ArrayList<>(scope);
            newestFirst.sort(Comparator.comparing(Candidate::createdAt).reversed().thenComparing(Candidate::id));
            Map<String, List<String>> kept = planScope(newestFirst, zone);
            keep.putAll(kept);
            for (int i = newestFirst.size() - 1; i >= 0; i--) {
                if (!kept.containsKey(newestFirst.get(i).id())) {
                    delete.add(newestFirst.get(i).id());
                }
            }
        }
        return new Plan(keep, delete);
    }

    private Map<String, List<String>> planScope(List<Candidate> newestFirst, ZoneId zone) {
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(last, newestFirst.size()); i++) {
            reason(kept, newestFirst.get(i), "last " + (i + 1));
        }
        newestPerPeriod(newestFirst, daily, c -> LocalDate.ofInstant(c.createdAt(), zone).toString(), "daily", kept);
        newestPerPeriod(newestFirst, weekly, c -> {
            LocalDate d = LocalDate.ofInstant(c.createdAt(), zone);
            return d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }, "weekly", kept);
        newestPerPeriod(newestFirst, monthly, c -> YearMonth.from(LocalDate.ofInstant(c.createdAt(), zone)).toString(),
                "monthly", kept);
        newestFirst.stream().filter(Candidate::verified).findFirst()
                .ifPresent(c -> reason(kept, c, "newest verified"));
        return kept;
    }

    private static void newestPerPeriod(List<Candidate> newestFirst, int periods, Function<Candidate, String> period,
                                        String rule, Map<String, List<String>> kept) {
        Set<String> seen = new LinkedHashSet<>();
        for (Candidate c : newestFirst) {
            if (seen.size() == periods) {
                return;
            }
            String p = period.apply(c);
            if (seen.add(p)) {
                reason(kept, c, rule + " " + p);
            }
        }
    }

    private static void reason(Map<String, List<String>> kept, Candidate c, String why) {
        kept.computeIfAbsent(c.id(), id -> new ArrayList<>()).add(why);
    }

    /**
     * Reads {@code last=7,daily=7,weekly=4,monthly=6}; keys may be left out (then 0, except
     * {@code last}, which defaults to 1).
     *
     * @throws IllegalArgumentException naming the part that is wrong and what is allowed
     */
    public static RetentionPolicy parse(String text) {
        Map<String, Integer> values = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq).trim();
            if (eq < 0 || !List.of("last", "daily", "weekly", "monthly").contains(key)) {
                throw new IllegalArgumentException("'" + p + "' is not one of last=N, daily=N, weekly=N, monthly=N");
            }
            if (values.containsKey(key)) {
                throw new IllegalArgumentException("'" + key + "' is given twice");
            }
            String number = p.substring(eq + 1).trim();
            int n;
            try {
                n = Integer.parseInt(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + p + "': " + key + " must be a whole number from 0 to 10000");
            }
            if (n < 0 || n > 10_000 || (key.equals("last") && n < 1)) {
                throw new IllegalArgumentException("'" + p + "': " + key + " must be a whole number from "
                        + (key.equals("last") ? 1 : 0) + " to 10000");
            }
            values.put(key, n);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no rule given; write e.g. last=7,daily=7,weekly=4,monthly=6");
        }
        return new RetentionPolicy(values.getOrDefault("last", 1), values.getOrDefault("daily", 0),
                values.getOrDefault("weekly", 0), values.getOrDefault("monthly", 0));
    }

    @Override
    public String toString() {
        return "last=" + last + ",daily=" + daily + ",weekly=" + weekly + ",monthly=" + monthly;
    }
}
