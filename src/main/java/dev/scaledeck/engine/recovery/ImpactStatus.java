package dev.scaledeck.engine.recovery;

/** One word for a plan's impact, as the summary of {@link ImpactReport} shows it. */
public enum ImpactStatus {
    /** Verified backup within the RPO, and the last drill recovered within the RTO. */
    OK("OK"),
    /** More data at risk than the RPO allows (or no verified backup), or the last drill took longer than the RTO. */
    AT_RISK("AT RISK"),
    /** The data is safe enough, but nobody knows how long the recovery takes. */
    NOT_DRILLED("NOT DRILLED");

    private final String label;

    ImpactStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** AT RISK before NOT DRILLED: data at risk now is the more urgent news. */
    public static ImpactStatus of(PlanImpact impact) {
        if (!impact.rpoMet() || (!impact.neverDrilled() && !impact.rtoMet())) {
            return AT_RISK;
        }
        return impact.neverDrilled() ? NOT_DRILLED : OK;
    }
}
