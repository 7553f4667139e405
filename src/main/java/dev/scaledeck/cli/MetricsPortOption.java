package dev.scaledeck.cli;

import dev.scaledeck.engine.config.MetricsConfig;
import dev.scaledeck.engine.config.ScalingConfig;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --metrics-port P}, which the window and {@code serve} take: it overrides {@code metrics.port}. */
public final class MetricsPortOption {

    @Option(names = "--metrics-port", paramLabel = "PORT", converter = PortConverter.class,
            description = "Serve Prometheus metrics at http://127.0.0.1:PORT/metrics (address: metrics.bind; "
                    + "overrides metrics.port; 0: off).")
    Integer port;

    /** {@code config} with the port given on the command line, if one was. */
    ScalingConfig applyTo(ScalingConfig config) {
        return port == null ? config : config.withMetrics(config.metrics().withPort(port));
    }

    /** A whole number from 0 to 65535. */
    static final class PortConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int p = Integer.parseInt(value.trim());
                if (p >= 0 && p <= MetricsConfig.MAX_PORT) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            // picocli puts "Invalid value for option '--metrics-port': " in front.
            throw new TypeConversionException("'" + value + "' is not a port: a whole number from 0 to "
                    + MetricsConfig.MAX_PORT + " (0: off)");
        }
    }
}
