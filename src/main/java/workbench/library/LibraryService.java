package workbench.library;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.library.internal.LibraryEntity;
import workbench.library.internal.LibraryRepository;
import workbench.library.internal.PromptEntity;
import workbench.library.internal.PromptRepository;
import workbench.library.internal.PromptVersionEntity;
import workbench.library.internal.PromptVersionRepository;
import workbench.library.transfer.LibraryDocument;
import workbench.library.transfer.LibraryJson;
import workbench.library.transfer.StylesCsv;

/**
 * Prompt libraries: the public face of the feature. Every change runs in one transaction, so a
 * refused input saves nothing; every change of a prompt's text adds an immutable version.
 */
@Service
@Transactional
public class LibraryService {

  private final LibraryRepository libraries;
  private final PromptRepository prompts;
  private final PromptVersionRepository versions;
  private final LibrarySettings settings;
  private final PromptTerms terms;

  LibraryService(
      LibraryRepository libraries,
      PromptRepository prompts,
      PromptVersionRepository versions,
      LibrarySettings settings,
      PromptTerms terms) {
    this.libraries = libraries;
    this.prompts = prompts;
    this.versions = versions;
    this.settings = settings;
    this.terms = terms;
  }

  // --- libraries -------------------------------------------------------------------------

  @Transactional(readOnly = true)
  public List<Library> libraries(boolean includeArchived) {
    return libraries.findAllByOrderByNameAsc().stream()
        .filter(l -> includeArchived || !l.isArchived())
        .map(this::toLibrary)
        .toList();
  }

  @Transactional(readOnly = true)
  public Library library(long id) {
    return toLibrary(libraryEntity(id));
  }

  public Library createLibrary(String name, String description) {
    var cleanName = uniqueName(InputRules.name(name), -1);
    var entity = libraries.save(new LibraryEntity(cleanName, InputRules.description(description)));
    return toLibrary(entity);
  }

  public Library renameLibrary(long id, String name) {
    var entity = libraryEntity(id);
    entity.setName(uniqueName(InputRules.name(name), id));
    return toLibrary(entity);
  }

  public Library describeLibrary(long id, String description) {
    var entity = libraryEntity(id);
    entity.setDescription(InputRules.description(description));
    return toLibrary(entity);
  }

  /** Archived libraries leave the list and search but keep everything; they can come back. */
  public Library archiveLibrary(long id, boolean archived) {
    var entity = libraryEntity(id);
    entity.setArchived(archived);
    return toLibrary(entity);
  }

  /** What deleting would remove, for the confirm dialog. */
  @Transactional(readOnly = true)
  public DeletionImpact deletionImpact(long id) {
    var entity = libraryEntity(id);
    return new DeletionImpact(entity.getName(), prompts.countByLibrary(id), versions.countByLibrary(id));
  }

  /**
   * Deletes a library with its prompts and versions. The caller confirms by repeating the
   * library's name, so nothing goes by a slipped click.
   */
  public void deleteLibrary(long id, String confirmName) {
    var entity = libraryEntity(id);
    if (!entity.getName().equals(confirmName.strip())) {
      throw new LibraryInputException(
          "confirm", "Type the library's name, '" + entity.getName() + "', to delete it");
    }
    libraries.delete(entity);
  }

  // --- prompts ---------------------------------------------------------------------------

  @Transactional(readOnly = true)
  public List<PromptSummary> prompts(long libraryId) {
    libraryEntity(libraryId);
    return prompts.findByLibrary(libraryId).stream().map(this::toSummary).toList();
  }

  @Transactional(readOnly = true)
  public Prompt prompt(long promptId) {
    return toPrompt(promptEntity(promptId));
  }

  /** A new prompt with its first version. */
  public Prompt createPrompt(long libraryId, PromptDraft draft) {
    var library = libraryEntity(libraryId);
    var title = InputRules.title(draft.title());
    InputRules.text(draft.text(), draft.negativeText());
    checkTitleFree(library, title, -1);
    var entity = new PromptEntity(library, title);
    entity.setTags(new java.util.TreeSet<>(InputRules.tags(draft.tags())));
    entity.setNotes(InputRules.notes(draft.notes()));
    var parsed = terms.parseStrict(draft.text(), draft.dialect());
    prompts.save(entity);
    addVersion(entity, draft.text(), draft.negativeText(), parsed, author(), Instant.now());
    library.touch();
    return toPrompt(entity);
  }

