package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.tenancy.Organization;
import dev.gatehouse.core.tenancy.OrganizationSettings;
import dev.gatehouse.core.tenancy.Organizations;
import dev.gatehouse.core.tenancy.Slug;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link Organizations} implementation shows. Each test gets an empty store. */
public abstract class OrganizationsContract {

    protected abstract Organizations organizations();

    private Organizations orgs;

    @BeforeEach
    void freshStore() {
        orgs = organizations();
    }

    public static Organization org(String name, String slug, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return Organization.create(new OrganizationId(idAt(t)), name, new Slug(slug),
                new OrganizationSettings("Europe/London", "en-GB"), t);
    }

    @Test
    void storesAndFindsById() {
        Organization acme = org("Acme", "acme", at(0));
        assertThat(orgs.add(acme)).isTrue();
        assertThat(orgs.byId(acme.id())).contains(acme);
        assertThat(orgs.byId(org("Other", "other", at(1)).id())).isEmpty();
    }

    @Test
    void refusesATakenSlug() {
        assertThat(orgs.add(org("Acme", "acme", at(0)))).isTrue();
        Organization twin = org("Acme Two", "acme", at(1));
        assertThat(orgs.add(twin)).isFalse();
        assertThat(orgs.byId(twin.id())).isEmpty();
    }

    @Test
    void updatesFieldsButNotIntoATakenSlug() {
        Organization acme = org("Acme", "acme", at(0));
        Organization globex = org("Globex", "globex", at(1));
        orgs.add(acme);
        orgs.add(globex);
        Organization renamed = acme.changed("Acme Inc", new Slug("acme-inc"), new OrganizationSettings("UTC", "de"), at(5));
        assertThat(orgs.update(renamed)).isTrue();
        assertThat(orgs.byId(acme.id())).contains(renamed);
        assertThat(orgs.update(globex.changed("Globex", new Slug("acme-inc"), globex.settings(), at(6)))).isFalse();
        assertThat(orgs.byId(globex.id()).orElseThrow().slug().value()).isEqualTo("globex");
    }

    @Test
    void hidesDeletedOrganizationsAndFreesTheirSlug() {
        Organization acme = org("Acme", "acme", at(0));
        orgs.add(acme);
        assertThat(orgs.update(acme.deleted(at(5)))).isTrue();
        assertThat(orgs.byId(acme.id())).isEmpty();
        assertThat(orgs.list(Optional.empty(), ListQuery.firstPage()).total()).isZero();
        assertThat(orgs.add(org("New Acme", "acme", at(6)))).isTrue();
    }

    @Nested
    class Listing {
        Organization a;
        Organization b;
        Organization c;

        @BeforeEach
        void three() {
            a = org("Beta Corp", "beta", at(0));
            b = org("alpha labs", "zeta", at(10));
            c = org("Gamma", "gamma", at(20));
            orgs.add(a);
            orgs.add(b);
            orgs.add(c);
        }

        private List<String> slugs(Optional<Set<OrganizationId>> within, ListQuery q) {
            return orgs.list(within, q).items().stream().map(o -> o.slug().value()).toList();
        }

        @Test
        void listsNewestFirstByDefault() {
            var page = orgs.list(Optional.empty(), ListQuery.firstPage());
            assertThat(page.items()).extracting(o -> o.slug().value()).containsExactly("gamma", "zeta", "beta");
            assertThat(page.total()).isEqualTo(3);
        }

        @Test
        void listsOnlyTheGivenOrganizations() {
            assertThat(slugs(Optional.of(Set.of(a.id(), c.id())), ListQuery.firstPage())).containsExactly("gamma", "beta");
            assertThat(slugs(Optional.of(Set.of()), ListQuery.firstPage())).isEmpty();
        }

        @Test
        void sortsByNameAndSlugAndPages() {
            assertThat(slugs(Optional.empty(), ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("slug", false))))))
                    .containsExactly("beta", "gamma", "zeta");
            assertThat(slugs(Optional.empty(), ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("name", false))))))
                    .containsExactly("beta", "gamma", "zeta"); // code point order: upper case first
            var second = orgs.list(Optional.empty(), ListQuery.of(new PageRequest(2, 2, List.of(new SortOrder("created_at", false)))));
            assertThat(second.items()).extracting(o -> o.slug().value()).containsExactly("gamma");
            assertThat(second.total()).isEqualTo(3);
        }

        @Test
        void searchesNameAndSlugIgnoringCase() {
            assertThat(slugs(Optional.empty(), new ListQuery(PageRequest.first(), null, null, null, null, "ALPHA", null)))
                    .containsExactly("zeta");
            assertThat(slugs(Optional.empty(), new ListQuery(PageRequest.first(), null, null, null, null, "gam", null)))
                    .containsExactly("gamma");
            assertThat(slugs(Optional.empty(), new ListQuery(PageRequest.first(), at(0), at(20), null, null, null, null)))
                    .containsExactly("zeta");
        }
    }
}
