package dev.scaledeck.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.scaledeck.engine.config.DatabaseUrl;

/**
 * {@code %maskedMsg}: the log message with any database password masked, a safety net under the
 * rule that code logs only masked URLs (a driver's or a library's message may still quote one).
 */
public final class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return DatabaseUrl.maskPasswords(super.convert(event));
    }
}