  /**
   * Saves title, tags and notes, and adds a version when the text or negative text changed
   * (saving the same text again adds nothing).
   */
  public Prompt savePrompt(long promptId, PromptDraft draft) {
    var entity = promptEntity(promptId);
    var title = InputRules.title(draft.title());
    InputRules.text(draft.text(), draft.negativeText());
    checkTitleFree(entity.getLibrary(), title, promptId);
    var tags = InputRules.tags(draft.tags());
    var notes = InputRules.notes(draft.notes());
    if (!title.equals(entity.getTitle())) {
      entity.setTitle(title);
    }
    if (!new java.util.TreeSet<>(tags).equals(entity.getTags())) {
      entity.setTags(new java.util.TreeSet<>(tags));
    }
    if (!notes.equals(entity.getNotes())) {
      entity.setNotes(notes);
    }
    var parsed = terms.parseStrict(draft.text(), draft.dialect());
    var latest = entity.latestVersion();
    if (latest == null
        || !latest.getText().equals(draft.text())
        || !latest.getNegativeText().equals(draft.negativeText())) {
      addVersion(entity, draft.text(), draft.negativeText(), parsed, author(), Instant.now());
    }
    return toPrompt(entity);
  }

  public void deletePrompt(long promptId) {
    prompts.delete(promptEntity(promptId));
  }

  /** Word-level diff from version {@code older} to version {@code newer} of one prompt. */
  @Transactional(readOnly = true)
  public List<DiffSegment> diff(long promptId, int older, int newer) {
    var prompt = prompt(promptId);
    return VersionDiff.between(prompt.version(older).text(), prompt.version(newer).text());
  }

  /** Prompts whose title, a tag or latest text contains the query, across libraries. */
  @Transactional(readOnly = true)
  public List<PromptSummary> search(String query) {
    var q = query.strip().toLowerCase(Locale.ROOT);
    if (q.isEmpty()) {
      return List.of();
    }
    var like = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return prompts.search(like).stream().map(this::toSummary).toList();
  }

  // --- import / export -------------------------------------------------------------------

  @Transactional(readOnly = true)
  public String exportJson(long libraryId) {
    var library = libraryEntity(libraryId);
    var docs = new ArrayList<LibraryDocument.PromptDocument>();
    for (var prompt : prompts.findByLibrary(libraryId)) {
      var versionDocs =
          versions.findByPrompt(prompt.getId()).stream()
              .map(
                  v ->
                      new LibraryDocument.VersionDocument(
                          v.getNumber(),
                          v.getText(),
                          v.getNegativeText(),
                          nonNull(v.getDialect()),
                          nonNull(v.getTermsJson()),
                          v.getAuthor(),
                          v.getCreatedAt()))
              .toList();
      docs.add(
          new LibraryDocument.PromptDocument(
              prompt.getTitle(), List.copyOf(prompt.getTags()), prompt.getNotes(), versionDocs));
    }
    return LibraryJson.write(
        new LibraryDocument(
            LibraryDocument.FORMAT, LibraryDocument.VERSION, library.getName(), library.getDescription(), docs));
  }

  /** Imports a library file as a new library; all or nothing. */
  public ImportResult importJson(InputStream in) {
    return importDocument(LibraryJson.read(in, settings.maxImportSize().toBytes()));
  }

  /** Imports an A1111 styles.csv as a new library named {@code libraryName}; all or nothing. */
  public ImportResult importStylesCsv(String libraryName, InputStream in) {
    var name = InputRules.name(libraryName);
    return importDocument(StylesCsv.read(in, settings.maxImportSize().toBytes(), name, author()));
  }

