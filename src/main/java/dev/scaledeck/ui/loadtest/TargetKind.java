package dev.scaledeck.ui.loadtest;

/** What a load test from the window sends its requests to, with the text the form starts with. */
public enum TargetKind {
    URL("URL", "http://127.0.0.1:8080/", "url"),
    CLUSTER("Cluster path", "/api/projects?user=1", "cluster"),
    SQL("SQL statement", "SELECT 1", "sql");

    private final String label;
    private final String example;
    private final String slug;

    TargetKind(String label, String example, String slug) {
        this.label = label;
        this.example = example;
        this.slug = slug;
    }

    /** As the form's choice reads: {@code Cluster path}. */
    public String label() {
        return label;
    }

    /** What the target field holds until the operator types something else. */
    public String example() {
        return example;
    }

    /** For run names: {@code cluster}. */
    String slug() {
        return slug;
    }

    @Override
    public String toString() {
        return label;
    }
}
