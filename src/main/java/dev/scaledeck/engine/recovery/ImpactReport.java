package dev.scaledeck.engine.recovery;

/** An impact assessment as a document an operator can hand to management. */
public final class ImpactReport {

    private ImpactReport() {
    }

    /** Markdown: a summary table, then one section per plan with its findings. */
    public static String markdown(ImpactAssessment assessment) {
        throw new UnsupportedOperationException("not written yet"); // replaced by the assessment's change
    }
}
