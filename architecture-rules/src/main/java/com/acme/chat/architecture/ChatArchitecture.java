package com.acme.chat.architecture;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.Nullable;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules of the chat backend, in one place (docs/architecture.md,
 * "Architecture rules"). Every module with production code has an
 * {@code ArchitectureTest} that checks its own main classes with one call, e.g.
 * {@code ChatArchitecture.checkService(MessagingServiceApplication.class)}; a broken rule
 * therefore fails that module's unit tests and {@code ./mvnw verify}.
 * <p>
 * No rule can pass vacuously: every rule's subject is all classes of the module, and
 * {@code archRule.failOnEmptyShould} (see {@code archunit.properties}) fails a rule that
 * finds nothing to check. The individual rules are public so that tests can prove each
 * one reports a deliberate violation.
 */
public final class ChatArchitecture {

    /** Root package of every module of the project. */
    public static final String ROOT = "com.acme.chat";

    /** The six services; each owns the package {@code com.acme.chat.<service>}. */
    public static final List<String> SERVICES = List.of("wsmanager", "messaging", "relay", "group", "lastseen",
            "asset");

    static final String COMMON = ROOT + ".common";

    static final String SERVICE_KIT = ROOT + ".kit";

    static final String TEST_SUPPORT = ROOT + ".testsupport";

    static final String LOCAL_STACK = ROOT + ".localstack";

    static final String LOAD_TESTS = ROOT + ".loadtest";

    /**
     * Everything {@code common} may use besides itself (house style, section 3): the JDK
     * and APIs that are annotations or interfaces only, so that any service or client can
     * depend on the wire contract without inheriting a runtime.
     */
    static final String[] COMMON_MAY_USE = { "java..", COMMON + "..", "com.fasterxml.jackson.annotation..",
            "jakarta.validation..", "org.slf4j..", "org.jspecify.." };

    private static final String SPRING_CONTROLLER = "org.springframework.stereotype.Controller";

    private static final String SPRING_REPOSITORY = "org.springframework.stereotype.Repository";

    private static final String SPRING_DATA_REPOSITORY = "org.springframework.data.repository.Repository";

    /** {@code com.acme.chat.<service>.<feature>}: the depth of a feature package. */
    private static final int FEATURE_DEPTH = ROOT.split("\\.").length + 2;

    private ChatArchitecture() {
    }

    /**
     * Checks a service module: its classes live under its own package, use no other
     * service, no test code, keep controllers to their own feature's repositories, leak
     * no internals and have no cycles between feature packages.
     * @param application the service's {@code *Application} class, in
     * {@code com.acme.chat.<service>}
     */
    public static void checkService(Class<?> application) {
        String root = application.getPackageName();
        if (serviceOf(root) == null || !root.equals(ROOT + "." + serviceOf(root))) {
            throw new IllegalArgumentException(application.getName() + " is not in the root package of a service "
                    + SERVICES.stream().map(service -> ROOT + "." + service).toList());
        }
        check(application, residesUnder(root), noDependencyOnAnotherService(), noTestCodeInProduction(),
                controllersUseOnlyTheirOwnFeaturesRepositories(), noInternalLeaks(), featurePackagesAreFreeOfCycles());
    }

    /**
     * Checks {@code common}: only the JDK and the annotation APIs of
     * {@link #COMMON_MAY_USE}, so no Spring, no service-kit and no service.
     * @param anyClassOfCommon any production class of the module
     */
    public static void checkCommon(Class<?> anyClassOfCommon) {
        check(anyClassOfCommon, residesUnder(COMMON), commonUsesOnlyTheJdkAndAnnotationApis(), noInternalLeaks(),
                featurePackagesAreFreeOfCycles());
    }

    /**
     * Checks {@code service-kit}: it serves every service and so depends on none.
     * @param anyClassOfServiceKit any production class of the module
     */
    public static void checkServiceKit(Class<?> anyClassOfServiceKit) {
        check(anyClassOfServiceKit, residesUnder(SERVICE_KIT), noDependencyOnAnotherService(), noTestCodeInProduction(),
                controllersUseOnlyTheirOwnFeaturesRepositories(), noInternalLeaks(), featurePackagesAreFreeOfCycles());
    }

