package workbench.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import workbench.KaribuTest;
import workbench.account.AppUser;
import workbench.account.AuditEvent;
import workbench.admin.ui.AdminView;
import workbench.library.ui.LibrariesView;
import workbench.run.ui.GenerateView;

/** The admin page, and what the pages show (or refuse) to viewers and signed-out visitors. */
class AccountViewsTest extends KaribuTest {

  @Test
  void anAdminAddsAUserAndSeesTheirPasswordOnce() {
    UI.getCurrent().navigate("admin");
    var name = "newbie-" + UUID.randomUUID().toString().substring(0, 6);
    _setValue(_get(TextField.class, spec -> spec.withId("new-user-name")), name);
    _click(_get(Button.class, spec -> spec.withId("add-user")));

    assertThat(_get(Span.class, spec -> spec.withId("generated-password")).getText()).hasSize(16);
    @SuppressWarnings("unchecked")
    Grid<AppUser> users = _get(Grid.class, spec -> spec.withId("users"));
    assertThat(GridKt._size(users)).isPositive();
    var names = new ArrayList<String>();
    for (int i = 0; i < GridKt._size(users); i++) {
      names.add(GridKt._get(users, i).username());
    }
    assertThat(names).contains(name);
    @SuppressWarnings("unchecked")
    Grid<AuditEvent> audit = _get(Grid.class, spec -> spec.withId("audit"));
    assertThat(GridKt._get(audit, 0).action()).isEqualTo("user.create");
    assertThat(GridKt._get(audit, 0).targetId()).isEqualTo(name);
  }

  @Test
  void theAdminMenuEntryIsForAdmins() {
    UI.getCurrent().navigate("");
    assertThat(menuTitles()).contains("Admin", "Generate", "Libraries");
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void aViewerBrowsesButCannotOpenAdminOrGenerateNorSeesEditButtons() {
    UI.getCurrent().navigate("");
    assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LibrariesView.class);
    _assertNone(Button.class, spec -> spec.withId("new-library")); // hidden: Karibu finds only what is shown
    assertThat(menuTitles()).contains("Libraries").doesNotContain("Admin", "Generate");

    UI.getCurrent().navigate("admin");
    assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(AdminView.class);
    UI.getCurrent().navigate("generate");
    assertThat(UI.getCurrent().getCurrentView()).isNotInstanceOf(GenerateView.class);
  }

  @Test
  @WithAnonymousUser
  void aSignedOutVisitorIsSentToTheLoginPage() {
    UI.getCurrent().navigate("");
    assertThat(UI.getCurrent().getCurrentView()).isInstanceOf(LoginView.class);
  }

  private static List<String> menuTitles() {
    return _get(SideNav.class).getItems().stream().map(SideNavItem::getLabel).toList();
  }
}
