package dev.gatehouse.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The server's logging set-up ({@link LogSetup}): input in a message cannot forge a log line, in the text and in the JSON format. */
class LogFormatTest {
    private static final String FORGED = "created organization Acme\r\n2026-01-01T00:00:00.000Z INFO  [main] forged - admin logged in\u0000";

    private static List<String> logWith(String format) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setProperty("GATEHOUSE_LOG_FORMAT", format);
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogSetup.apply(context, LogSetup.format());
            context.getLogger("dev.gatehouse.test").info("note: {}", FORGED);
        } finally {
            context.stop();
            System.setOut(original);
            System.clearProperty("GATEHOUSE_LOG_FORMAT");
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theTextFormatEscapesControlCharactersInMessages() throws Exception {
        List<String> lines = logWith("text");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("INFO").contains("Acme\\r\\n2026-01-01").endsWith("admin logged in\\u0000");
    }

    @Test
    void theJsonFormatWritesOneObjectPerEventWithTheExactMessage() throws Exception {
        List<String> lines = logWith("json");
        assertThat(lines).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("loggerName").asText()).isEqualTo("dev.gatehouse.test");
        assertThat(event.path("formattedMessage").asText()).isEqualTo("note: " + FORGED);
    }
}
