package com.acme.chat.architecture;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.acme.chat.asset.cyclefixturea.CycleA;
import com.acme.chat.asset.cyclefixtureb.CycleB;
import com.acme.chat.asset.cyclefixturec.CycleFree;
import com.acme.chat.common.archfixture.CommonFixtures;
import com.acme.chat.group.invitefixture.InviteFixtures;
import com.acme.chat.group.rosterfixture.RosterFixtures;
import com.acme.chat.kit.archfixture.KitFixtures;
import com.acme.chat.localstack.archfixture.LocalStackFixtures;
import com.acme.chat.messaging.archfixture.MessagingFixtures;
import com.acme.chat.relay.archfixture.RelayFixtures;
import com.acme.chat.relay.otherfixture.Outsider;
import com.acme.chat.relay.queuefixture.QueueFacade;
import com.acme.chat.relay.queuefixture.internal.QueueInternals;
import com.acme.chat.relay.queuefixture.sub.QueueDetail;
import com.acme.chat.testsupport.archfixture.TestSupportFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves that each rule reports a deliberate violation (fixture classes under
 * {@code src/test} break them on purpose), accepts the compliant shape, and cannot pass
 * by looking at nothing.
 */
class ChatArchitectureTest {

    @Test
    void reportsAServiceUsingAnotherService() {
        EvaluationResult result = ChatArchitecture.noDependencyOnAnotherService()
            .evaluate(importClasses(MessagingFixtures.ReachesIntoRelay.class, RelayFixtures.RelayQueue.class,
                    MessagingFixtures.MessagingOnly.class));

        assertViolationsOnlyBy(result, MessagingFixtures.ReachesIntoRelay.class, RelayFixtures.RelayQueue.class);
    }

    @Test
    void reportsServiceKitUsingAService() {
        EvaluationResult result = ChatArchitecture.noDependencyOnAnotherService()
            .evaluate(importClasses(KitFixtures.ReachesIntoService.class, KitFixtures.KitHelper.class,
                    MessagingFixtures.MessagingOnly.class));

        assertViolationsOnlyBy(result, KitFixtures.ReachesIntoService.class, MessagingFixtures.MessagingOnly.class);
    }

    @Test
    void letsAServiceUseItsOwnPackages() {
        EvaluationResult result = ChatArchitecture.noDependencyOnAnotherService()
            .evaluate(importClasses(MessagingFixtures.MessagingOnly.class, RelayFixtures.RelayQueue.class,
                    QueueFacade.class, QueueInternals.class, QueueDetail.class));

        assertThat(result.hasViolation()).as(report(result)).isFalse();
    }

    @Test
    void reportsCommonUsingSpring() {
        EvaluationResult result = ChatArchitecture.commonUsesOnlyTheJdkAndAnnotationApis()
            .evaluate(importClasses(CommonFixtures.UsesSpring.class, CommonFixtures.ContractRecord.class));

        assertViolationsOnlyBy(result, CommonFixtures.UsesSpring.class, "org.springframework.util.Assert");
    }

    @Test
    void reportsCommonUsingServiceKit() {
        EvaluationResult result = ChatArchitecture.commonUsesOnlyTheJdkAndAnnotationApis()
            .evaluate(importClasses(CommonFixtures.UsesServiceKit.class, CommonFixtures.ContractRecord.class));

        assertViolationsOnlyBy(result, CommonFixtures.UsesServiceKit.class, KitFixtures.KitHelper.class);
    }

    @Test
    void reportsCommonUsingAService() {
        EvaluationResult result = ChatArchitecture.commonUsesOnlyTheJdkAndAnnotationApis()
            .evaluate(importClasses(CommonFixtures.UsesService.class, CommonFixtures.ContractRecord.class));

        assertViolationsOnlyBy(result, CommonFixtures.UsesService.class, MessagingFixtures.MessagingOnly.class);
    }

    @Test
    void letsCommonUseTheJdkAndAnnotationApis() {
        EvaluationResult result = ChatArchitecture.commonUsesOnlyTheJdkAndAnnotationApis()
            .evaluate(importClasses(CommonFixtures.ContractRecord.class));

        assertThat(result.hasViolation()).as(report(result)).isFalse();
    }

