package dev.gatehouse.core.entitlements;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodTest {
    private static Instant t(String s) {
        return Instant.parse(s);
    }

    @Test
    void monthsAreAnchoredToTheSubscriptionStartAndKeepTheDayOfMonth() {
        Instant anchor = t("2026-01-31T09:15:00Z");
        assertThat(Period.MONTH.windowAt(anchor, t("2026-02-10T00:00:00Z")))
                .isEqualTo(new Period.Window(anchor, t("2026-02-28T09:15:00Z")));
        assertThat(Period.MONTH.windowAt(anchor, t("2026-02-28T09:15:00Z")))
                .isEqualTo(new Period.Window(t("2026-02-28T09:15:00Z"), t("2026-03-31T09:15:00Z")));
        assertThat(Period.MONTH.windowAt(anchor, t("2026-04-30T09:14:59Z")).start()).isEqualTo(t("2026-03-31T09:15:00Z"));
        assertThat(Period.MONTH.windowAt(anchor, t("2027-02-01T00:00:00Z")).start()).isEqualTo(t("2027-01-31T09:15:00Z"));
    }

    @Test
    void daysWeeksAndYearsStepFromTheAnchor() {
        Instant anchor = t("2026-01-15T10:30:00Z");
        assertThat(Period.DAY.windowAt(anchor, t("2026-01-17T10:29:59Z")))
                .isEqualTo(new Period.Window(t("2026-01-16T10:30:00Z"), t("2026-01-17T10:30:00Z")));
        assertThat(Period.WEEK.windowAt(anchor, t("2026-01-29T10:30:00Z")).start()).isEqualTo(t("2026-01-29T10:30:00Z"));
        assertThat(Period.YEAR.windowAt(t("2024-02-29T00:00:00Z"), t("2025-03-01T00:00:00Z")))
                .isEqualTo(new Period.Window(t("2025-02-28T00:00:00Z"), t("2026-02-28T00:00:00Z")));
        assertThat(Period.DAY.windowAt(anchor, t("2026-01-01T00:00:00Z")).start()).as("a clock behind the anchor").isEqualTo(anchor);
    }

    @Test
    void noneIsOneWindowForever() {
        assertThat(Period.NONE.windowAt(t("2026-01-15T10:30:00Z"), t("2030-01-01T00:00:00Z")))
                .isEqualTo(new Period.Window(Instant.EPOCH, null));
    }
}
