package dev.scaledeck.cli;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.scaledeck.engine.config.DatabaseUrl;

/** {@code %maskedEx}: a stack trace with any database password in its messages masked. */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return DatabaseUrl.maskPasswords(super.throwableProxyToString(proxy));
    }
}
