package dev.gatehouse.core.contract;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.UserStatus;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.shared.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link Users} implementation shows. Each test gets an empty store. */
public abstract class UsersContract {

    /** An empty store. */
    protected abstract Users users();

    private Users users;

    @BeforeEach
    void freshStore() {
        users = users();
    }

    @Test
    void storesAndFindsByIdAndEmail() {
        User ada = user("ada@example.com", "Ada", at(0));
        assertThat(users.add(ada)).isTrue();
        assertThat(users.byId(ada.id())).contains(ada);
        assertThat(users.byEmail(new Email("ada@example.com"))).contains(ada);
        assertThat(users.byId(new UserId(UUID.randomUUID()))).isEmpty();
        assertThat(users.byEmail(new Email("nobody@example.com"))).isEmpty();
    }

    @Test
    void keepsWhetherAndWhenTheEmailWasVerified() {
        User fresh = User.createUnverified(new UserId(Fixtures.idAt(at(0))), new Email("cy@example.com"), "Cy", "$test$hash-cy", at(0));
        assertThat(users.add(fresh)).isTrue();
        User stored = users.byEmail(new Email("cy@example.com")).orElseThrow();
        assertThat(stored).isEqualTo(fresh);
        assertThat(stored.emailVerified()).isFalse();
        User verified = stored.verified("Cy Verified", "$test$hash-cy2", at(5));
        users.update(verified);
        User again = users.byId(fresh.id()).orElseThrow();
        assertThat(again).isEqualTo(verified);
        assertThat(again.emailVerifiedAt()).isEqualTo(at(5));
        assertThat(users.byEmail(new Email("ada@example.com"))).isEmpty();
        User ada = user("ada@example.com", "Ada", at(1));
        users.add(ada);
        assertThat(users.byId(ada.id()).orElseThrow().emailVerified()).as("created verified").isTrue();
    }

    @Test
    void refusesASecondUserWithTheSameEmail() {
        assertThat(users.add(user("ada@example.com", "Ada", at(0)))).isTrue();
        User twin = user("ada@example.com", "Other Ada", at(1));
        assertThat(users.add(twin)).isFalse();
        assertThat(users.byId(twin.id())).isEmpty();
        assertThat(users.byEmail(new Email("ada@example.com")).orElseThrow().name()).isEqualTo("Ada");
    }

    @Test
    void reportsWhetherAnyUserExists() {
        assertThat(users.any()).isFalse();
        users.add(user("ada@example.com", "Ada", at(0)));
        assertThat(users.any()).isTrue();
    }

    @Test
    void updatesNameStatusAndPasswordHash() {
        User ada = user("ada@example.com", "Ada", at(0));
        users.add(ada);
        User changed = ada.withName("Ada Lovelace", at(10)).withPasswordHash("$new$hash", at(11)).deactivated(at(12));
        users.update(changed);
        User stored = users.byId(ada.id()).orElseThrow();
        assertThat(stored).isEqualTo(changed);
        assertThat(stored.status()).isEqualTo(UserStatus.DEACTIVATED);
        assertThat(stored.createdAt()).isEqualTo(ada.createdAt());
    }

    @Nested
    class Listing {
        User a;
        User b;
        User c;

        @BeforeEach
        void threeUsers() {
            a = user("alan@example.com", "Alan Turing", at(0));
            b = user("grace@example.com", "Grace Hopper", at(10));
            c = user("barbara@example.org", "Barbara Liskov", at(20));
            users.add(a);
            users.add(b);
            users.add(c);
            users.update(b.deactivated(at(30)));
        }

        private List<String> emails(ListQuery q) {
            return users.list(q).items().stream().map(u -> u.email().value()).toList();
        }

        @Test
        void listsNewestFirstByDefaultWithTotals() {
            var page = users.list(ListQuery.firstPage());
            assertThat(page.items()).extracting(u -> u.email().value())
                    .containsExactly("barbara@example.org", "grace@example.com", "alan@example.com");
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.lastPage()).isEqualTo(1);
        }

        @Test
        void pagesThroughInStableOrder() {
            var first = users.list(ListQuery.of(new PageRequest(1, 2, List.of())));
            var second = users.list(ListQuery.of(new PageRequest(2, 2, List.of())));
            assertThat(first.items()).hasSize(2);
            assertThat(second.items()).hasSize(1);
            assertThat(first.total()).isEqualTo(3);
            assertThat(second.total()).isEqualTo(3);
            assertThat(second.from()).isEqualTo(3L);
            assertThat(first.lastPage()).isEqualTo(2);
        }

        @Test
        void sortsByRequestedFields() {
            assertThat(emails(ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("email", false))))))
                    .containsExactly("alan@example.com", "barbara@example.org", "grace@example.com");
            assertThat(emails(ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("name", true))))))
                    .containsExactly("grace@example.com", "barbara@example.org", "alan@example.com");
            assertThat(emails(ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("updated_at", true))))))
                    .first().isEqualTo("grace@example.com");
        }

        @Test
        void searchesEmailAndNameIgnoringCase() {
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, null, null, "HOPPER", null)))
                    .containsExactly("grace@example.com");
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, null, null, "example.org", null)))
                    .containsExactly("barbara@example.org");
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, null, null, "nobody", null))).isEmpty();
        }

        @Test
        void filtersByStatusAndTimes() {
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, null, null, null, "deactivated")))
                    .containsExactly("grace@example.com");
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, null, null, null, "active")))
                    .containsExactlyInAnyOrder("alan@example.com", "barbara@example.org");
            assertThat(emails(new ListQuery(PageRequest.first(), at(0), at(20), null, null, null, null)))
                    .containsExactly("grace@example.com");
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, at(25), null, null, null)))
                    .containsExactly("grace@example.com");
            assertThat(emails(new ListQuery(PageRequest.first(), null, null, null, at(15), null, null)))
                    .containsExactly("alan@example.com");
        }

        @Test
        void anEmptyPageStillReportsTheTotal() {
            var page = users.list(ListQuery.of(new PageRequest(5, 25, List.of())));
            assertThat(page.items()).isEmpty();
            assertThat(page.total()).isEqualTo(3);
            assertThat(page.from()).isNull();
        }
    }
}
