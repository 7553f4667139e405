package dev.scaledeck.engine.scaling.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The mapper for JSON that is read, changed in one place and written back (a Swarm service spec,
 * a vercel.json): decimals stay exactly as written ({@code 0.10} does not become {@code 0.1}),
 * large integers stay integers. Thread-safe.
 */
final class ExactJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private ExactJson() {
    }
}
