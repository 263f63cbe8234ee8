package workbench.library.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import workbench.library.Library;
import workbench.library.LibraryInputException;
import workbench.library.LibraryService;
import workbench.ui.Notifications;

/** Deleting takes prompts and every version with it: the dialog says how many, and asks for the name. */
class DeleteLibraryDialog extends Dialog {

  final TextField confirm = new TextField("Type the library's name to confirm");

  DeleteLibraryDialog(LibraryService service, Library library, Runnable afterDelete) {
    var impact = service.deletionImpact(library.id());
    setHeaderTitle("Delete '" + library.name() + "'?");
    confirm.setId("confirm-delete-name");
    confirm.setWidthFull();
    add(
        new Paragraph(
            "This deletes " + impact.prompts() + " prompts and " + impact.versions()
                + " versions for good. Archive the library instead to hide it and keep everything."),
        confirm);
    var delete =
        new Button(
            "Delete for good",
            e -> {
              try {
                service.deleteLibrary(library.id(), confirm.getValue());
                Notifications.success("'" + library.name() + "' deleted");
                close();
                afterDelete.run();
              } catch (LibraryInputException ex) {
                confirm.setErrorMessage(ex.getMessage());
                confirm.setInvalid(true);
              }
            });
    delete.setId("confirm-delete");
    delete.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
    getFooter().add(new Button("Cancel", e -> close()), delete);
  }
}