    /**
     * Checks {@code test-support}: shared by every service's tests, so it depends on no
     * service (it may use the local-stack launcher).
     * @param anyClassOfTestSupport any production class of the module
     */
    public static void checkTestSupport(Class<?> anyClassOfTestSupport) {
        check(anyClassOfTestSupport, residesUnder(TEST_SUPPORT), noDependencyOnAnotherService(), noInternalLeaks());
    }

    /**
     * Checks {@code load-tests}: a client of the public protocol, so no service classes
     * and no test code.
     * @param anyClassOfLoadTests any production class of the module
     */
    public static void checkLoadTests(Class<?> anyClassOfLoadTests) {
        check(anyClassOfLoadTests, residesUnder(LOAD_TESTS), noDependencyOnAnotherService(), noTestCodeInProduction(),
                noInternalLeaks());
    }

    /**
     * The production classes of the module that holds {@code anchor}: the classes
     * directory (or jar) the class was loaded from, without test classes and without the
     * module's dependencies.
     * @param anchor a main class of the module
     * @return the imported classes, never empty
     */
    public static JavaClasses productionClassesOf(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalArgumentException(anchor.getName() + " has no code source to import classes from");
        }
        URL location = source.getLocation();
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importLocations(List.of(Location.of(location)));
        if (!classes.contain(anchor)) {
            throw new IllegalStateException("Imported no production classes with " + anchor.getName() + " from "
                    + location + " (test classes and jars are not imported)");
        }
        return classes;
    }

    /**
     * Every class lives under the module's root package, so the package-based rules see
     * all of them.
     * @param rootPackage the module's root package
     * @return the rule
     */
    public static ArchRule residesUnder(String rootPackage) {
        return classes().should()
            .resideInAPackage(rootPackage + "..")
            .because("a module's classes live under its own root package, where the other rules look for them");
    }

    /**
     * No class uses another service's packages ({@code com.acme.chat.<service>..}); a
     * class that belongs to no service may use none.
     * @return the rule
     */
    public static ArchRule noDependencyOnAnotherService() {
        return classes().that()
            .resideInAPackage(ROOT + "..")
            .should(notDependOnAnotherService())
            .because("services share only common and service-kit, and talk to each other over HTTP and Kafka");
    }

    /**
     * {@code common} uses only the JDK and {@link #COMMON_MAY_USE}: no Spring, no
     * service-kit, no service.
     * @return the rule
     */
    public static ArchRule commonUsesOnlyTheJdkAndAnnotationApis() {
        return classes().that()
            .resideInAPackage(COMMON + "..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(COMMON_MAY_USE)
            .because("common is the framework-free wire contract that every service and client depends on");
    }

    /**
     * Production code never uses {@code test-support} or the local-stack launcher.
     * @return the rule
     */
    public static ArchRule noTestCodeInProduction() {
        return noClasses().that()
            .resideInAPackage(ROOT + "..")
            .and()
            .resideOutsideOfPackages(TEST_SUPPORT + "..", LOCAL_STACK + "..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TEST_SUPPORT + "..", LOCAL_STACK + "..")
            .because("test-support and the local-stack launcher start servers for tests and ./chatctl only");
    }

    /**
     * A controller (annotated {@code @Controller}/{@code @RestController} or named
     * {@code *Controller}) uses only the repositories ({@code *Repository},
     * {@code @Repository} or Spring Data repositories) of its own feature package
     * ({@code com.acme.chat.<service>.<feature>}).
     * @return the rule
     */
    public static ArchRule controllersUseOnlyTheirOwnFeaturesRepositories() {
        return classes().that()
            .resideInAPackage(ROOT + "..")
            .should(useOnlyTheirOwnFeaturesRepositoriesWhenControllers())
            .because("another feature's data is reached through that feature's service, which owns its rules");
    }

    /**
     * A class in a package {@code X.internal..} is used only by classes in {@code X} or
     * below it. This holds for libraries' internals too.
     * @return the rule
     */
    public static ArchRule noInternalLeaks() {
        return classes().that()
            .resideInAPackage(ROOT + "..")
            .should(useInternalPackagesOnlyFromTheirOwner())
            .because("an internal package is an implementation detail of the package that holds it");
    }

    /**
     * No cycles between the feature packages ({@code com.acme.chat.<module>.<feature>})
     * of a module.
     * @return the rule
     */
    public static ArchRule featurePackagesAreFreeOfCycles() {
        return slices().matching(ROOT + ".(*).(*)..")
            .namingSlices("$1.$2")
            .should()
            .beFreeOfCycles()
            .because("feature packages depend on each other in one direction, so each can be read and changed alone");
    }

    /**
     * Evaluates every rule against the module's production classes and fails with the
     * report of each violated rule (its description, then one line per offending class or
     * dependency with its source line).
     */
    private static void check(Class<?> anchor, ArchRule... rules) {
        JavaClasses classes = productionClassesOf(anchor);
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : rules) {
            EvaluationResult result = rule.evaluate(classes);
            if (result.hasViolation()) {
                failures.add(result.getFailureReport().toString());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(
                    "Architecture rules broken by the module of " + anchor.getName() + " (" + failures.size() + " of "
                            + rules.length + " rules, see docs/architecture.md):\n" + String.join("\n", failures));
        }
    }

    /** The service whose packages hold {@code packageName}, or null. */
    static @Nullable String serviceOf(String packageName) {
        for (String service : SERVICES) {
            String root = ROOT + "." + service;
            if (packageName.equals(root) || packageName.startsWith(root + ".")) {
                return service;
            }
        }
        return null;
    }

    /**
     * The feature package that holds {@code packageName}:
     * {@code com.acme.chat.<service>.<feature>}, or the package itself when it is not
     * that deep.
     */
    static String featureOf(String packageName) {
        String[] parts = packageName.split("\\.");
        return (parts.length <= FEATURE_DEPTH) ? packageName : String.join(".", Arrays.copyOf(parts, FEATURE_DEPTH));
    }

    /** The package {@code X} of a package {@code X.internal..}, or null. */
    static @Nullable String internalOwner(String packageName) {
        List<String> parts = Arrays.asList(packageName.split("\\."));
        int internal = parts.indexOf("internal");
        return (internal < 0) ? null : String.join(".", parts.subList(0, internal));
    }

    private static boolean isWithin(String packageName, String owner) {
        return packageName.equals(owner) || packageName.startsWith(owner + ".");
    }

    private static boolean isController(JavaClass type) {
        if (type.getSimpleName().endsWith("Controller") || type.isMetaAnnotatedWith(SPRING_CONTROLLER)) {
            return true;
        }
        Optional<JavaClass> enclosing = type.getEnclosingClass();
        return enclosing.isPresent() && isController(enclosing.get());
    }

    private static boolean isRepository(JavaClass type) {
        return type.getSimpleName().endsWith("Repository") || type.isMetaAnnotatedWith(SPRING_REPOSITORY)
                || type.isAssignableTo(SPRING_DATA_REPOSITORY);
    }

    private static ArchCondition<JavaClass> notDependOnAnotherService() {
        return new DependencyCondition("not depend on another service's packages") {
            @Override
            boolean violates(JavaClass origin, JavaClass target) {
                String service = serviceOf(target.getPackageName());
                return service != null && !service.equals(serviceOf(origin.getPackageName()));
            }
        };
    }

    private static ArchCondition<JavaClass> useOnlyTheirOwnFeaturesRepositoriesWhenControllers() {
        return new DependencyCondition("use, when they are controllers, only the repositories of their own feature") {
            @Override
            boolean violates(JavaClass origin, JavaClass target) {
                return isController(origin) && isRepository(target)
                        && !featureOf(target.getPackageName()).equals(featureOf(origin.getPackageName()));
            }
        };
    }

    private static ArchCondition<JavaClass> useInternalPackagesOnlyFromTheirOwner() {
        return new DependencyCondition("use an X.internal package only from X or below") {
            @Override
            boolean violates(JavaClass origin, JavaClass target) {
                String owner = internalOwner(target.getPackageName());
                return owner != null && !isWithin(origin.getPackageName(), owner);
            }
        };
    }

    /**
     * A condition on each direct dependency of a class: every offending dependency is
     * reported with ArchUnit's description (origin, target, and where in the source).
     */
    private abstract static class DependencyCondition extends ArchCondition<JavaClass> {

        DependencyCondition(String description) {
            super(description);
        }

        abstract boolean violates(JavaClass origin, JavaClass target);

        @Override
        public void check(JavaClass type, ConditionEvents events) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                if (violates(type, dependency.getTargetClass())) {
                    events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                }
            }
        }

    }

}
