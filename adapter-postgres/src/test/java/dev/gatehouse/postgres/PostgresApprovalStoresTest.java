package dev.gatehouse.postgres;

import dev.gatehouse.core.approvals.AccessPolicies;
import dev.gatehouse.core.approvals.AccessRequests;
import dev.gatehouse.core.approvals.Workflows;
import dev.gatehouse.core.contract.ApprovalStoresContract;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The approval stores' contract against PostgreSQL, through the beans of {@link PostgresStores}. */
class PostgresApprovalStoresTest extends ApprovalStoresContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected AccessRequests requests() {
        return BEANS.fresh(dev.gatehouse.core.approvals.ApprovalStores.class).accessRequests();
    }

    @Override
    protected AccessPolicies policies() {
        return BEANS.bean(dev.gatehouse.core.approvals.ApprovalStores.class).accessPolicies();
    }

    @Override
    protected Workflows workflows() {
        return BEANS.bean(dev.gatehouse.core.approvals.ApprovalStores.class).workflows();
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }
}
