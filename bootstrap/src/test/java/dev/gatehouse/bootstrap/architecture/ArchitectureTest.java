package dev.gatehouse.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hexagon's walls, checked over the production classes of every module (bootstrap's test
 * classpath sees them all), and each rule family proven to fire on a planted violation.
 */
class ArchitectureTest {
    private static final String CORE = "dev.gatehouse.core";
    private static final List<String> ADAPTERS = List.of("dev.gatehouse.http", "dev.gatehouse.postgres", "dev.gatehouse.spicedb");
    private static final String FACADE = CORE + ".Gatehouse";
    private static JavaClasses production;
    private static JavaClasses fixtures;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // In a reactor build sibling modules arrive as jars; their test-jars must stay out.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.gatehouse");
        fixtures = new ClassFileImporter().importPackages("dev.gatehouse.archfixture");
    }

    private static List<String> others(String adapter) {
        return ADAPTERS.stream().filter(a -> !a.equals(adapter)).toList();
    }

    @Test
    void importsEveryModule() {
        for (String pkg : List.of(CORE, "dev.gatehouse.http", "dev.gatehouse.postgres", "dev.gatehouse.spicedb", "dev.gatehouse.bootstrap")) {
            assertThat(production.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("classes of %s imported", pkg).isTrue();
        }
    }

    @Nested
    class TheRealCode {
        @Test
        void coreDependsOnTheJdkAndItselfOnly() {
            ArchitectureRules.coreIsJdkOnly(CORE).check(production);
        }

        @Test
        void coreFeaturesDoNotDependOnMemory() {
            ArchitectureRules.featuresDoNotDependOnMemory(CORE).check(production);
        }

        @Test
        void adaptersDoNotDependOnEachOther() {
            for (String adapter : ADAPTERS) {
                ArchitectureRules.adapterIsIndependent(adapter, others(adapter)).check(production);
            }
        }

        @Test
        void coreFeaturesAreFreeOfCycles() {
            ArchitectureRules.featureSlicesAreFreeOfCycles(CORE).check(production);
        }

        @Test
        void corePackagesAreFreeOfCycles() {
            ArchitectureRules.packagesAreFreeOfCycles(CORE).check(production);
        }

        @Test
        void theHttpAdapterUsesNoStorePort() {
            ArchitectureRules.drivingAdapterUsesNoPorts("dev.gatehouse.http", CORE).check(production);
        }

        @Test
        void theHttpAdapterReadsNoStores() {
            ArchitectureRules.adapterReadsNoStores("dev.gatehouse.http", FACADE, Set.of()).check(production);
        }

        @Test
        void bootstrapReadsNoStores() {
            ArchitectureRules.adapterReadsNoStores("dev.gatehouse.bootstrap", FACADE, Set.of()).check(production);
        }

        @Test
        void theHttpAdapterDoesNotUseTheFacade() {
            ArchitectureRules.adapterDoesNotUseTheFacade("dev.gatehouse.http", FACADE, Set.of()).check(production);
        }

        @Test
        void adapterImplementationsAreNotPublic() {
            for (String adapter : ADAPTERS) {
                ArchitectureRules.adapterClassesAreHidden(adapter).check(production);
            }
        }
    }

    /** Each rule family fires on a planted violation in {@code dev.gatehouse.archfixture}. */
    @Nested
    class PlantedViolations {
        private static final String FIX = "dev.gatehouse.archfixture";

        @Test
        void coreImportingAFrameworkIsCaught() {
            var result = ArchitectureRules.coreIsJdkOnly(FIX + ".core").evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("CoreUsingFramework") && d.contains("io.micronaut"));
        }

        @Test
        void featureUsingMemoryIsCaught() {
            var result = ArchitectureRules.featuresDoNotDependOnMemory(FIX + ".core").evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("FeatureUsingMemory"));
        }

        @Test
        void adapterUsingAnotherAdapterIsCaught() {
            var result = ArchitectureRules.adapterIsIndependent(FIX + ".alpha", List.of(FIX + ".beta")).evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("AlphaUsingBeta"));
        }

        @Test
        void publicAdapterImplementationIsCaught() {
            var result = ArchitectureRules.adapterClassesAreHidden(FIX + ".beta").evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("PublicBetaStore"))
                    .noneMatch(d -> d.contains("BetaFactory"));
        }

        @Test
        void aCycleBetweenFeaturesIsCaught() {
            var result = ArchitectureRules.featureSlicesAreFreeOfCycles(FIX + ".core").evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("LeftUsingRight") && d.contains("RightUsingLeft"));
        }

        @Test
        void aCycleBetweenPackagesIsCaught() {
            var result = ArchitectureRules.packagesAreFreeOfCycles(FIX + ".core").evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("LeftUsingRight") && d.contains("RightUsingLeft"));
        }

        @Test
        void anAdapterUsingAStorePortIsCaught() {
            var result = ArchitectureRules.drivingAdapterUsesNoPorts(FIX + ".alpha", FIX + ".core").evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("AlphaUsingAStore") && d.contains("FixtureStore"))
                    .noneMatch(d -> d.contains("AlphaUsingAUseCase"));
        }

        @Test
        void anAdapterReadingTheFacadesStoresIsCaught() {
            var result = ArchitectureRules.adapterReadsNoStores(FIX + ".alpha", FIX + ".core.FixtureFacade", Set.of())
                    .evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("AlphaReadingStores") && d.contains("stores()"))
                    .anyMatch(d -> d.contains("AlphaReferencingStores") && d.contains("stores()"))
                    .noneMatch(d -> d.contains("AlphaUsingTheFacade"))
                    .noneMatch(d -> d.contains("AlphaUsingAUseCase"));
        }

        @Test
        void anExceptionToTheStoresRuleCoversOnlyTheNamedClass() {
            var result = ArchitectureRules.adapterReadsNoStores(FIX + ".alpha", FIX + ".core.FixtureFacade",
                    Set.of(FIX + ".alpha.AlphaReadingStores")).evaluate(fixtures);
            assertThat(result.getFailureReport().getDetails())
                    .noneMatch(d -> d.contains("AlphaReadingStores"))
                    .anyMatch(d -> d.contains("AlphaReferencingStores"));
        }

        @Test
        void anAdapterUsingTheWholeFacadeIsCaught() {
            var result = ArchitectureRules.adapterDoesNotUseTheFacade(FIX + ".alpha", FIX + ".core.FixtureFacade",
                    Set.of(FIX + ".alpha.AlphaReadingStores")).evaluate(fixtures);
            assertThat(result.hasViolation()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .anyMatch(d -> d.contains("AlphaUsingTheFacade"))
                    .noneMatch(d -> d.contains("AlphaReadingStores"))
                    .noneMatch(d -> d.contains("AlphaUsingAUseCase"));
        }

        @Test
        void aRuleOverAnEmptyPackageFailsInsteadOfPassing() {
            var rule = ArchitectureRules.coreIsJdkOnly("dev.gatehouse.doesnotexist");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> rule.check(production))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("failed to check any classes");
        }
    }
}
