package dev.gatehouse.bootstrap.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

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
}
