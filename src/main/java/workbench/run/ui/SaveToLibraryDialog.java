package workbench.run.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import workbench.library.Library;
import workbench.library.LibraryInputException;
import workbench.library.LibraryService;
import workbench.library.NotFoundException;
import workbench.library.PromptDraft;
import workbench.ui.Notifications;

/** Saves a prompt text (with its dialect) as a new prompt in a library of the user's choice. */
class SaveToLibraryDialog extends Dialog {

  final ComboBox<Library> library = new ComboBox<>("Library");
  final TextField title = new TextField("Title");
  final Button save = new Button("Save to library");

  SaveToLibraryDialog(LibraryService libraries, String text, String dialect) {
    setHeaderTitle("Save the prompt to a library");
    library.setId("save-library-choice");
    library.setItems(libraries.libraries(false));
    library.setItemLabelGenerator(Library::name);
    library.setWidthFull();
    title.setId("save-prompt-title");
    title.setWidthFull();
    title.setValue(text.length() > 60 ? text.substring(0, 60) + "…" : text);
    save.setId("save-prompt");
    save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    save.addClickListener(e -> {
      if (library.getValue() == null) {
        library.setInvalid(true);
        library.setErrorMessage("Choose a library");
        return;
      }
      try {
        var prompt = libraries.createPrompt(library.getValue().id(),
            new PromptDraft(title.getValue(), text, "", List.of(), "", dialect));
        Notifications.success("Saved to " + prompt.libraryName() + " as '" + prompt.title() + "'");
        close();
      } catch (LibraryInputException | NotFoundException ex) {
        title.setInvalid(true);
        title.setErrorMessage(ex.getMessage());
      }
    });
    add(library, title);
    getFooter().add(new Button("Cancel", e -> close()), save);
  }
}
