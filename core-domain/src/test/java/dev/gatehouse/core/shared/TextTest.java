package dev.gatehouse.core.shared;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTest {
    @Test
    void singleLineTextRefusesEveryControlCharacter() {
        for (String bad : List.of("a\u0000b", "line\nbreak", "cr\rlf", "tab\t", "\u001b[31m", "del\u007f", "c1\u0085", "\u009f")) {
            assertThat(Text.singleLineProblem(bad)).as(bad).contains(Text.CONTROL);
        }
        assertThat(Text.singleLineProblem("Ünïcödé name – 名前 😀")).isEmpty();
        assertThat(Text.singleLineProblem(null)).isEmpty();
    }

    @Test
    void multiLineTextAllowsTabAndLineBreaksOnly() {
        assertThat(Text.multiLineProblem("first line\r\nsecond\tline")).isEmpty();
        assertThat(Text.multiLineProblem("nul\u0000")).contains(Text.CONTROL_MULTI_LINE);
        assertThat(Text.multiLineProblem("bell\u0007")).contains(Text.CONTROL_MULTI_LINE);
    }

    @Test
    void unpairedSurrogatesAreRefused() {
        assertThat(Text.singleLineProblem("a\ud800b")).contains(Text.UNPAIRED);
        assertThat(Text.singleLineProblem("\udc00")).contains(Text.UNPAIRED);
        assertThat(Text.singleLineProblem("pair \ud83d\ude00")).isEmpty();
    }

    @Test
    void dataIsCheckedAtEveryDepthKeysIncluded() {
        assertThat(Text.dataProblem(Map.of("a", List.of(1, true, Map.of("b", "ok"))))).isEmpty();
        assertThat(Text.dataProblem(Map.of("a", List.of(Map.of("b", "x\u0000"))))).contains(Text.CONTROL);
        assertThat(Text.dataProblem(Map.of("k\u0000", 1))).contains(Text.CONTROL);
    }

    @Test
    void aListQueryWithAControlCharacterInItsFiltersCannotBeMade() {
        assertThatThrownBy(() -> new ListQuery(PageRequest.first(), null, null, null, null, "x\u0000", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListQuery(PageRequest.first(), null, null, null, null, null, "active\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapingForLogsLeavesNoLineBreakOrControlCharacter() {
        String forged = "Acme\r\n2026-01-01T00:00:00Z INFO forged\u0000\u001b\t\u2028";
        String escaped = Text.escapeControls(forged);
        assertThat(escaped).isEqualTo("Acme\\r\\n2026-01-01T00:00:00Z INFO forged\\u0000\\u001b\\t\\u2028");
        assertThat(escaped.chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL);
        assertThat(Text.escapeControls("plain – 名前")).isEqualTo("plain – 名前");
    }
}
