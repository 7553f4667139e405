package dev.scaledeck.engine.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.scaledeck.engine.config.Durations.human;
import static dev.scaledeck.engine.config.Durations.measured;

/**
 * An impact assessment as a document an operator can hand to management: a summary table, then
 * one section per plan with its services, user groups, findings and what to do. The same content
 * as Markdown ({@link #markdown}) and as aligned plain text for a terminal ({@link #text}). Stateless.
 */
public final class ImpactReport {

    private static final List<String> COLUMNS = List.of("Plan", "Users affected", "Data at risk / RPO target",
            "Expected downtime / RTO target", "Cost of expected downtime", "Status");
    private static final String EXPLANATION = "Data at risk is the age of the newest verified full backup; the "
            + "expected downtime is the RTO the plan's last successful drill measured.";

    private ImpactReport() {
    }

    /** Markdown: a summary table, then one section per plan with its findings. */
    public static String markdown(ImpactAssessment assessment) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title(assessment)).append("\n\n").append(EXPLANATION).append("\n\n");
        if (assessment.plans().isEmpty()) {
            return md.append("No recovery plans are loaded.\n").toString();
        }
        md.append(markdownRow(COLUMNS));
        md.append("|---|---:|---|---|---:|---|\n");
        for (PlanImpact p : assessment.plans()) {
            md.append(markdownRow(summary(p.planName() + " (`" + p.planId() + "`)", p)));
        }
        for (PlanImpact p : assessment.plans()) {
            md.append("\n## ").append(p.planName()).append(" (`").append(p.planId()).append("`): ")
                    .append(ImpactStatus.of(p).label()).append("\n\n");
            details(p).forEach((label, value) -> md.append("- **").append(label).append(":** ").append(value).append('\n'));
            md.append("\n### Findings\n\n");
            p.findings().forEach(f -> md.append("- ").append(f).append('\n'));
            md.append("\n### What to do\n\n");
            List<String> actions = ImpactActions.of(p, assessment.at());
            for (int i = 0; i < actions.size(); i++) {
                md.append(i + 1).append(". ").append(actions.get(i)).append('\n');
            }
        }
        return md.toString();
    }

    /** Aligned plain text for a terminal: the same content as {@link #markdown}, without Markdown syntax. */
    public static String text(ImpactAssessment assessment) {
        StringBuilder out = new StringBuilder();
        out.append(title(assessment)).append("\n\n").append(EXPLANATION).append("\n\n");
        if (assessment.plans().isEmpty()) {
            return out.append("No recovery plans are loaded.\n").toString();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS);
        assessment.plans().forEach(p -> rows.add(summary(p.planId(), p)));
        out.append(aligned(rows));
        for (PlanImpact p : assessment.plans()) {
            out.append('\n').append(p.planName()).append(" (").append(p.planId()).append("): ")
                    .append(ImpactStatus.of(p).label()).append('\n');
            Map<String, String> details = details(p);
            int width = details.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            details.forEach((label, value) -> out.append("  ").append(pad(label + ":", width)).append(value).append('\n'));
            out.append("  Findings:\n");
            p.findings().forEach(f -> out.append("    - ").append(f).append('\n'));
            out.append("  What to do:\n");
            List<String> actions = ImpactActions.of(p, assessment.at());
            for (int i = 0; i < actions.size(); i++) {
                out.append("    ").append(i + 1).append(". ").append(actions.get(i)).append('\n');
            }
        }
        return out.toString();
    }

    private static String title(ImpactAssessment assessment) {
        return "Business impact assessment, " + ImpactFindings.utc(assessment.at());
    }

    /** The summary table's row: the plan as given, then the figures. */
    private static List<String> summary(String plan, PlanImpact p) {
        String users = p.affectedUsers().isPresent() ? String.format(Locale.ROOT, "%,d", p.affectedUsers().getAsLong())
                : "unknown";
        String risk = p.dataAtRisk().map(d -> human(d)).orElse("no verified backup") + " / " + human(p.rpoTarget());
        String downtime = p.measuredRto().map(d -> measured(d)).orElse("not drilled") + " / " + human(p.rtoTarget());
        return List.of(plan, users, risk, downtime, expectedCost(p), ImpactStatus.of(p).label());
    }

    private static String expectedCost(PlanImpact p) {
        if (p.costPerHour() == 0) {
            return "not given";
        }
        return p.expectedCost().map(c -> money(c, p.currency()))
                .orElse("unknown (" + money(p.costPerHour(), p.currency()) + " per hour)");
    }

    private static Map<String, String> details(PlanImpact p) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("Services", p.services().isEmpty() ? "none named" : String.join(", ", p.services()));
        d.put("User groups", p.userGroups().isEmpty() ? "none named" : String.join(", ", p.userGroups()));
        d.put("Users affected", (p.affectedUsers().isPresent()
                ? String.format(Locale.ROOT, "%,d; ", p.affectedUsers().getAsLong()) : "") + p.usersNote());
        d.put("Newest verified backup", p.newestVerifiedBackup().map(ImpactFindings::utc).orElse("none"));
        d.put("Last successful drill", p.lastDrill().map(ImpactFindings::utc).orElse("never"));
        d.put("Cost of downtime", p.costPerHour() == 0 ? "not given"
                : money(p.costPerHour(), p.currency()) + " per hour");
        return d;
    }

    private static String money(double amount, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", amount, currency);
    }

    private static String markdownRow(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        cells.forEach(c -> row.append(' ').append(c.replace("|", "\\|")).append(" |"));
        return row.append('\n').toString();
    }

    /** Columns padded to their widest cell, two spaces apart; the last column is not padded. */
    private static String aligned(List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(r -> {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (List<String> r : rows) {
            for (int i = 0; i < r.size() - 1; i++) {
                out.append(pad(r.get(i), widths[i] + 2));
            }
            out.append(r.get(r.size() - 1)).append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
