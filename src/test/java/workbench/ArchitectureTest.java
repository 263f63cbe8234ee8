package workbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.vaadin.flow.router.Route;
import jakarta.persistence.Entity;
import org.springframework.data.repository.Repository;

/**
 * The rules of the layout that are not about which module may use which (those are
 * {@link ModularityTest}'s: Spring Modulith reads them from each module's package-info): the
 * pure-Java modules use no framework, the loop no application framework, pages live in ui packages and reach data only through
 * services, and entities stay inside their feature.
 */
@AnalyzeClasses(packages = "workbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule pureJavaPackagesUseNoFrameworks =
      noClasses().that().resideInAnyPackage("workbench.prompt..", "workbench.sketchbook..")
          // package-info carries Spring Modulith's module annotation, read by tests only.
          .and().doNotHaveSimpleName("package-info")
          .should().dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "com.vaadin..", "jakarta.persistence..", "ai.djl..");

  /** The loop runs in the CLI and tests without a Spring context: DJL, yes; Spring, Vaadin, JPA, no. */
  @ArchTest
  static final ArchRule theLoopUsesNoApplicationFramework =
      noClasses().that().resideInAPackage("workbench.loop..")
          .and().doNotHaveSimpleName("package-info")
          .should().dependOnClassesThat()
          .resideInAnyPackage("org.springframework..", "com.vaadin..", "jakarta.persistence..", "javax.sql..");

  @ArchTest
  static final ArchRule viewsLiveInUiPackages =
      classes().that().areAnnotatedWith(Route.class)
          .should().resideInAPackage("..ui..");

  @ArchTest
  static final ArchRule viewsReachDataOnlyThroughServices =
      noClasses().that().resideInAPackage("..ui..")
          .should().dependOnClassesThat().areAssignableTo(Repository.class)
          .orShould().dependOnClassesThat().areAnnotatedWith(Entity.class)
          .orShould().dependOnClassesThat().resideInAPackage("..internal..");

  @ArchTest
  static final ArchRule entitiesStayInTheirFeature =
      classes().that().areAnnotatedWith(Entity.class)
          .should().resideInAPackage("..internal..")
          .andShould(onlyBeUsedWithinTheirFeature());

  /** The feature of {@code workbench.library.internal.X} is {@code workbench.library}. */
  private static ArchCondition<JavaClass> onlyBeUsedWithinTheirFeature() {
    return new ArchCondition<>("only be used within their feature package") {
      @Override
      public void check(JavaClass entity, ConditionEvents events) {
        var feature = feature(entity.getPackageName());
        entity.getDirectDependenciesToSelf().forEach(dependency -> {
          var user = dependency.getOriginClass();
          if (!feature(user.getPackageName()).equals(feature)) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        });
      }
    };
  }

  private static String feature(String packageName) {
    var parts = packageName.split("\\.");
    return parts.length >= 2 ? parts[0] + "." + parts[1] : packageName;
  }
}
