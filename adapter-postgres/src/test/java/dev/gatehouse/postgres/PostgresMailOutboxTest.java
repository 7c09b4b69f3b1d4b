package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.MailOutboxContract;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.shared.Transactions;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link MailOutbox} contract against PostgreSQL, through the beans of {@link PostgresMailStores}. */
class PostgresMailOutboxTest extends MailOutboxContract {
    @RegisterExtension
    static final AdapterBeans BEANS = AdapterBeans.onFreshDatabase();

    @Override
    protected MailOutbox outbox() {
        return BEANS.fresh(MailOutbox.class);
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }
}