    @Test
    void reportsProductionCodeUsingTestSupport() {
        EvaluationResult result = ChatArchitecture.noTestCodeInProduction()
            .evaluate(importClasses(MessagingFixtures.UsesTestSupport.class, MessagingFixtures.MessagingOnly.class,
                    TestSupportFixtures.TestServers.class));

        assertViolationsOnlyBy(result, MessagingFixtures.UsesTestSupport.class, TestSupportFixtures.TestServers.class);
    }

    @Test
    void reportsProductionCodeUsingTheLocalStackLauncher() {
        EvaluationResult result = ChatArchitecture.noTestCodeInProduction()
            .evaluate(importClasses(MessagingFixtures.UsesLocalStack.class, MessagingFixtures.MessagingOnly.class,
                    LocalStackFixtures.Launcher.class));

        assertViolationsOnlyBy(result, MessagingFixtures.UsesLocalStack.class, LocalStackFixtures.Launcher.class);
    }

    @Test
    void reportsAControllerNamedSoUsingAnotherFeaturesRepository() {
        EvaluationResult result = ChatArchitecture.controllersUseOnlyTheirOwnFeaturesRepositories()
            .evaluate(importClasses(InviteFixtures.InviteController.class, RosterFixtures.RosterRepository.class));

        assertViolationsOnlyBy(result, InviteFixtures.InviteController.class, RosterFixtures.RosterRepository.class);
    }

    @Test
    void reportsAnAnnotatedControllerUsingAnotherFeaturesStereotypedRepository() {
        EvaluationResult result = ChatArchitecture.controllersUseOnlyTheirOwnFeaturesRepositories()
            .evaluate(importClasses(InviteFixtures.InviteEndpoint.class, RosterFixtures.RosterStore.class));

        assertViolationsOnlyBy(result, InviteFixtures.InviteEndpoint.class, RosterFixtures.RosterStore.class);
    }

    @Test
    void reportsARestControllerUsingAnotherFeaturesSpringDataRepository() {
        EvaluationResult result = ChatArchitecture.controllersUseOnlyTheirOwnFeaturesRepositories()
            .evaluate(importClasses(InviteFixtures.InviteApi.class, RosterFixtures.RosterEntries.class));

        assertViolationsOnlyBy(result, InviteFixtures.InviteApi.class, RosterFixtures.RosterEntries.class);
    }

    @Test
    void letsControllersUseTheirOwnRepositoriesAndServicesUseAnyFeature() {
        EvaluationResult result = ChatArchitecture.controllersUseOnlyTheirOwnFeaturesRepositories()
            .evaluate(importClasses(RosterFixtures.RosterController.class, RosterFixtures.RosterRepository.class,
                    RosterFixtures.RosterStore.class, RosterFixtures.RosterEntries.class,
                    InviteFixtures.InviteService.class));

        assertThat(result.hasViolation()).as(report(result)).isFalse();
    }

    @Test
    void reportsAnInternalPackageUsedFromOutsideItsOwner() {
        EvaluationResult result = ChatArchitecture.noInternalLeaks()
            .evaluate(importClasses(Outsider.class, QueueFacade.class, QueueDetail.class, QueueInternals.class));

        assertViolationsOnlyBy(result, Outsider.class, QueueInternals.class);
    }

    @Test
    void letsAnInternalPackageBeUsedByItsOwnerAndBelow() {
        EvaluationResult result = ChatArchitecture.noInternalLeaks()
            .evaluate(importClasses(QueueFacade.class, QueueDetail.class, QueueInternals.class));

        assertThat(result.hasViolation()).as(report(result)).isFalse();
    }

