package dev.gatehouse.core.contract;

import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.events.EventOutbox;
import dev.gatehouse.core.shared.EventId;
import dev.gatehouse.core.shared.OrganizationId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour every {@link EventOutbox} implementation shows. Each test gets an empty outbox. */
public abstract class EventOutboxContract {

    protected abstract EventOutbox outbox();

    private EventOutbox outbox;
    private final OrganizationId acme = new OrganizationId(UUID.randomUUID());

    @BeforeEach
    void fresh() {
        outbox = outbox();
    }

    private DomainEvent event(long second, String type) {
        return new DomainEvent(new EventId(Fixtures.idAt(at(second))), type, acme, at(second),
                Map.of("project_id", "prj_x", "changes", Map.of("name", Map.of("before", "a", "after", "b")), "count", 2));
    }

    @Test
    void storesEventsFaithfully() {
        DomainEvent e = event(0, "project.updated");
        outbox.append(e);
        assertThat(outbox.byId(e.id())).contains(e);
        DomainEvent bare = new DomainEvent(new EventId(Fixtures.idAt(at(1))), "user.created", null, at(1), Map.of());
        outbox.append(bare);
        assertThat(outbox.byId(bare.id())).contains(bare);
    }

    @Test
    void readsInIdOrderFromACursor() {
        for (int i = 0; i < 5; i++) {
            outbox.append(event(10 - i, "thing.happened"));
        }
        List<DomainEvent> all = outbox.after(null, 10);
        assertThat(all).hasSize(5);
        assertThat(all).extracting(DomainEvent::occurredAt).isSorted();
        List<DomainEvent> firstTwo = outbox.after(null, 2);
        List<DomainEvent> rest = outbox.after(firstTwo.get(1).id(), 10);
        assertThat(firstTwo).hasSize(2);
        assertThat(rest).hasSize(3).doesNotContainAnyElementsOf(firstTwo);
    }

    @Test
    void refusesADuplicateId() {
        DomainEvent e = event(0, "project.created");
        outbox.append(e);
        assertThatThrownBy(() -> outbox.append(new DomainEvent(e.id(), "project.deleted", acme, at(0), Map.of())))
                .isInstanceOf(RuntimeException.class);
        assertThat(outbox.byId(e.id()).orElseThrow().type()).isEqualTo("project.created");
    }
}
