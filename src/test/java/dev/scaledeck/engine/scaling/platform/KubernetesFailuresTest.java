package dev.scaledeck.engine.scaling.platform;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesFailuresTest {

    private static final String API_SERVER = "https://10.0.0.1:6443/";

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
    void conflictsThrottlingAndServerErrorsShouldBeRetryable(int code) {
        assertThat(KubernetesFailures.of("scale Deployment shop/web to 4", API_SERVER, status(code, "busy")).retryable()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 422})
    void refusalsShouldNotBeRetryable(int code) {
        assertThat(KubernetesFailures.of("scale Deployment shop/web to 4", API_SERVER, status(code, "no")).retryable()).isFalse();
    }

    @Test
    void aTlsFailureShouldNotBeRetryable() {
        KubernetesClientException untrusted = new KubernetesClientException("An error has occurred.",
                new SSLHandshakeException("PKIX path building failed"));

        assertThat(KubernetesFailures.retryable(untrusted)).isFalse();
        assertThat(KubernetesFailures.reason(untrusted, API_SERVER))
                .isEqualTo("TLS with the API server at https://10.0.0.1:6443/ failed: PKIX path building failed");
    }

    @Test
    void transportFailuresAndTimeoutsShouldBeRetryable() {
        KubernetesClientException refused = new KubernetesClientException("An error has occurred.",
                new IOException("wrapped", new ConnectException("Connection refused")));
        KubernetesClientException timedOut = new KubernetesClientException("An error has occurred.",
                new HttpTimeoutException("request timed out"));
        KubernetesClientException waited = new KubernetesClientTimeoutException("Deployment", "web", "shop", 5, TimeUnit.SECONDS);

        assertThat(KubernetesFailures.retryable(refused)).isTrue();
        assertThat(KubernetesFailures.retryable(timedOut)).isTrue();
        assertThat(KubernetesFailures.retryable(waited)).isTrue();
        assertThat(KubernetesFailures.retryable(new KubernetesClientException("bad manifest"))).isFalse();
    }

    @Test
    void theReasonShouldBeTheServersMessageWithTheStatusOrTheRootCause() {
        PlatformException forbidden = KubernetesFailures.of("scale Deployment shop/web to 4", API_SERVER,
                status(403, "deployments.apps \"web\" is forbidden"));
        PlatformException refused = KubernetesFailures.of("read Deployment shop/web", API_SERVER,
                new KubernetesClientException("An error has occurred.", new IOException(new ConnectException("Connection refused"))));
        PlatformException timedOut = KubernetesFailures.of("read Deployment shop/web", API_SERVER,
                new KubernetesClientException("An error has occurred.", new HttpTimeoutException("request timed out")));
        PlatformException other = KubernetesFailures.of("read Deployment shop/web", API_SERVER,
                new KubernetesClientException("Operation failed.", new IllegalStateException("bad token file")));

        assertThat(forbidden).hasMessage("kubernetes: scale Deployment shop/web to 4 failed:"
                + " deployments.apps \"web\" is forbidden (HTTP 403)");
        assertThat(refused).hasMessage("kubernetes: read Deployment shop/web failed:"
                + " cannot connect to the API server at https://10.0.0.1:6443/: Connection refused");
        assertThat(timedOut).hasMessage("kubernetes: read Deployment shop/web failed:"
                + " the API server at https://10.0.0.1:6443/ did not answer in time");
        assertThat(other).hasMessage("kubernetes: read Deployment shop/web failed: bad token file (IllegalStateException)");
    }

    @Test
    void aStatusWithoutMessageShouldStillNameTheHttpCode() {
        KubernetesClientException e = new KubernetesClientException("Failure executing: GET", 500, null);

        assertThat(KubernetesFailures.reason(e, API_SERVER)).isEqualTo("(HTTP 500)");
    }

    private static KubernetesClientException status(int code, String message) {
        Status status = new StatusBuilder().withCode(code).withMessage(message).build();
        return new KubernetesClientException("Failure executing: PUT at: https://cluster/apis/... Message: " + message, code, status);
    }
}
