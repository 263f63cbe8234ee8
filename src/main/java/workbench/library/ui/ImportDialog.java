package workbench.library.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.function.Consumer;
import workbench.library.ImportException;
import workbench.library.ImportResult;
import workbench.library.LibraryInputException;
import workbench.library.LibraryService;
import workbench.ui.Notifications;

/**
 * Import a library: a workbench JSON file, or an A1111 styles.csv (named by the field). A
 * refused file imports nothing and the dialog shows why.
 */
class ImportDialog extends Dialog {

  final TextField csvName = new TextField("Library name (for styles.csv)");
  final Paragraph error = new Paragraph();
  final Upload upload;

  ImportDialog(LibraryService service, Consumer<ImportResult> afterImport) {
    setHeaderTitle("Import a library");
    csvName.setValue("A1111 styles");
    csvName.setWidthFull();
    error.addClassName("import-error");
    error.setId("import-error");
    error.setVisible(false);
    upload =
        new Upload(
            UploadHandler.inMemory(
                (metadata, data) ->
                    receive(service, afterImport, metadata.fileName(), data)));
    upload.setAcceptedFileTypes(".json", ".csv", "application/json", "text/csv");
    upload.setMaxFiles(1);
    upload.setDropLabel(new Span("Drop a .json library or a styles.csv here"));
    add(
        new Paragraph(
            "A .json file made by “Export” restores a library with every prompt, version, tag and note. "
                + "An A1111 styles.csv (name,prompt,negative_prompt) becomes one prompt per style."),
        csvName,
        upload,
        error);
    getFooter().add(new Button("Close", e -> close()));
  }

  private void receive(LibraryService service, Consumer<ImportResult> afterImport, String fileName, byte[] data) {
    var ui = UI.getCurrent();
    Runnable work =
        () -> {
          try {
            var in = new ByteArrayInputStream(data);
            var result =
                fileName.toLowerCase(Locale.ROOT).endsWith(".csv")
                    ? service.importStylesCsv(csvName.getValue(), in)
                    : service.importJson(in);
            error.setVisible(false);
            Notifications.success(
                "Imported '" + result.library().name() + "': " + result.prompts() + " prompts, "
                    + result.versions() + " versions"
                    + (result.renamed() ? " (renamed: the name was taken)" : ""));
            afterImport.accept(result);
            close();
          } catch (ImportException | LibraryInputException e) {
            error.setText(fileName + ": " + e.getMessage());
            error.setVisible(true);
            upload.clearFileList();
          }
        };
    if (ui != null) {
      ui.access(work::run);
    } else {
      work.run();
    }
  }
}
