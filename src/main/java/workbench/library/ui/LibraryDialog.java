package workbench.library.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import workbench.library.LibraryInputException;
import workbench.library.LibraryLimits;

/** Name and description of a library; stays open with the message when the save is refused. */
class LibraryDialog extends Dialog {

  interface SaveAction {
    void save(String name, String description);
  }

  final TextField name = new TextField("Name");
  final TextArea description = new TextArea("Description");

  LibraryDialog(String title, String currentName, String currentDescription, SaveAction action) {
    setHeaderTitle(title);
    name.setValue(currentName);
    name.setMaxLength(LibraryLimits.NAME);
    name.setHelperText("1–" + LibraryLimits.NAME + " characters, unique");
    name.setRequired(true);
    name.setId("library-name");
    description.setValue(currentDescription);
    description.setMaxLength(LibraryLimits.DESCRIPTION);
    add(new FormLayout(name, description));
    var save =
        new Button(
            "Save",
            e -> {
              try {
                action.save(name.getValue(), description.getValue());
                close();
              } catch (LibraryInputException ex) {
                // The dialog stays open with what was typed.
                var field = ex.field().equals("description") ? description : name;
                if (field == name) {
                  name.setErrorMessage(ex.getMessage());
                  name.setInvalid(true);
                } else {
                  description.setErrorMessage(ex.getMessage());
                  description.setInvalid(true);
                }
              }
            });
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.setId("save-library");
    getFooter().add(new Button("Cancel", e -> close()), save);
  }
}