    @Test
    void reportsACycleBetweenFeaturePackages() {
        EvaluationResult result = ChatArchitecture.featurePackagesAreFreeOfCycles()
            .evaluate(importClasses(CycleA.class, CycleB.class, CycleFree.class, QueueFacade.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(report(result)).contains("asset.cyclefixturea")
            .contains("asset.cyclefixtureb")
            .doesNotContain("asset.cyclefixturec");
    }

    @Test
    void letsFeaturePackagesDependInOneDirection() {
        EvaluationResult result = ChatArchitecture.featurePackagesAreFreeOfCycles()
            .evaluate(importClasses(CycleFree.class, QueueFacade.class, QueueInternals.class, CycleA.class));

        assertThat(result.hasViolation()).as(report(result)).isFalse();
    }

    @Test
    void reportsAClassOutsideTheModulesRootPackage() {
        EvaluationResult result = ChatArchitecture.residesUnder("com.acme.chat.messaging")
            .evaluate(importClasses(MessagingFixtures.MessagingOnly.class, RelayFixtures.RelayQueue.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).singleElement()
            .asString()
            .contains(RelayFixtures.RelayQueue.class.getName());
    }

    @ParameterizedTest
    @MethodSource("everyRule")
    void failsARuleThatFindsNothingToCheck(ArchRule rule) {
        JavaClasses nothing = new ClassFileImporter().importClasses(List.of());

        assertThatThrownBy(() -> rule.evaluate(nothing)).isInstanceOf(AssertionError.class)
            .hasMessageContaining("failed to check any classes");
    }

    @Test
    void reportsTheBrokenRulesOfAModuleTogether() {
        assertThatThrownBy(() -> ChatArchitecture.checkLoadTests(ChatArchitecture.class))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("(1 of 4 rules")
            .hasMessageContaining("Class <" + ChatArchitecture.class.getName()
                    + "> does not reside in a package 'com.acme.chat.loadtest..'")
            .hasMessageNotContaining("should not depend on another service's packages");
    }

    @Test
    void importsOnlyTheModulesOwnProductionClasses() {
        JavaClasses classes = ChatArchitecture.productionClassesOf(ChatArchitecture.class);

        assertThat(classes).isNotEmpty()
            .allSatisfy(type -> assertThat(type.getPackageName()).startsWith("com.acme.chat.architecture"));
        assertThat(classes.contain(ChatArchitectureTest.class)).isFalse();
    }

    @Test
    void refusesToCheckTestClasses() {
        assertThatIllegalStateException().isThrownBy(() -> ChatArchitecture.productionClassesOf(CycleA.class))
            .withMessageContaining("Imported no production classes");
    }

    @Test
    void refusesAServiceAnchorOutsideAServicesRootPackage() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> ChatArchitecture.checkService(MessagingFixtures.MessagingOnly.class))
            .withMessageContaining("not in the root package of a service");
    }

    @Test
    void mapsPackagesToServicesFeaturesAndInternalOwners() {
        assertThat(ChatArchitecture.serviceOf("com.acme.chat.relay.queue")).isEqualTo("relay");
        assertThat(ChatArchitecture.serviceOf("com.acme.chat.relay")).isEqualTo("relay");
        assertThat(ChatArchitecture.serviceOf("com.acme.chat.relayx")).isNull();
        assertThat(ChatArchitecture.serviceOf("com.acme.chat.kit.web")).isNull();
        assertThat(ChatArchitecture.featureOf("com.acme.chat.relay.queue.internal"))
            .isEqualTo("com.acme.chat.relay.queue");
        assertThat(ChatArchitecture.featureOf("com.acme.chat.relay")).isEqualTo("com.acme.chat.relay");
        assertThat(ChatArchitecture.internalOwner("com.acme.chat.relay.queue.internal.paging"))
            .isEqualTo("com.acme.chat.relay.queue");
        assertThat(ChatArchitecture.internalOwner("com.acme.chat.relay.queue")).isNull();
    }

    static Stream<ArchRule> everyRule() {
        return Stream.of(ChatArchitecture.residesUnder("com.acme.chat.messaging"),
                ChatArchitecture.noDependencyOnAnotherService(),
                ChatArchitecture.commonUsesOnlyTheJdkAndAnnotationApis(), ChatArchitecture.noTestCodeInProduction(),
                ChatArchitecture.controllersUseOnlyTheirOwnFeaturesRepositories(), ChatArchitecture.noInternalLeaks(),
                ChatArchitecture.featurePackagesAreFreeOfCycles());
    }

    private static JavaClasses importClasses(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    /**
     * The rule failed, and every reported line is a dependency of {@code origin} on
     * {@code target}: nothing else in the imported classes was reported.
     */
    private static void assertViolationsOnlyBy(EvaluationResult result, Class<?> origin, Class<?> target) {
        assertViolationsOnlyBy(result, origin, target.getName());
    }

    private static void assertViolationsOnlyBy(EvaluationResult result, Class<?> origin, String target) {
        assertThat(result.hasViolation()).as("the rule reports a violation").isTrue();
        assertThat(result.getFailureReport().getDetails()).isNotEmpty()
            .allSatisfy(detail -> assertThat(detail).contains(origin.getName()).contains(target));
    }

    private static String report(EvaluationResult result) {
        return result.getFailureReport().toString();
    }

}
