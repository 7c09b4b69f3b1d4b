package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.FastHasher;
import dev.gatehouse.core.Gatehouse;
import dev.gatehouse.core.TestClock;
import dev.gatehouse.core.audit.AuditEvent;
import dev.gatehouse.core.audit.AuditQuery;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.Permissionship;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.authorization.RelationshipUpdate;
import dev.gatehouse.core.authorization.SubjectRef;
import dev.gatehouse.core.events.DomainEvent;
import dev.gatehouse.core.shared.Caller;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.someUser;
import static dev.gatehouse.core.contract.Fixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;

class ProjectsUseCasesTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final List<dev.gatehouse.core.lifecycle.Ending> endings = new ArrayList<>();
    private Gatehouse g;
    private final OrganizationId acme = new OrganizationId(UUID.randomUUID());
    private final OrganizationId globex = new OrganizationId(UUID.randomUUID());
    private final Caller owner = someUser();
    private final Caller admin = someUser();
    private final Caller member = someUser();
    private final Caller viewer = someUser();
    private final Caller outsider = someUser();
    private final Caller system = Caller.system("test");

    @BeforeEach
    void setUp() {
        g = Gatehouse.builder().clock(clock).passwordHasher(new FastHasher()).lifecycleDependent(endings::add).build();
        grant(acme, "owner", owner);
        grant(acme, "admin", admin);
        grant(acme, "member", member);
        grant(acme, "viewer", viewer);
        grant(globex, "owner", outsider);
    }

    private void grant(OrganizationId org, String role, Caller who) {
        var written = g.platform().authorizer().write(List.of(RelationshipUpdate.touch(
                Relationship.of(new ObjectRef("organization", org.text()), role, subject(who)))));
        assertThat(written.isOk()).isTrue();
    }

    private CreateProject.Created create(Caller who, String name) {
        var r = g.tenancy().createProject().handle(new CreateProject.Command(who, acme, name, "About " + name, null));
        assertThat(r.isOk()).as(() -> r.failure().toString()).isTrue();
        clock.advance(Duration.ofSeconds(1)); // ids made in one millisecond have no defined order
        return r.value();
    }

    private List<String> types() {
        return g.stores().platform().eventOutbox().after(null, 1000).stream().map(DomainEvent::type).toList();
    }

    private List<String> actions() {
        return g.stores().platform().auditLog().find(AuditQuery.all(), null, 1000).items().stream().map(AuditEvent::action).toList();
    }

    @Nested
    class Creating {
        @Test
        void createsTheDefaultEnvironmentsWithTheirRelationshipsAuditAndEvents() {
            var created = create(admin, "Web");
            assertThat(created.environments()).extracting(Environment::name, Environment::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("production", EnvironmentKind.PRODUCTION),
                    org.assertj.core.groups.Tuple.tuple("staging", EnvironmentKind.STAGING),
                    org.assertj.core.groups.Tuple.tuple("development", EnvironmentKind.DEVELOPMENT));
            var project = new ObjectRef("project", created.project().id().text());
            assertThat(g.stores().platform().relationships().subjectsOf(project, "organization"))
                    .extracting(Relationship::subject).containsExactly(SubjectRef.of("organization", acme.text()));
            Environment prod = created.environments().get(0);
            var prodRef = new ObjectRef("environment", prod.id().text());
            assertThat(g.stores().platform().relationships().subjectsOf(prodRef, "production")).extracting(Relationship::subject)
                    .containsExactlyInAnyOrder(SubjectRef.wildcard("user"), SubjectRef.wildcard("api_key"));
            assertThat(g.stores().platform().relationships().subjectsOf(new ObjectRef("environment",
                    created.environments().get(1).id().text()), "production")).isEmpty();
            // members inherit environment reads through environment#project
            assertThat(g.platform().authorizer().check(prodRef, "environments_read", subject(member)).value())
                    .isEqualTo(Permissionship.HAS_PERMISSION);
            assertThat(types()).containsExactlyInAnyOrder("project.created", "environment.created", "environment.created",
                    "environment.created");
            assertThat(actions()).contains("project.created").filteredOn("environment.created"::equals).hasSize(3);
            DomainEvent event = g.stores().platform().eventOutbox().after(null, 10).stream()
                    .filter(e -> e.type().equals("project.created")).findFirst().orElseThrow();
            assertThat(event.organizationId()).isEqualTo(acme);
            assertThat(event.data()).containsEntry("project_id", created.project().id().text());
        }

        @Test
        void createsTheListedEnvironmentsWhichMustIncludeProduction() {
            var r = g.tenancy().createProject().handle(new CreateProject.Command(owner, acme, "Api", null,
                    List.of(new CreateProject.EnvironmentSpec("live", "production"), new CreateProject.EnvironmentSpec("qa", "staging"))));
            assertThat(r.value().environments()).extracting(Environment::name).containsExactly("live", "qa");
            var bad = g.tenancy().createProject().handle(new CreateProject.Command(owner, acme, "Api", null,
                    List.of(new CreateProject.EnvironmentSpec("qa", "staging"), new CreateProject.EnvironmentSpec("QA", "testing"))));
            assertThat(bad.failure().fieldErrors()).containsOnlyKeys("environments[1].name", "environments[1].kind");
            var noProduction = g.tenancy().createProject().handle(new CreateProject.Command(owner, acme, "Api", null,
                    List.of(new CreateProject.EnvironmentSpec("qa", "staging"))));
            assertThat(noProduction.failure().fieldErrors()).containsOnlyKeys("environments");
        }

        @Test
        void validatesEveryField() {
            var r = g.tenancy().createProject().handle(new CreateProject.Command(owner, null, " ", "x".repeat(1001), List.of()));
            assertThat(r.failure().reason()).isEqualTo(Reason.VALIDATION);
            assertThat(r.failure().fieldErrors()).containsOnlyKeys("organization_id", "name", "description", "environments");
        }

        @Test
        void viewersAndMembersAreForbiddenOutsidersSeeNoOrganization() {
            for (Caller c : List.of(viewer, member)) {
                var r = g.tenancy().createProject().handle(new CreateProject.Command(c, acme, "Nope", null, null));
                assertThat(r.failure().reason()).isEqualTo(Reason.FORBIDDEN);
                assertThat(r.failure().details()).containsEntry("required_scope", "projects:write");
            }
            assertThat(g.tenancy().createProject().handle(new CreateProject.Command(outsider, acme, "Nope", null, null)).failure().reason())
                    .isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().createProject().handle(new CreateProject.Command(owner, new OrganizationId(UUID.randomUUID()), "Nope", null, null))
                    .failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.stores().platform().eventOutbox().after(null, 10)).isEmpty();
        }
    }

    @Nested
    class Reading {
        @Test
        void listsWhatEachCallerMayRead() {
            var web = create(owner, "Web").project();
            var api = create(owner, "Api").project();
            var foreign = g.tenancy().createProject().handle(new CreateProject.Command(outsider, globex, "Foreign", null, null)).value().project();
            var guest = someUser();
            g.platform().authorizer().write(List.of(RelationshipUpdate.touch(Relationship.of(
                    new ObjectRef("project", api.id().text()), "viewer", subject(guest)))));
            assertThat(list(viewer, null)).containsExactly("Api", "Web");
            assertThat(list(guest, null)).containsExactly("Api");
            assertThat(list(outsider, null)).containsExactly("Foreign");
            assertThat(list(system, null)).containsExactly("Foreign", "Api", "Web");
            assertThat(list(system, acme)).containsExactly("Api", "Web");
            assertThat(g.tenancy().getProject().handle(guest, api.id()).isOk()).isTrue();
            assertThat(g.tenancy().getProject().handle(guest, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().getProject().handle(outsider, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().getProject().handle(viewer, foreign.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        }

        @Test
        void rejectsAnUnknownStatus() {
            var r = g.tenancy().listProjects().handle(new ListProjects.Command(owner,
                    new ListQuery(dev.gatehouse.core.shared.PageRequest.first(), null, null, null, null, null, "archived"), null));
            assertThat(r.failure().fieldErrors()).containsOnlyKeys("status");
        }
    }

    private List<String> list(Caller c, OrganizationId org) {
        return g.tenancy().listProjects().handle(new ListProjects.Command(c, ListQuery.firstPage(), org)).value().items().stream()
                .map(Project::name).toList();
    }

    private List<String> listDeleted(Caller c) {
        return g.tenancy().listProjects().handle(new ListProjects.Command(c,
                        new ListQuery(dev.gatehouse.core.shared.PageRequest.first(), null, null, null, null, null, "deleted"), null))
                .value().items().stream().map(Project::name).toList();
    }

    @Nested
    class Updating {
        @Test
        void changesNameAndDescriptionAndRecordsTheChange() {
            var web = create(owner, "Web").project();
            clock.advance(Duration.ofMinutes(1));
            var r = g.tenancy().updateProject().handle(new UpdateProject.Command(admin, web.id(), "Website", null));
            assertThat(r.value().name()).isEqualTo("Website");
            assertThat(r.value().description()).isEqualTo("About Web");
            assertThat(r.value().updatedAt()).isEqualTo(clock.instant());
            AuditEvent audit = g.stores().platform().auditLog().find(AuditQuery.all(), null, 1).items().get(0);
            assertThat(audit.action()).isEqualTo("project.updated");
            assertThat(audit.changes()).containsOnlyKeys("name");
            var cleared = g.tenancy().updateProject().handle(new UpdateProject.Command(admin, web.id(), null, ""));
            assertThat(cleared.value().description()).isNull();
            assertThat(types()).endsWith("project.updated", "project.updated");
        }

        @Test
        void viewersAreForbiddenAndBlankNamesInvalid() {
            var web = create(owner, "Web").project();
            assertThat(g.tenancy().updateProject().handle(new UpdateProject.Command(viewer, web.id(), "X", null)).failure().reason())
                    .isEqualTo(Reason.FORBIDDEN);
            assertThat(g.tenancy().updateProject().handle(new UpdateProject.Command(outsider, web.id(), "X", null)).failure().reason())
                    .isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().updateProject().handle(new UpdateProject.Command(owner, web.id(), "  ", null)).failure().fieldErrors())
                    .containsOnlyKeys("name");
        }
    }

    @Nested
    class DeletingAndRestoring {
        @Test
        void aDeletedProjectIsHiddenEverywhereUntilRestored() {
            var created = create(owner, "Web");
            var web = created.project();
            assertThat(g.tenancy().deleteProject().handle(member, web.id()).failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(g.tenancy().deleteProject().handle(admin, web.id()).value().deletedAt()).isEqualTo(clock.instant());
            assertThat(g.tenancy().getProject().handle(owner, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().getProject().handle(system, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(list(owner, null)).isEmpty();
            assertThat(listDeleted(owner)).containsExactly("Web");
            assertThat(listDeleted(viewer)).isEmpty();
            assertThat(g.tenancy().updateProject().handle(new UpdateProject.Command(owner, web.id(), "X", null)).failure().reason())
                    .isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().deleteProject().handle(owner, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().listEnvironments().handle(owner, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(owner, web.id(), "qa", "staging"))
                    .failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().deleteEnvironment().handle(owner, created.environments().get(1).id()).failure().reason())
                    .isEqualTo(Reason.NOT_FOUND);

            assertThat(g.tenancy().restoreProject().handle(viewer, web.id()).failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(g.tenancy().restoreProject().handle(outsider, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            clock.advance(Duration.ofDays(29));
            var restored = g.tenancy().restoreProject().handle(admin, web.id());
            assertThat(restored.value().deleted()).isFalse();
            assertThat(g.tenancy().getProject().handle(viewer, web.id()).isOk()).isTrue();
            assertThat(g.tenancy().listEnvironments().handle(viewer, web.id()).value()).hasSize(3);
            assertThat(g.tenancy().restoreProject().handle(admin, web.id()).failure().reason()).isEqualTo(Reason.INVALID_STATE);
            assertThat(types()).endsWith("project.deleted", "project.restored");
            assertThat(actions()).contains("project.deleted", "project.restored");
        }

        @Test
        void cannotBeRestoredAfterThirtyDays() {
            var web = create(owner, "Web").project();
            g.tenancy().deleteProject().handle(owner, web.id());
            clock.advance(Duration.ofDays(30));
            var r = g.tenancy().restoreProject().handle(owner, web.id());
            assertThat(r.failure().reason()).isEqualTo(Reason.INVALID_STATE);
            assertThat(r.failure().details()).containsKey("restorable_until");
        }
    }

    @Nested
    class Purging {
        @Test
        void removesProjectsDeletedMoreThanThirtyDaysAgoWithEnvironmentsAndRelationships() {
            var old = create(owner, "Old");
            var recent = create(owner, "Recent").project();
            var kept = create(owner, "Kept").project();
            g.tenancy().deleteProject().handle(owner, old.project().id());
            clock.advance(Duration.ofDays(10));
            g.tenancy().deleteProject().handle(owner, recent.id());
            clock.advance(Duration.ofDays(20).plusSeconds(1));

            assertThat(g.tenancy().purgeDeletedProjects().handle(owner, 10).failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(g.tenancy().purgeDeletedProjects().handle(system, 10).value()).isEqualTo(1);

            ProjectId id = old.project().id();
            assertThat(g.stores().tenancy().projects().byId(id)).isEmpty();
            assertThat(g.stores().tenancy().environments().ofProject(id)).isEmpty();
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("project", id.text())))).isEmpty();
            for (Environment e : old.environments()) {
                assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("environment", e.id().text()))))
                        .isEmpty();
            }
            assertThat(endings).filteredOn(dev.gatehouse.core.lifecycle.Ending::purge).extracting(e -> e.scope())
                    .containsExactly(new dev.gatehouse.core.lifecycle.Scope.Project(old.project().organizationId(), id));
            assertThat(g.tenancy().restoreProject().handle(owner, id).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.stores().tenancy().projects().byId(recent.id())).isPresent();
            assertThat(g.tenancy().getProject().handle(owner, kept.id()).isOk()).isTrue();
            assertThat(types()).endsWith("project.purged");
            AuditEvent audit = g.stores().platform().auditLog().find(AuditQuery.all(), null, 1).items().get(0);
            assertThat(audit.action()).isEqualTo("project.purged");
            assertThat(audit.actorType()).isEqualTo("system");
            assertThat(g.tenancy().purgeDeletedProjects().handle(system, 10).value()).isZero();
        }
    }

    @Nested
    class EnvironmentsOfAProject {
        @Test
        void addsAnEnvironmentWithAUniqueNameAndKind() {
            var web = create(owner, "Web").project();
            var preview = g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(admin, web.id(), "Preview", "development"));
            assertThat(preview.value().kind()).isEqualTo(EnvironmentKind.DEVELOPMENT);
            var dup = g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(admin, web.id(), "preview", "staging"));
            assertThat(dup.failure().reason()).isEqualTo(Reason.CONFLICT);
            clock.advance(Duration.ofSeconds(1));
            var eu = g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(owner, web.id(), "production-eu", "production"));
            assertThat(g.stores().platform().relationships().subjectsOf(new ObjectRef("environment", eu.value().id().text()), "production"))
                    .hasSize(2);
            assertThat(g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(member, web.id(), "x", "staging")).failure().reason())
                    .isEqualTo(Reason.FORBIDDEN);
            assertThat(g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(owner, web.id(), "", "prod")).failure().fieldErrors())
                    .containsOnlyKeys("name", "kind");
            assertThat(g.tenancy().listEnvironments().handle(viewer, web.id()).value()).extracting(Environment::name)
                    .containsExactly("development", "production", "staging", "Preview", "production-eu");
            assertThat(g.tenancy().listEnvironments().handle(outsider, web.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
        }

        @Test
        void keepsTheLastProductionEnvironment() {
            var created = create(owner, "Web");
            Environment prod = created.environments().get(0);
            Environment staging = created.environments().get(1);
            var refused = g.tenancy().deleteEnvironment().handle(owner, prod.id());
            assertThat(refused.failure().reason()).isEqualTo(Reason.INVALID_STATE);
            assertThat(refused.failure().message()).contains("at least one production environment");
            assertThat(g.tenancy().deleteEnvironment().handle(viewer, staging.id()).failure().reason()).isEqualTo(Reason.FORBIDDEN);
            assertThat(g.tenancy().deleteEnvironment().handle(outsider, staging.id()).failure().reason()).isEqualTo(Reason.NOT_FOUND);
            assertThat(g.tenancy().deleteEnvironment().handle(admin, staging.id()).isOk()).isTrue();
            assertThat(g.stores().platform().relationships().find(RelationshipFilter.ofResource(new ObjectRef("environment", staging.id().text()))))
                    .isEmpty();
            var second = g.tenancy().createEnvironment().handle(new CreateEnvironment.Command(owner, created.project().id(), "prod-2", "production"));
            assertThat(g.tenancy().deleteEnvironment().handle(owner, prod.id()).isOk()).isTrue();
            assertThat(g.tenancy().deleteEnvironment().handle(owner, second.value().id()).failure().reason()).isEqualTo(Reason.INVALID_STATE);
            assertThat(types()).contains("environment.deleted");
            assertThat(actions()).contains("environment.deleted");
        }
    }
}
