package dev.scaledeck.ui.loadtest;

import dev.scaledeck.ui.common.Formats;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One instance's part of a cluster run's requests so far. Immutable; equal rows mean nothing
 * changed on screen.
 *
 * @param instance  the instance's id
 * @param requests  requests it served so far, e.g. {@code 1,234}
 * @param share     its share of all requests, 0..1
 * @param shareText {@code 33.3 %}
 */
public record InstanceShare(String instance, String requests, double share, String shareText) {

    /** The shares of {@code perInstance}, by instance id; empty for targets other than the cluster. */
    static List<InstanceShare> of(Map<String, Long> perInstance) {
        long all = perInstance.values().stream().mapToLong(Long::longValue).sum();
        return new TreeMap<>(perInstance).entrySet().stream().map(e -> {
            double share = all == 0 ? 0 : (double) e.getValue() / all;
            return new InstanceShare(e.getKey(), Formats.count(e.getValue()), share,
                    String.format(Locale.ROOT, "%.1f %%", 100 * share));
        }).toList();
    }
}
