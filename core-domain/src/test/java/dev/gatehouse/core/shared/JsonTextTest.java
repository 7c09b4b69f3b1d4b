package dev.gatehouse.core.shared;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTest {
    @Test
    void writesPlainValuesCompactlyInIterationOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", List.of(true, "x", new BigDecimal("1.50")));
        m.put("n", null);
        m.put("at", Instant.parse("2026-01-15T10:30:00Z"));
        assertThat(JsonText.write(m)).isEqualTo("{\"b\":1,\"a\":[true,\"x\",1.50],\"n\":null,\"at\":\"2026-01-15T10:30:00Z\"}");
    }

    @Test
    void escapesWhatJsonAndJavaScriptNeedAndRefusesNonFiniteNumbers() {
        assertThat(JsonText.write("q\"b\\n\n\u0001\u2028")).isEqualTo("\"q\\\"b\\\\n\\n\\u0001\\u2028\"");
        assertThat(JsonText.write(Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, 2.5))).isEqualTo("[null,null,2.5]");
    }
}
