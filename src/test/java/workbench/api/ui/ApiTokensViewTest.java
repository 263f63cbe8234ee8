package workbench.api.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.LocatorJ;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.context.support.WithMockUser;
import workbench.KaribuTest;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.account.UserService;
import workbench.api.ApiToken;
import workbench.api.ApiTokenService;

/** The API tokens page: make a token and see it once, list it, revoke it; every signed-in user has it. */
class ApiTokensViewTest extends KaribuTest {

  @Autowired UserService users;
  @Autowired ApiTokenService tokens;
  @Autowired JdbcClient jdbc;

  @Test
  void aUserMakesATokenSeesItOnceAndRevokesIt() {
    var user = users.create(SignIn.unique("tokenista"), "tokenista-password", Role.VIEWER);
    SignIn.as(user);
    UI.getCurrent().navigate(ApiTokensView.class);

    _setValue(_get(TextField.class, spec -> spec.withId("token-name")), "laptop script");
    _click(_get(Button.class, spec -> spec.withId("create-token")));
    var secret = _get(Span.class, spec -> spec.withId("new-token")).getText();
    assertThat(secret).startsWith("pwb_");
    assertThat(jdbc.sql("select count(*) from api_token where token_sha256 = encode(sha256(?::bytea), 'hex')")
        .params(secret).query(Long.class).single()).as("stored as its SHA-256 only").isEqualTo(1);
    _click(_get(Button.class, spec -> spec.withId("new-token-done")));

    var listed = rows();
    assertThat(listed).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("laptop script");
      assertThat(secret).startsWith(t.prefix());
      assertThat(t.active()).isTrue();
      assertThat(t.lastUsedAt()).isEmpty();
    });
    MockVaadin.clientRoundtrip();
    LocatorJ._assertNone(Span.class, spec -> spec.withId("new-token"));
    assertThat(listed.get(0).toString()).as("the list never holds the token").doesNotContain(secret);

    _click((Button) GridKt._getCellComponent(grid(), 0, "revoke"));
    assertThat(rows().get(0).active()).isFalse();
    assertThat(tokens.mine()).allSatisfy(t -> assertThat(t.revokedAt()).isPresent());
  }

  @Test
  void anEmptyNameIsRefusedAndNothingIsMade() {
    var user = users.create(SignIn.unique("nameless"), "nameless-password", Role.EDITOR);
    SignIn.as(user);
    UI.getCurrent().navigate(ApiTokensView.class);
    _click(_get(Button.class, spec -> spec.withId("create-token")));
    assertThat(rows()).isEmpty();
  }

  @Test
  @WithMockUser(username = "viewer", roles = "VIEWER")
  void theMenuHasTheTokensPageForEveryone() {
    UI.getCurrent().navigate("");
    assertThat(_get(SideNav.class).getItems().stream().map(SideNavItem::getLabel)).contains("API tokens");
  }

  @SuppressWarnings("unchecked")
  private static Grid<ApiToken> grid() {
    return _get(Grid.class, spec -> spec.withId("tokens"));
  }

  private static List<ApiToken> rows() {
    var grid = grid();
    var out = new ArrayList<ApiToken>();
    for (int i = 0; i < GridKt._size(grid); i++) {
      out.add(GridKt._get(grid, i));
    }
    return out;
  }
}
