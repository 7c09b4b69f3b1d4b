package dev.gatehouse.core.tenancy.projects;

import dev.gatehouse.core.authorization.LocalAuthorizer;
import dev.gatehouse.core.authorization.ObjectRef;
import dev.gatehouse.core.authorization.PermissionCatalog;
import dev.gatehouse.core.authorization.Relationship;
import dev.gatehouse.core.authorization.RelationshipFilter;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.shared.SecureIdGenerator;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The relationships projects and environments live by, written and deleted through the authorizer. */
class ProjectRelationshipsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private final SecureIdGenerator ids = new SecureIdGenerator(CLOCK);
    private final MemoryTransactions tx = new MemoryTransactions();
    private final MemoryRelationships store = new MemoryRelationships(tx);
    private final ProjectRelationships relationships = new ProjectRelationships(
            LocalAuthorizer.create(PermissionCatalog.productSchemaParsed(), store, tx, CLOCK).value());

    private final OrganizationId org = new OrganizationId(ids.newId());
    private final Project project = Project.create(new ProjectId(ids.newId()), org, "Web", null, CLOCK.instant());
    private final Environment production = environment("production", EnvironmentKind.PRODUCTION);
    private final Environment staging = environment("staging", EnvironmentKind.STAGING);

    private Environment environment(String name, EnvironmentKind kind) {
        return new Environment(new EnvironmentId(ids.newId()), project.id(), org, name, kind, CLOCK.instant());
    }

    private List<String> of(ObjectRef resource) {
        return store.find(RelationshipFilter.ofResource(resource)).stream()
                .map(Relationship::toString).sorted().toList();
    }

    @Test
    void aNewProjectBelongsToItsOrganizationAndOnlyProductionEnvironmentsGetTheProductionWildcards() {
        assertThat(relationships.created(project, List.of(production, staging)).isOk()).isTrue();

        assertThat(store.find(RelationshipFilter.ofResource(ProjectRelationships.ref(project.id()))))
                .extracting(r -> r.relation() + "@" + r.subject().type() + ":" + r.subject().id())
                .containsExactly("organization@organization:" + org.text());
        assertThat(store.find(RelationshipFilter.ofResource(ProjectRelationships.ref(production.id()))))
                .extracting(r -> r.relation() + "@" + r.subject().type() + ":" + r.subject().id())
                .containsExactlyInAnyOrder("project@project:" + project.id().text(), "production@user:*", "production@api_key:*");
        assertThat(store.find(RelationshipFilter.ofResource(ProjectRelationships.ref(staging.id()))))
                .extracting(r -> r.relation() + "@" + r.subject().type() + ":" + r.subject().id())
                .containsExactly("project@project:" + project.id().text());
    }

    @Test
    void removingAnEnvironmentLeavesTheProjectAndItsOtherEnvironmentsAlone() {
        relationships.created(project, List.of(production, staging));
        var stagingBefore = of(ProjectRelationships.ref(staging.id()));
        var projectBefore = of(ProjectRelationships.ref(project.id()));

        assertThat(relationships.removed(production.id()).isOk()).isTrue();

        assertThat(of(ProjectRelationships.ref(production.id()))).isEmpty();
        assertThat(of(ProjectRelationships.ref(staging.id()))).isEqualTo(stagingBefore).isNotEmpty();
        assertThat(of(ProjectRelationships.ref(project.id()))).isEqualTo(projectBefore).isNotEmpty();

        assertThat(relationships.removed(project.id()).isOk()).isTrue();
        assertThat(of(ProjectRelationships.ref(project.id()))).isEmpty();
    }

    @Test
    void anEnvironmentAddedLaterGetsTheSameRelationshipsAsOneCreatedWithItsProject() {
        relationships.created(project, List.of(staging));
        Environment late = environment("eu-production", EnvironmentKind.PRODUCTION);

        assertThat(relationships.created(late).isOk()).isTrue();

        assertThat(store.find(RelationshipFilter.ofResource(ProjectRelationships.ref(late.id()))))
                .extracting(r -> r.relation() + "@" + r.subject().type() + ":" + r.subject().id())
                .containsExactlyInAnyOrder("project@project:" + project.id().text(), "production@user:*", "production@api_key:*");
    }
}
