package workbench.account.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.Arrays;
import java.util.List;
import workbench.account.Visibility;
import workbench.ui.Notifications;

/** Who may read a library or a grid: the visibility, and for SHARED the users by name. */
public class ShareDialog extends Dialog {

  /** Saves the choice; throws with a message when it is refused (an unknown user name). */
  @FunctionalInterface
  public interface Save {
    void save(Visibility visibility, List<String> usernames);
  }

  public ShareDialog(String what, Visibility current, List<String> sharedWith, List<Visibility> choices, Save save) {
    setHeaderTitle("Share " + what);
    var visibility = new Select<Visibility>();
    visibility.setLabel("Who may read it");
    visibility.setItems(choices);
    visibility.setItemLabelGenerator(Visibility::label);
    visibility.setValue(current);
    visibility.setId("share-visibility");
    var users = new TextField("Users (comma-separated names)");
    users.setValue(String.join(", ", sharedWith));
    users.setWidthFull();
    users.setId("share-users");
    users.setEnabled(current == Visibility.SHARED);
    visibility.addValueChangeListener(e -> users.setEnabled(e.getValue() == Visibility.SHARED));
    add(new VerticalLayout(visibility, users));
    var ok = new Button("Save", e -> {
      try {
        var names = Arrays.stream(users.getValue().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        save.save(visibility.getValue(), names);
        Notifications.success(what + ": " + visibility.getValue().label());
        close();
      } catch (IllegalArgumentException ex) {
        Notifications.error(ex.getMessage());
      }
    });
    ok.setId("share-save");
    ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    getFooter().add(new Button("Cancel", e -> close()), ok);
  }
}
