package dev.gatehouse.core.contract;

import dev.gatehouse.core.shared.EnvironmentId;
import dev.gatehouse.core.shared.OrganizationId;
import dev.gatehouse.core.shared.ProjectId;
import dev.gatehouse.core.tenancy.projects.Environment;
import dev.gatehouse.core.tenancy.projects.EnvironmentKind;
import dev.gatehouse.core.tenancy.projects.Environments;
import dev.gatehouse.core.tenancy.projects.Project;
import dev.gatehouse.core.tenancy.projects.Projects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static dev.gatehouse.core.contract.Fixtures.at;
import static dev.gatehouse.core.contract.Fixtures.idAt;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link Environments} implementation shows. Environments belong to stored
 * projects (a database may enforce it), so the contract creates those through {@link #projects()}.
 */
public abstract class EnvironmentsContract {
    static final OrganizationId ACME = new OrganizationId(UUID.fromString("0190b5a0-0000-7000-8000-000000000001"));

    /** An empty store, and the project store of the same backend. */
    protected abstract Environments environments();

    protected abstract Projects projects();

    private Environments environments;
    private Project web;
    private Project api;

    @BeforeEach
    void freshStores() {
        environments = environments();
        Projects projects = projects();
        web = ProjectsContract.project(ACME, "Web", null, at(0));
        api = ProjectsContract.project(ACME, "Api", null, at(1));
        projects.add(web);
        projects.add(api);
    }

    private Environment env(Project p, String name, EnvironmentKind kind, Instant created) {
        Instant t = created.truncatedTo(ChronoUnit.MICROS);
        return new Environment(new EnvironmentId(idAt(t)), p.id(), p.organizationId(), name, kind, t);
    }

    @Test
    void storesAndFindsAnEnvironment() {
        Environment prod = env(web, "production", EnvironmentKind.PRODUCTION, at(0));
        assertThat(environments.add(prod)).isTrue();
        assertThat(environments.byId(prod.id())).contains(prod);
        assertThat(environments.byId(new EnvironmentId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void refusesADuplicateNameInTheSameProjectIgnoringCase() {
        assertThat(environments.add(env(web, "staging", EnvironmentKind.STAGING, at(0)))).isTrue();
        Environment twin = env(web, "Staging", EnvironmentKind.DEVELOPMENT, at(1));
        assertThat(environments.add(twin)).isFalse();
        assertThat(environments.byId(twin.id())).isEmpty();
        assertThat(environments.add(env(api, "STAGING", EnvironmentKind.STAGING, at(2)))).isTrue();
    }

    @Test
    void listsAProjectsEnvironmentsOldestFirstThenByName() {
        environments.add(env(web, "staging", EnvironmentKind.STAGING, at(0)));
        environments.add(env(web, "production", EnvironmentKind.PRODUCTION, at(0)));
        environments.add(env(web, "preview", EnvironmentKind.DEVELOPMENT, at(5)));
        environments.add(env(api, "production", EnvironmentKind.PRODUCTION, at(1)));
        assertThat(environments.ofProject(web.id())).extracting(Environment::name)
                .containsExactly("production", "staging", "preview");
        assertThat(environments.ofProject(new ProjectId(UUID.randomUUID()))).isEmpty();
    }

    @Test
    void removesOneOrAllOfAProject() {
        Environment prod = env(web, "production", EnvironmentKind.PRODUCTION, at(0));
        environments.add(prod);
        environments.add(env(web, "staging", EnvironmentKind.STAGING, at(1)));
        environments.add(env(api, "production", EnvironmentKind.PRODUCTION, at(2)));
        environments.remove(prod.id());
        assertThat(environments.byId(prod.id())).isEmpty();
        assertThat(environments.add(env(web, "Production", EnvironmentKind.PRODUCTION, at(3)))).isTrue();
        assertThat(environments.removeAllOf(web.id())).isEqualTo(2);
        assertThat(environments.ofProject(web.id())).isEmpty();
        assertThat(environments.ofProject(api.id())).hasSize(1);
    }
}
