package dev.gatehouse.core.contract;

import dev.gatehouse.core.entitlements.Allowance;
import dev.gatehouse.core.entitlements.EntitlementOverride;
import dev.gatehouse.core.entitlements.EntitlementOverrides;
import dev.gatehouse.core.entitlements.Period;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link EntitlementOverrides} shows: one override per organization and feature, replaced by put. */
public abstract class EntitlementOverridesContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000031"));
    static final OrganizationId GLOBEX = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000032"));

    protected abstract EntitlementOverrides overrides();

    protected abstract Transactions tx();

    private EntitlementOverrides overrides;

    @BeforeEach
    void fresh() {
        overrides = overrides();
    }

    private void put(EntitlementOverride o) {
        tx().inTransaction(() -> {
            overrides.put(o);
            return null;
        });
    }

    @Test
    void storesReplacesAndListsByFeature() {
        assertThat(overrides.get(ACME, "api_calls")).isEmpty();
        put(new EntitlementOverride(ACME, "api_calls", new Allowance(true, 500L, Period.DAY, true), at(0), "usr_admin"));
        put(new EntitlementOverride(ACME, "sso", new Allowance(true, null, Period.NONE, false), at(1), "usr_admin"));
        put(new EntitlementOverride(GLOBEX, "members", new Allowance(true, null, Period.NONE, false), at(1), "usr_admin"));
        var got = overrides.get(ACME, "api_calls").orElseThrow();
        assertThat(got.allowance()).isEqualTo(new Allowance(true, 500L, Period.DAY, true));
        assertThat(got.updatedAt()).isEqualTo(at(0));
        assertThat(got.updatedBy()).isEqualTo("usr_admin");
        put(new EntitlementOverride(ACME, "api_calls", new Allowance(false, 0L, Period.MONTH, false), at(2), "usr_other"));
        assertThat(overrides.get(ACME, "api_calls").orElseThrow().allowance()).isEqualTo(new Allowance(false, 0L, Period.MONTH, false));
        assertThat(overrides.of(ACME)).extracting(EntitlementOverride::feature).containsExactly("api_calls", "sso");
        assertThat(overrides.get(ACME, "sso").orElseThrow().allowance().limit()).isNull();
    }
}
