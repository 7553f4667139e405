package dev.scaledeck.engine.loadtest;

import java.net.URI;
import java.util.Objects;

/** What a load test sends its requests to. Immutable. */
public sealed interface LoadTarget {

    /** One line for reports: {@code http://127.0.0.1:8080/api}, {@code the cluster: GET /api/projects}, {@code SQL: SELECT 1}. */
    String describe();

    /** One HTTP URL, through the load generator's own connection pool. */
    record Url(URI url) implements LoadTarget {
        public Url {
            Objects.requireNonNull(url, "url");
            String scheme = url.getScheme();
            if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw new IllegalArgumentException("the target must be an http(s) URL with a host, such as "
                        + "http://127.0.0.1:8080/api, but was " + url);
            }
        }

        @Override
        public String describe() {
            return url.toString();
        }
    }

    /**
     * The application's instances through the engine's load balancer, so the test shows the
     * distribution across instances and exercises ejection and failover.
     *
     * @param pathAndQuery what each request asks for, e.g. {@code /api/projects?user=1}
     */
    record Cluster(String pathAndQuery) implements LoadTarget {
        public Cluster {
            Objects.requireNonNull(pathAndQuery, "pathAndQuery");
            if (!pathAndQuery.startsWith("/")) {
                throw new IllegalArgumentException("the cluster path must start with '/', such as /api/projects, but was '"
                        + pathAndQuery + "'");
            }
        }

        @Override
        public String describe() {
            return "the cluster: " + pathAndQuery;
        }
    }

    /** One SQL statement through the engine's connection pool: load on the database itself. */
    record Sql(String statement) implements LoadTarget {
        public Sql {
            Objects.requireNonNull(statement, "statement");
            if (statement.isBlank()) {
                throw new IllegalArgumentException("the SQL statement must not be empty");
            }
        }

        @Override
        public String describe() {
            return "SQL: " + statement;
        }
    }
}
