package dev.gatehouse.postgres;

import dev.gatehouse.core.contract.MailOutboxContract;
import dev.gatehouse.core.mail.MailOutbox;
import dev.gatehouse.core.shared.Transactions;
import dev.gatehouse.postgres.testing.TestPostgres;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link MailOutbox} contract against PostgreSQL, through the beans of {@link PostgresMailStores}. */
class PostgresMailOutboxTest extends MailOutboxContract {
    @RegisterExtension
    @Order(1)
    static final TestPostgres POSTGRES = new TestPostgres();
    @RegisterExtension
    @Order(2)
    static final AdapterBeans BEANS = new AdapterBeans(POSTGRES);

    @Override
    protected MailOutbox outbox() {
        return BEANS.fresh(MailOutbox.class);
    }

    @Override
    protected Transactions transactions() {
        return BEANS.bean(Transactions.class);
    }
}
