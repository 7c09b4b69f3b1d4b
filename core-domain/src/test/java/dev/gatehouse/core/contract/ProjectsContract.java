package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.PageRequest;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SortOrder;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/** The behaviour every {@link Projects} implementation shows. Each test gets an empty store. */
public abstract class ProjectsContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000001"));
    static final OrganizationId GLOBEX = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000002"));

    /** An empty store. */
    protected abstract Projects projects();

    private Projects projects;

    @BeforeEach
    void freshStore() {
        projects = projects();
    }

    static Project project(OrganizationId org, String name, String description, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return Project.create(new ProjectId(idAt(t)), org, name, description, t);
    }

    @Test
    void storesFindsUpdatesAndRemoves() {
        Project p = project(ACME, "Web", "the web app", at(0));
        projects.add(p);
        assertThat(projects.byId(p.id())).contains(p);
        Project renamed = p.withDetails("Website", null, at(5));
        projects.update(renamed);
        assertThat(projects.byId(p.id())).contains(renamed);
        Project deleted = renamed.softDeleted(at(6));
        projects.update(deleted);
        assertThat(projects.byId(p.id()).orElseThrow().deletedAt()).isEqualTo(at(6));
        projects.remove(p.id());
        assertThat(projects.byId(p.id())).isEmpty();
        assertThat(projects.byId(new ProjectId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void findsDeletedProjectsBeforeACutoffOldestDeletionFirst() {
        Project a = project(ACME, "A", null, at(0));
        Project b = project(ACME, "B", null, at(1));
        Project c = project(ACME, "C", null, at(2));
        Project live = project(ACME, "Live", null, at(3));
        for (Project p : List.of(a, b, c, live)) {
            projects.add(p);
        }
        projects.update(a.softDeleted(at(20)));
        projects.update(b.softDeleted(at(10)));
        projects.update(c.softDeleted(at(40)));
        assertThat(projects.deletedBefore(at(30), 10)).extracting(Project::name).containsExactly("B", "A");
        assertThat(projects.deletedBefore(at(30), 1)).extracting(Project::name).containsExactly("B");
        assertThat(projects.deletedBefore(at(10), 10)).isEmpty();
    }

    @Nested
    class Listing {
        Project web;
        Project api;
        Project mobile;
        Project other;
        Project gone;

        @BeforeEach
        void projects() {
            web = project(ACME, "Web", "Marketing site", at(0));
            api = project(ACME, "api", "Public REST API", at(10));
            mobile = project(ACME, "Mobile", null, at(20));
            other = project(GLOBEX, "Globex web", null, at(30));
            gone = project(ACME, "Old", null, at(5));
            for (Project p : List.of(web, api, mobile, other, gone)) {
                projects.add(p);
            }
            projects.update(gone.softDeleted(at(40)));
            projects.update(web.withDetails("Web", "Marketing site", at(50)));
        }

        private List<String> names(Projects.Scope scope, ListQuery q) {
            return projects.list(scope, q).items().stream().map(Project::name).toList();
        }

        private final Projects.Scope all = new Projects.Scope(null, null, false);

        @Test
        void listsActiveProjectsNewestFirstByDefault() {
            var page = projects.list(all, ListQuery.firstPage());
            assertThat(page.items()).extracting(Project::name).containsExactly("Globex web", "Mobile", "api", "Web");
            assertThat(page.total()).isEqualTo(4);
        }

        @Test
        void listsDeletedProjectsOnlyWhenAsked() {
            assertThat(names(new Projects.Scope(null, null, true), ListQuery.firstPage())).containsExactly("Old");
        }

        @Test
        void restrictsToTheGivenIdsAndOrganization() {
            assertThat(names(new Projects.Scope(Set.of(web.id(), other.id(), gone.id()), null, false), ListQuery.firstPage()))
                    .containsExactly("Globex web", "Web");
            assertThat(names(new Projects.Scope(null, ACME, false), ListQuery.firstPage()))
                    .containsExactly("Mobile", "api", "Web");
            assertThat(names(new Projects.Scope(Set.of(web.id()), GLOBEX, false), ListQuery.firstPage())).isEmpty();
            assertThat(names(new Projects.Scope(Set.of(), null, false), ListQuery.firstPage())).isEmpty();
        }

        @Test
        void sortsByNameInCodePointOrderAndByUpdateTime() {
            assertThat(names(all, ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("name", false))))))
                    .containsExactly("Globex web", "Mobile", "Web", "api");
            assertThat(names(all, ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("updated_at", true))))))
                    .first().isEqualTo("Web");
            assertThat(names(all, ListQuery.of(new PageRequest(1, 25, List.of(new SortOrder("created_at", false))))))
                    .containsExactly("Web", "api", "Mobile", "Globex web");
        }

        @Test
        void searchesNameAndDescriptionIgnoringCase() {
            assertThat(names(all, new ListQuery(PageRequest.first(), null, null, null, null, "WEB", null)))
                    .containsExactly("Globex web", "Web");
            assertThat(names(all, new ListQuery(PageRequest.first(), null, null, null, null, "rest", null)))
                    .containsExactly("api");
            assertThat(names(all, new ListQuery(PageRequest.first(), null, null, null, null, "100%_", null))).isEmpty();
        }

        @Test
        void filtersByTimesAndPages() {
            assertThat(names(all, new ListQuery(PageRequest.first(), at(0), at(30), null, null, null, null)))
                    .containsExactly("Mobile", "api");
            assertThat(names(all, new ListQuery(PageRequest.first(), null, null, at(45), null, null, null)))
                    .containsExactly("Web");
            var second = projects.list(all, ListQuery.of(new PageRequest(2, 3, List.of())));
            assertThat(second.items()).extracting(Project::name).containsExactly("Web");
            assertThat(second.total()).isEqualTo(4);
        }
    }
}
