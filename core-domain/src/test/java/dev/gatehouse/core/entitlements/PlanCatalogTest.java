package dev.gatehouse.core.entitlements;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCatalogTest {
    private static String bundledText() throws Exception {
        try (var in = PlanCatalog.class.getResourceAsStream("/" + PlanCatalog.BUNDLED)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theBundledCatalogHasEveryTierAndTheProductFeatures() {
        PlanCatalog c = PlanCatalog.bundled();
        assertThat(c.plans()).extracting(Plan::tier).containsExactlyElementsOf(PlanCatalog.TIERS);
        assertThat(c.features().keySet()).contains("members", "projects", "api_keys", "webhooks", "api_calls", "storage");
        assertThat(c.feature("api_calls").orElseThrow().period()).isEqualTo(Period.MONTH);
        assertThat(c.plan("free").orElseThrow().allowance("members")).hasValue(new Allowance(true, 10L, Period.NONE, false));
        assertThat(c.plan("pro").orElseThrow().allowance("api_calls")).hasValue(new Allowance(true, 1_000_000L, Period.MONTH, true));
        assertThat(c.plan("enterprise").orElseThrow().allowance("members").orElseThrow().unlimited()).isTrue();
        assertThat(c.plan("free").orElseThrow().allowance("sso").orElseThrow().enabled()).isFalse();
        assertThat(c.plan("free").orElseThrow().allowance("audit_export")).as("not listed: not in the plan").isEmpty();
        // each tier gives at least as much of the product's own features as the one below
        for (String f : new String[]{"members", "projects", "api_keys", "webhooks", "api_calls", "storage"}) {
            long previous = -1;
            for (Plan p : c.plans()) {
                Allowance a = p.allowance(f).orElseThrow();
                long limit = a.limit() == null ? Long.MAX_VALUE : a.limit();
                assertThat(limit).as(p.tier() + " " + f).isGreaterThanOrEqualTo(previous);
                previous = limit;
            }
        }
    }

    @Test
    void valuesTakeSoftAndAPeriod() throws Exception {
        PlanCatalog c = PlanCatalog.parse(bundledText() + "\nfeature.exports.type = counter\nplan.free.exports = 5 soft per day\n"
                + "plan.pro.exports = 1_000\n", "test");
        assertThat(c.plan("free").orElseThrow().allowance("exports")).hasValue(new Allowance(true, 5L, Period.DAY, true));
        assertThat(c.plan("pro").orElseThrow().allowance("exports")).hasValue(new Allowance(true, 1000L, Period.NONE, false));
    }

    private static void broken(String text, String... expected) {
        assertThatThrownBy(() -> PlanCatalog.parse(text, "plans.properties"))
                .isInstanceOf(PlanCatalog.InvalidCatalog.class)
                .satisfies(e -> {
                    for (String s : expected) {
                        assertThat(e.getMessage()).contains(s);
                    }
                });
    }

    @Test
    void aBrokenFileNamesTheLineAndKey() throws Exception {
        String ok = bundledText();
        broken(ok + "\nplan.free.api_calls = 5\n", "line", "plan.free.api_calls", "given twice");
        broken("feature.members.type = gauge\n\nplan.free.members = lots\n", "line 3", "plan.free.members", "whole number");
        broken(ok + "\nplan.gold.members = 5\n", "plan.gold.members", "unknown tier 'gold'");
        broken(ok + "\nplan.free.widgets = 5\n", "plan.free.widgets", "unknown feature 'widgets'");
        broken(ok + "\nfeature.widgets.type = thing\n", "feature.widgets.type", "gauge, counter or boolean");
        broken(ok + "\nfeature.widgets.type = gauge\nfeature.widgets.period = month\n", "feature.widgets.period", "only counters reset");
        broken(ok + "\nfeature.widgets.type = boolean\nplan.free.widgets = 3\n", "plan.free.widgets", "true or false");
        broken(ok + "\nfeature.widgets.type = counter\nplan.free.widgets = 3 per fortnight\n", "unknown period 'fortnight'");
        broken(ok + "\nfeature.widgets.type = counter\nplan.free.widgets = 3 hard\n", "unexpected 'hard'");
        broken(ok + "\nfeature.widgets.type = counter\nplan.free.widgets = -3\n", "must not be negative");
        broken(ok + "\nthis line has no separator\n", "expected 'key = value'");
        broken(ok + "\nlimits.free = 3\n", "limits.free", "unknown key");
        broken(ok.replace("plan.agency.name = Agency", ""), "plan.agency.name", "is missing");
        broken(ok.replace("feature.storage.type = gauge", "feature.storage.type = counter"), "feature.storage.type", "gauge");
        broken(ok + "\nfeature.Bad-Key.type = gauge\n", "feature.Bad-Key.type", "lower case");
    }

    @Test
    void anUnreadableFileIsReportedWithItsPath() {
        assertThatThrownBy(() -> PlanCatalog.load(java.nio.file.Path.of("/nonexistent/plans.properties")))
                .isInstanceOf(PlanCatalog.InvalidCatalog.class).hasMessageContaining("/nonexistent/plans.properties");
    }
}
