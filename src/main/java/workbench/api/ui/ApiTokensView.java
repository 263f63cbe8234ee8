package workbench.api.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import workbench.account.AccountException;
import workbench.api.ApiToken;
import workbench.api.ApiTokenService;
import workbench.api.NewApiToken;
import workbench.shared.Timestamps;
import workbench.ui.Notifications;

/**
 * The signed-in user's API tokens: make one (shown once), see when each was made and last
 * used, revoke. Every user has this page; a token can do what its user can.
 */
@Route("tokens")
@PermitAll
@PageTitle("API tokens · Prompt Workbench")
@Menu(title = "API tokens", order = 80, icon = "vaadin:key")
public class ApiTokensView extends VerticalLayout {

  private final ApiTokenService tokens;
  private final Grid<ApiToken> grid = new Grid<>();

  public ApiTokensView(ApiTokenService tokens) {
    this.tokens = tokens;
    var name = new TextField("Name");
    name.setId("token-name");
    name.setPlaceholder("what will use it, e.g. nightly grid script");
    name.setMaxLength(80);
    name.setWidth("24em");
    var create = new Button("Make token", e -> {
      try {
        show(tokens.create(name.getValue()));
        name.clear();
        refresh();
      } catch (AccountException ex) {
        Notifications.error(ex.getMessage());
      }
    });
    create.setId("create-token");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    var form = new HorizontalLayout(name, create);
    form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

    grid.setId("tokens");
    grid.addColumn(ApiToken::name).setHeader("Name").setFlexGrow(2);
    grid.addColumn(t -> t.prefix() + "…").setHeader("Token").setAutoWidth(true);
    grid.addColumn(t -> Timestamps.UTC_MINUTES.format(t.createdAt())).setHeader("Created (UTC)").setAutoWidth(true);
    grid.addColumn(t -> t.lastUsedAt().map(Timestamps.UTC_MINUTES::format).orElse("never")).setHeader("Last used (UTC)").setAutoWidth(true);
    grid.addColumn(t -> t.revokedAt().map(at -> "revoked " + Timestamps.UTC_MINUTES.format(at)).orElse("active")).setHeader("Status")
        .setAutoWidth(true);
    grid.addComponentColumn(this::revokeButton).setKey("revoke").setHeader("").setAutoWidth(true).setFlexGrow(0);
    grid.setAllRowsVisible(true);
    grid.setEmptyStateText("No tokens yet.");

    var docs = new Anchor("/swagger-ui.html", "the API's description (Swagger UI)");
    docs.setTarget("_blank");
    add(new H2("API tokens"),
        new Paragraph("A token lets a script use the REST API under /api/v1 as you, with your role: send it as"
            + " 'Authorization: Bearer <token>'. Revoke a token you no longer use."),
        new Paragraph(new Span("See "), docs, new Span(".")),
        form, grid);
    refresh();
  }

  private Button revokeButton(ApiToken token) {
    var revoke = new Button("Revoke", e -> {
      tokens.revoke(token.id());
      Notifications.success("Token '" + token.name() + "' revoked: it no longer works");
      refresh();
    });
    revoke.setId("revoke-" + token.id());
    revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
    revoke.setVisible(token.active());
    return revoke;
  }

  /** The token itself is shown here once; the server keeps only its hash. */
  private void show(NewApiToken made) {
    var dialog = new Dialog();
    dialog.setHeaderTitle("Token '" + made.token().name() + "' made");
    var secret = new Span(made.secret());
    secret.setId("new-token");
    secret.getStyle().set("font-family", "monospace").set("word-break", "break-all");
    dialog.add(new Paragraph("Copy it now: it is shown only this once."), secret);
    var done = new Button("Done", e -> dialog.close());
    done.setId("new-token-done");
    dialog.getFooter().add(done);
    dialog.open();
  }

  private void refresh() {
    grid.setItems(tokens.mine());
  }

}
