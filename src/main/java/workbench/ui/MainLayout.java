package workbench.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;

/**
 * The shell around every page: the app's name, a side menu built from {@code @Menu} (Vaadin
 * leaves out the pages the user may not open), and who is signed in with "Sign out".
 */
@Layout
@AnonymousAllowed
public class MainLayout extends AppLayout {

  public MainLayout(AuthenticationContext authentication) {
    setPrimarySection(Section.DRAWER);
    var title = new H1("Prompt Workbench");
    title.addClassName("app-title");
    var tagline = new Span("generate → check → loop");
    tagline.addClassName("app-tagline");
    var nav = new SideNav();
    MenuConfiguration.getMenuEntries().forEach(entry -> nav.addItem(item(entry)));
    addToDrawer(title, tagline, new Scroller(nav));
    addToNavbar(new DrawerToggle());
    authentication.getPrincipalName().ifPresent(name -> {
      var user = new Span(name);
      user.setId("signed-in-user");
      user.getStyle().set("margin-left", "auto");
      var signOut = new Button("Sign out", e -> authentication.logout());
      signOut.setId("sign-out");
      signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
      signOut.getStyle().set("margin-right", "var(--lumo-space-m)");
      addToNavbar(user, signOut);
    });
  }

  private static SideNavItem item(MenuEntry entry) {
    var item = new SideNavItem(entry.title(), entry.path());
    if (entry.icon() != null) {
      item.setPrefixComponent(new Icon(entry.icon()));
    }
    return item;
  }
}
