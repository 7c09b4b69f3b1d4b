package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.gatehouse.core.shared.Text;

/**
 * {@code %escapedMsg} in the text log format: the message with control characters escaped
 * ({@code \r}, {@code \n}, {@code \}{@code uXXXX}), so input quoted in a message (a name, a path)
 * cannot end the line and forge the next one. The JSON format escapes by being JSON.
 */
public final class EscapedMessage extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Text.escapeControls(super.convert(event));
    }
}
