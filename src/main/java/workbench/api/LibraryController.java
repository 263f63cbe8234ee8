package workbench.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import workbench.library.ImportResult;
import workbench.library.Library;
import workbench.library.LibraryService;
import workbench.library.Prompt;
import workbench.library.PromptDraft;
import workbench.library.PromptSummary;

/**
 * Libraries and their prompts. Creating needs the editor role; a library the caller may not
 * read is "not found". Every changed text is a new immutable version.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Libraries", description = "Prompt libraries, prompts and their versions")
class LibraryController {

  private final LibraryService libraries;

  LibraryController(LibraryService libraries) {
    this.libraries = libraries;
  }

  record LibraryRequest(@Schema(example = "Hands") String name,
      @Schema(example = "Wordings that get five fingers") String description) {
    LibraryRequest {
      name = name == null ? "" : name;
      description = description == null ? "" : description;
    }
  }

  record PromptRequest(
      @Schema(example = "five fingers") String title,
      @Schema(example = "a hand:: five fingers::2") String text,
      @Schema(example = "") String negativeText,
      @Schema(example = "[\"hands\"]") List<String> tags,
      @Schema(example = "Weighting the count helps?") String notes,
      @Schema(description = "midjourney, a1111 or compel; empty: detected from the text", example = "") String dialect) {
    PromptRequest {
      title = title == null ? "" : title;
      text = text == null ? "" : text;
      negativeText = negativeText == null ? "" : negativeText;
      tags = tags == null ? List.of() : List.copyOf(tags);
      notes = notes == null ? "" : notes;
      dialect = dialect == null ? "" : dialect;
    }
  }

  record VersionRequest(@Schema(example = "a hand:: five fingers::3") String text,
      @Schema(example = "") String negativeText, @Schema(example = "") String dialect) {
    VersionRequest {
      text = text == null ? "" : text;
      negativeText = negativeText == null ? "" : negativeText;
      dialect = dialect == null ? "" : dialect;
    }
  }

  @GetMapping("/libraries")
  @Operation(summary = "Libraries you may read")
  List<Library> libraries(@RequestParam(defaultValue = "false") boolean archived) {
    return libraries.libraries(archived);
  }

  @PostMapping("/libraries")
  @Operation(summary = "Make a library", description = "Yours and private until shared. Editors only; names are unique per owner (409).")
  @ApiResponse(responseCode = "201", description = "Made; Location is its address")
  @Refusal(403)
  @Refusal(value = 409, when = "You already have a library of this name")
  ResponseEntity<Library> createLibrary(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
      examples = @ExampleObject(name = "hands", value = "{\"name\": \"Hands\", \"description\": \"Wordings that get five fingers\"}")))
      @RequestBody LibraryRequest request) {
    var library = libraries.createLibrary(request.name(), request.description());
    return ResponseEntity.created(URI.create("/api/v1/libraries/" + library.id())).body(library);
  }

  @GetMapping(value = "/libraries/{id}/styles.csv", produces = "text/csv")
  @Operation(summary = "The library as A1111's styles.csv",
      description = "Each prompt's latest text and negative prompt, in the order they were made, as A1111 saves the file"
          + " (UTF-8 with BOM, CRLF).")
  @ApiResponse(responseCode = "200", description = "The file, as an attachment named styles.csv",
      content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
  @Refusal(404)
  ResponseEntity<byte[]> stylesCsv(@PathVariable long id) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"styles.csv\"")
        .body(libraries.exportStylesCsv(id));
  }

  @PostMapping(value = "/libraries/styles.csv", consumes = {"text/csv", "application/octet-stream"})
  @Operation(summary = "Import an A1111 styles.csv as a new library",
      description = "The body is the file. One prompt per style, in the A1111 dialect, in the file's order; all or"
          + " nothing (400 naming the row and column). Editors only. A name you already use gets \" (2)\" (renamed).")
  @ApiResponse(responseCode = "201", description = "Imported; Location is the new library's address")
  @Refusal(value = 400, when = "The file is not a styles.csv A1111 reads: the detail names the row and column")
  @Refusal(403)
  ResponseEntity<ImportResult> importStylesCsv(@RequestParam String name,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "The styles.csv file (UTF-8, BOM or not)",
          content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
              @Content(mediaType = "application/octet-stream", schema = @Schema(type = "string", format = "binary"))})
      @RequestBody byte[] csv) {
    var result = libraries.importStylesCsv(name, new ByteArrayInputStream(csv));
    return ResponseEntity.created(URI.create("/api/v1/libraries/" + result.library().id())).body(result);
  }

  @GetMapping("/libraries/{id}")
  @Operation(summary = "One library")
  @Refusal(404)
  Library library(@PathVariable long id) {
    return libraries.library(id);
  }

  @GetMapping("/libraries/{id}/prompts")
  @Operation(summary = "The prompts of a library, each with its latest text")
  @Refusal(404)
  List<PromptSummary> prompts(@PathVariable long id) {
    return libraries.prompts(id);
  }

  @PostMapping("/libraries/{id}/prompts")
  @Operation(summary = "Add a prompt", description = "Its text must parse (a syntax error answers 400 with the column)."
      + " The prompt starts with version 1.")
  @ApiResponse(responseCode = "201", description = "Made; Location is the prompt's address")
  @Refusal(403)
  @Refusal(404)
  @Refusal(value = 409, when = "The library already has a prompt with this title")
  ResponseEntity<Prompt> createPrompt(@PathVariable long id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(name = "weighted",
          value = "{\"title\": \"five fingers\", \"text\": \"a hand:: five fingers::2\", \"tags\": [\"hands\"]}")))
      @RequestBody PromptRequest request) {
    var prompt = libraries.createPrompt(id, new PromptDraft(request.title(), request.text(), request.negativeText(),
        request.tags(), request.notes(), request.dialect()));
    return ResponseEntity.created(URI.create("/api/v1/prompts/" + prompt.id())).body(prompt);
  }

  @GetMapping("/prompts/{id}")
  @Operation(summary = "A prompt with all its versions, oldest first")
  @Refusal(404)
  Prompt prompt(@PathVariable long id) {
    return libraries.prompt(id);
  }

  @PostMapping("/prompts/{id}/versions")
  @Operation(summary = "Save a new version of a prompt's text",
      description = "201 with the prompt when the text changed (the new version is last); 200 when it is the same text.")
  @ApiResponse(responseCode = "200", description = "The same text: no new version")
  @ApiResponse(responseCode = "201", description = "Saved as a new version, the last of versions")
  @Refusal(403)
  @Refusal(404)
  @Refusal(value = 409, when = "Someone saved the prompt at the same time: read it again and retry")
  ResponseEntity<Prompt> addVersion(@PathVariable long id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(name = "reweighted",
          value = "{\"text\": \"a hand:: five fingers::3\"}")))
      @RequestBody VersionRequest request) {
    var current = libraries.prompt(id);
    var saved = libraries.savePrompt(id, new PromptDraft(current.title(), request.text(), request.negativeText(),
        current.tags(), current.notes(), request.dialect()));
    return saved.versions().size() > current.versions().size()
        ? ResponseEntity.created(URI.create("/api/v1/prompts/" + id)).body(saved)
        : ResponseEntity.ok(saved);
  }
}