  private ImportResult importDocument(LibraryDocument document) {
    var wanted = InputRules.name(document.name());
    var name = freeName(wanted);
    var library = libraries.save(new LibraryEntity(name, InputRules.description(document.description())));
    int versionCount = 0;
    for (int i = 0; i < document.prompts().size(); i++) {
      var p = document.prompts().get(i);
      var where = "prompt " + (i + 1) + " ('" + p.title() + "')";
      try {
        var title = InputRules.title(p.title());
        checkTitleFree(library, title, -1);
        if (p.versions().isEmpty()) {
          throw new LibraryInputException("versions", "it has no versions");
        }
        var entity = new PromptEntity(library, title);
        entity.setTags(new java.util.TreeSet<>(InputRules.tags(p.tags())));
        entity.setNotes(InputRules.notes(p.notes()));
        prompts.save(entity);
        for (var v : p.versions()) {
          InputRules.text(v.text(), v.negativeText());
          // A version keeps its recorded parse; one without is parsed now if it can be.
          var parsed =
              v.termsJson().isBlank()
                  ? terms.parseLenient(v.text(), v.dialect())
                  : new PromptTerms.Parsed(v.dialect(), v.termsJson());
          addVersion(entity, v.text(), v.negativeText(), parsed, v.author(), v.createdAt());
          versionCount++;
        }
      } catch (LibraryInputException e) {
        throw new ImportException("In " + where + ": " + e.getMessage() + ". Nothing was imported.");
      }
    }
    return new ImportResult(toLibrary(library), document.prompts().size(), versionCount, !name.equals(wanted));
  }

  // --- helpers ---------------------------------------------------------------------------

  private void addVersion(
      PromptEntity prompt, String text, String negative, PromptTerms.Parsed parsed, String author, Instant at) {
    int number = prompt.getVersions().size() + 1;
    var version =
        new PromptVersionEntity(prompt, number, text, negative, parsed.dialect(), parsed.termsJson(), author, at);
    versions.save(version);
    prompt.getVersions().add(version);
  }

  private String author() {
    return settings.defaultAuthor();
  }

  private String uniqueName(String name, long selfId) {
    libraries
        .findByNameIgnoreCase(name)
        .filter(other -> other.getId() != selfId)
        .ifPresent(
            other -> {
              throw new LibraryInputException(
                  "name", "A library named '" + other.getName() + "' already exists");
            });
    return name;
  }

  /** An imported library whose name is taken gets " (2)", " (3)", ... rather than failing. */
  private String freeName(String name) {
    var candidate = name;
    for (int n = 2; libraries.findByNameIgnoreCase(candidate).isPresent(); n++) {
      var suffix = " (" + n + ")";
      candidate = name.substring(0, Math.min(name.length(), LibraryLimits.NAME - suffix.length())) + suffix;
    }
    return candidate;
  }

  private void checkTitleFree(LibraryEntity library, String title, long selfId) {
    prompts
        .findByLibraryAndTitle(library.getId(), title)
        .filter(other -> other.getId() != selfId)
        .ifPresent(
            other -> {
              throw new LibraryInputException(
                  "title", "'" + library.getName() + "' already has a prompt titled '" + other.getTitle() + "'");
            });
  }

  private LibraryEntity libraryEntity(long id) {
    return libraries.findById(id).orElseThrow(() -> new NotFoundException("library " + id));
  }

  private PromptEntity promptEntity(long id) {
    return prompts.findById(id).orElseThrow(() -> new NotFoundException("prompt " + id));
  }

  private Library toLibrary(LibraryEntity l) {
    return new Library(l.getId(), l.getName(), l.getDescription(), l.isArchived(), prompts.countByLibrary(l.getId()), l.getUpdatedAt());
  }

  private PromptSummary toSummary(PromptEntity p) {
    var latest = p.latestVersion();
    return new PromptSummary(
        p.getId(),
        p.getLibrary().getId(),
        p.getLibrary().getName(),
        p.getTitle(),
        List.copyOf(p.getTags()),
        latest == null ? "" : latest.getText(),
        p.getVersions().size(),
        p.getUpdatedAt());
  }

  private Prompt toPrompt(PromptEntity p) {
    var versionList =
        p.getVersions().stream()
            .map(
                v ->
                    new PromptVersion(
                        v.getId(),
                        p.getId(),
                        v.getNumber(),
                        v.getText(),
                        v.getNegativeText(),
                        nonNull(v.getDialect()),
                        nonNull(v.getTermsJson()),
                        v.getAuthor(),
                        v.getCreatedAt()))
            .toList();
    return new Prompt(
        p.getId(), p.getLibrary().getId(), p.getLibrary().getName(), p.getTitle(), List.copyOf(p.getTags()), p.getNotes(), versionList);
  }

  private static String nonNull(@org.jspecify.annotations.Nullable String s) {
    return s == null ? "" : s;
  }
}
