package workbench.account;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

/** Every page says who may open it (Vaadin denies unannotated views; a new page should decide). */
@AnalyzeClasses(packages = "workbench", importOptions = ImportOption.DoNotIncludeTests.class)
class ViewAccessTest {

  @ArchTest
  static final ArchRule everyRouteHasAnAccessAnnotation =
      classes().that().areAnnotatedWith(Route.class)
          .should().beAnnotatedWith(PermitAll.class)
          .orShould().beAnnotatedWith(RolesAllowed.class)
          .orShould().beAnnotatedWith(AnonymousAllowed.class)
          .orShould().beAnnotatedWith(DenyAll.class);
}
