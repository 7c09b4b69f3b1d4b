package dev.gatehouse.bootstrap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.List;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The module walls as rules over package roots, so that the same rules run over the real code and
 * over planted violations ({@code dev.gatehouse.archfixture}). Every rule fails on an empty "should"
 * (see {@code archunit.properties}), so a renamed package cannot make a rule pass by matching nothing.
 */
final class ArchitectureRules {
    private ArchitectureRules() {
    }

    /** The core depends on the JDK and itself only (whitelist, not blacklist). */
    static ArchRule coreIsJdkOnly(String corePackage) {
        return classes().that().resideInAPackage(corePackage + "..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        // javax.net.ssl: the webhook sender's TLS (SSLSocket); JDK, like javax.crypto
                        corePackage + "..", "java..", "javax.crypto..", "javax.net.ssl..")
                .because("core-domain is plain Java: an embedder adds it without any framework");
    }

    /** Feature packages never reach into the memory adapter (only the facade and tests may). */
    static ArchRule featuresDoNotDependOnMemory(String corePackage) {
        return noClasses().that().resideInAPackage(corePackage + ".(*)..")
                .and().resideOutsideOfPackage(corePackage + ".memory..")
                .should().dependOnClassesThat().resideInAPackage(corePackage + ".memory..")
                .because("the memory stores are one implementation of the ports, not part of the domain");
    }

    /** No adapter depends on another adapter: they meet only in bootstrap. */
    static ArchRule adapterIsIndependent(String adapter, List<String> otherAdapters) {
        return noClasses().that().resideInAPackage(adapter + "..")
                .should().dependOnClassesThat().resideInAnyPackage(otherAdapters.stream().map(p -> p + "..").toArray(String[]::new))
                .because("adapters are independent; bootstrap wires them together");
    }

    /**
     * An adapter's classes are not public, except its module factory (a Micronaut {@code @Factory}),
     * so other modules can reach the implementations only through it.
     */
    static ArchRule adapterClassesAreHidden(String adapter) {
        return classes().that().resideInAPackage(adapter + "..")
                .and().areTopLevelClasses()
                .and().areNotAnnotatedWith("io.micronaut.context.annotation.Factory")
                // Micronaut's generated bean definitions, introspections and repository implementations
                .and().haveNameNotMatching(".*\\.\\$.*")
                .should().notBePublic()
                .because("adapter implementations are reachable only through their module's factory");
    }

    /**
     * The core's features form no package cycle, at both grains: its top-level feature packages
     * ({@code keys}, {@code tenancy}, {@code roles}, …, each with its sub-packages) and every single
     * package ({@code tenancy} apart from {@code tenancy.projects}). A feature that needs another's
     * behaviour either depends on it one way or names a port in {@code shared} (e.g. {@code Quota}).
     */
    static ArchRule featureSlicesAreFreeOfCycles(String corePackage) {
        return slices().matching(corePackage + ".(*)..").namingSlices("feature $1")
                .should().beFreeOfCycles()
                .because("a feature can be read, tested and changed from its own folder outwards (ADR 0026)");
    }

    /** Every single package of the core, sub-packages apart, is free of cycles too. */
    static ArchRule packagesAreFreeOfCycles(String corePackage) {
        return slices().matching(corePackage + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .because("a feature can be read, tested and changed from its own folder outwards (ADR 0026)");
    }

    /**
     * A driven port of the core: an interface outside the memory adapter that a memory store
     * implements ({@code ApiKeys}, {@code Users}, {@code EventOutbox}, …).
     */
    static DescribedPredicate<JavaClass> portOf(String corePackage) {
        String memory = corePackage + ".memory";
        return DescribedPredicate.describe("a driven port of " + corePackage + " (an interface a memory store implements)",
                c -> c.isInterface() && c.getPackageName().startsWith(corePackage + ".")
                        && !c.getPackageName().startsWith(memory)
                        && c.getAllSubclasses().stream().anyMatch(s -> s.getPackageName().startsWith(memory)));
    }

    /**
     * An adapter that drives the core (HTTP) reaches it through use cases only, never through a
     * store port: what a route does is a use case, so it is the same for an embedder.
     */
    static ArchRule drivingAdapterUsesNoPorts(String adapter, String corePackage) {
        return noClasses().that().resideInAPackage(adapter + "..")
                .should().dependOnClassesThat(portOf(corePackage))
                .because("the HTTP adapter depends on use cases, never on the core's store ports (ADR 0026)");
    }

    /**
     * Classes other than the named ones, their nested classes and Micronaut's bean definitions of them
     * ({@code pkg.$Name$Definition}): a rule's temporary exceptions.
     */
    static DescribedPredicate<JavaClass> noneOf(Set<String> exceptions) {
        return DescribedPredicate.describe("are not one of " + exceptions.stream().sorted().toList(),
                c -> exceptions.stream().noneMatch(e -> isOrBelongsTo(c.getName(), e)));
    }

    private static boolean isOrBelongsTo(String name, String exception) {
        int dot = exception.lastIndexOf('.');
        String generated = exception.substring(0, dot + 1) + "$" + exception.substring(dot + 1) + "$";
        return name.equals(exception) || name.startsWith(exception + "$") || name.startsWith(generated);
    }

    /**
     * An adapter never reads the facade's stores: it neither calls {@code stores()} nor hands the
     * method on by reference. It may build a {@code Stores} record for the facade (bootstrap does);
     * what it needs from the core is a use case or a feature's bean (ADR 0026).
     *
     * @param facade     the facade's fully qualified name ({@code dev.gatehouse.core.Gatehouse})
     * @param exceptions classes still being converted, by fully qualified name
     */
    static ArchRule adapterReadsNoStores(String adapter, String facade, Set<String> exceptions) {
        return noClasses().that().resideInAPackage(adapter + "..").and(noneOf(exceptions))
                .should().callMethod(facade, "stores")
                .orShould(referenceMethod(facade, "stores"))
                .because("no adapter reads the facade's stores: it injects a feature's use cases or beans (ADR 0026)");
    }

    /**
     * A method reference ({@code facade::stores}) to the named method, which {@code callMethod} does
     * not see. Each reference is a satisfied event: under {@code noClasses()} that is the violation.
     */
    private static ArchCondition<JavaClass> referenceMethod(String owner, String name) {
        return new ArchCondition<>("reference method " + owner + "." + name + "()") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                c.getMethodReferencesFromSelf().stream()
                        .filter(r -> r.getTargetOwner().getFullName().equals(owner) && r.getName().equals(name))
                        .forEach(r -> events.add(SimpleConditionEvent.satisfied(c, r.getDescription())));
            }
        };
    }

    /**
     * A driving adapter injects its feature's use cases, never the whole facade.
     *
     * @param exceptions classes still being converted, by fully qualified name
     */
    static ArchRule adapterDoesNotUseTheFacade(String adapter, String facade, Set<String> exceptions) {
        return noClasses().that().resideInAPackage(adapter + "..").and(noneOf(exceptions))
                .should().dependOnClassesThat().haveFullyQualifiedName(facade)
                .because("controllers and filters inject their feature's use cases, never the facade (ADR 0026)");
    }
}
