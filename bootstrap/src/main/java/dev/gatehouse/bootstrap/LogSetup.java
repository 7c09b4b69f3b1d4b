package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.HashMap;
import java.util.Map;

/**
 * The server's logging, set up in code (no XML parsing at start, ADR 30), found by logback through
 * {@code META-INF/services}. {@code GATEHOUSE_LOG_FORMAT} (environment or system property) picks the
 * console encoder: {@code text} (default: one line per event, control characters in messages escaped
 * by {@link EscapedMessage}) or {@code json} (logback's {@code JsonEncoder}: one object per line); any
 * other value logs nothing. Root level INFO; Micronaut's environment, Flyway and Hikari at WARN. A
 * {@code logback.configurationFile} system property or a {@code logback-test.xml} on the class path
 * (tests) takes precedence: then logback's own configuration runs instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} request_id=%X{request_id:-} - %escapedMsg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, format());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static String format() {
        String format = System.getProperty("GATEHOUSE_LOG_FORMAT");
        if (format == null) {
            format = System.getenv("GATEHOUSE_LOG_FORMAT");
        }
        return format == null || format.isBlank() ? "text" : format.strip();
    }

    /** Configures {@code context} for {@code format} ({@code text} or {@code json}; anything else: no appender). */
    static void apply(LoggerContext context, String format) {
        context.getLogger("io.micronaut.context.env").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        Encoder<ILoggingEvent> encoder;
        if (format.equals("text")) {
            @SuppressWarnings("unchecked")
            Map<String, String> rules = (Map<String, String>) context.getObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
            if (rules == null) {
                rules = new HashMap<>();
                context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
            }
            rules.put("escapedMsg", EscapedMessage.class.getName());
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setContext(context);
            text.setPattern(PATTERN);
            text.start();
            encoder = text;
        } else if (format.equals("json")) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithArguments(false);
            json.setWithMessage(false);
            json.setWithFormattedMessage(true);
            json.start();
            encoder = json;
        } else {
            return; // no appender: nothing is logged, as documented
        }
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(format);
        console.setEncoder(encoder);
        console.start();
        root.addAppender(console);
    }
}
