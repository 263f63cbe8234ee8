package workbench.library;

import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import workbench.account.AccountException;
import workbench.account.AuditLog;
import workbench.account.CurrentUser;
import workbench.account.LimitSettings;
import workbench.account.Visibility;
import workbench.library.internal.LibraryEntity;
import workbench.library.internal.LibraryRepository;
import workbench.library.internal.PromptEntity;
import workbench.library.internal.PromptRepository;
import workbench.library.internal.PromptVersionEntity;
import workbench.library.internal.PromptVersionRepository;
import workbench.library.transfer.LibraryDocument;
import workbench.library.transfer.LibraryJson;
import workbench.library.transfer.StylesCsv;
import workbench.shared.LikePatterns;

/**
 * Prompt libraries: the public face of the feature. Every change runs in one transaction, so a
 * refused input saves nothing; every change of a prompt's text adds an immutable version.
 *
 * <p>Viewers read, editors create and change; only a library's owner or an admin changes or
 * shares it. A library the caller may not read does not exist for them (NotFound).
 */
@Service
@Transactional
@PreAuthorize("hasRole('VIEWER')")
public class LibraryService {

  private final LibraryRepository libraries;
  private final PromptRepository prompts;
  private final PromptVersionRepository versions;
  private final LibrarySettings settings;
  private final PromptTerms terms;
  private final CurrentUser currentUser;
  private final AuditLog audit;
  private final LimitSettings limits;

  LibraryService(
      LibraryRepository libraries,
      PromptRepository prompts,
      PromptVersionRepository versions,
      LibrarySettings settings,
      PromptTerms terms,
      CurrentUser currentUser,
      AuditLog audit,
      LimitSettings limits) {
    this.libraries = libraries;
    this.prompts = prompts;
    this.versions = versions;
    this.settings = settings;
    this.terms = terms;
    this.currentUser = currentUser;
    this.audit = audit;
    this.limits = limits;
  }

  // --- libraries -------------------------------------------------------------------------

  @Transactional(readOnly = true)
  public List<Library> libraries(boolean includeArchived) {
    return libraries.findAllByOrderByNameAsc().stream()
        .filter(l -> includeArchived || !l.isArchived())
        .filter(this::readable)
        .map(this::toLibrary)
        .toList();
  }

  @Transactional(readOnly = true)
  public Library library(long id) {
    return toLibrary(libraryEntity(id));
  }

  /** A new library owned by the caller, private until shared. */
  @PreAuthorize("hasRole('EDITOR')")
  public Library createLibrary(String name, String description) {
    var owner = currentUser.ownerIdForNew();
    var cleanName = uniqueName(owner, InputRules.name(name), -1);
    var entity = libraries.save(new LibraryEntity(cleanName, InputRules.description(description), owner, Visibility.PRIVATE.name()));
    audit.record("library.create", "library", entity.getId(), entity.getName());
    return toLibrary(entity);
  }

  @PreAuthorize("hasRole('EDITOR')")
  public Library renameLibrary(long id, String name) {
    var entity = changeableLibrary(id);
    var old = entity.getName();
    entity.setName(uniqueName(entity.getOwnerId(), InputRules.name(name), id));
    audit.record("library.rename", "library", id, old + " → " + entity.getName());
    return toLibrary(entity);
  }

  @PreAuthorize("hasRole('EDITOR')")
  public Library describeLibrary(long id, String description) {
    var entity = changeableLibrary(id);
    entity.setDescription(InputRules.description(description));
    audit.record("library.edit", "library", id, entity.getName() + ": description");
    return toLibrary(entity);
  }

  /** Archived libraries leave the list and search but keep everything; they can come back. */
  @PreAuthorize("hasRole('EDITOR')")
  public Library archiveLibrary(long id, boolean archived) {
    var entity = changeableLibrary(id);
    entity.setArchived(archived);
    audit.record(archived ? "library.archive" : "library.unarchive", "library", id, entity.getName());
    return toLibrary(entity);
  }

  /**
   * Who besides the owner and admins may read the library: nobody ({@code PRIVATE}), the
   * named users ({@code SHARED}), or every signed-in user ({@code EVERYONE}).
   */
  @PreAuthorize("hasRole('EDITOR')")
  public Library share(long id, Visibility visibility, List<String> usernames) {
    if (visibility == Visibility.PUBLIC) {
      throw new AccountException("Libraries are not public: share with everyone signed in instead");
    }
    var entity = changeableLibrary(id);
    var ids = visibility == Visibility.SHARED ? currentUser.idsOf(usernames) : Set.<Long>of();
    entity.setVisibility(visibility.name());
    entity.setSharedWith(ids);
    audit.record("library.share", "library", id, entity.getName() + ": " + visibility
        + (ids.isEmpty() ? "" : " with " + String.join(", ", currentUser.usernamesOf(ids))));
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
  @PreAuthorize("hasRole('EDITOR')")
  public void deleteLibrary(long id, String confirmName) {
    var entity = changeableLibrary(id);
    if (!entity.getName().equals(confirmName.strip())) {
      throw new LibraryInputException(
          "confirm", "Type the library's name, '" + entity.getName() + "', to delete it");
    }
    libraries.delete(entity);
    audit.record("library.delete", "library", id, entity.getName());
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
  @PreAuthorize("hasRole('EDITOR')")
  public Prompt createPrompt(long libraryId, PromptDraft draft) {
    var library = changeableLibrary(libraryId);
    var title = InputRules.title(draft.title());
    InputRules.text(draft.text(), draft.negativeText(), limits);
    checkTitleFree(library, title, -1);
    var entity = new PromptEntity(library, title);
    entity.setTags(new TreeSet<>(InputRules.tags(draft.tags())));
    entity.setNotes(InputRules.notes(draft.notes()));
    var parsed = terms.parseStrict(draft.text(), draft.dialect());
    prompts.save(entity);
    addVersion(entity, draft.text(), draft.negativeText(), parsed, author(), Instant.now());
    library.touch();
    audit.record("prompt.create", "prompt", entity.getId(), library.getName() + " / " + title);
    return toPrompt(entity);
  }

  /**
   * Saves title, tags and notes, and adds a version when the text or negative text changed
   * (saving the same text again adds nothing).
   */
  @PreAuthorize("hasRole('EDITOR')")
  public Prompt savePrompt(long promptId, PromptDraft draft) {
    var entity = promptEntity(promptId);
    checkChange(entity.getLibrary());
    var title = InputRules.title(draft.title());
    InputRules.text(draft.text(), draft.negativeText(), limits);
    checkTitleFree(entity.getLibrary(), title, promptId);
    var tags = InputRules.tags(draft.tags());
    var notes = InputRules.notes(draft.notes());
    if (!title.equals(entity.getTitle())) {
      entity.setTitle(title);
    }
    if (!new TreeSet<>(tags).equals(entity.getTags())) {
      entity.setTags(new TreeSet<>(tags));
    }
    if (!notes.equals(entity.getNotes())) {
      entity.setNotes(notes);
    }
    var parsed = terms.parseStrict(draft.text(), draft.dialect());
    var latest = entity.latestVersion();
    int had = entity.getVersions().size();
    try {
      if (latest == null
          || !latest.getText().equals(draft.text())
          || !latest.getNegativeText().equals(draft.negativeText())) {
        addVersion(entity, draft.text(), draft.negativeText(), parsed, author(), Instant.now());
      }
      // Here, not at commit, so that a concurrent save is told as such (and nothing is kept).
      prompts.flush();
    } catch (DataIntegrityViolationException
        | OptimisticLockingFailureException e) {
      if (e instanceof DataIntegrityViolationException && !uniqueViolation(e)) {
        throw e;
      }
      throw new VersionConflictException("Prompt " + promptId + " was saved by someone else at the same time"
          + " (it had " + had + " versions when this save began): nothing of this save was stored;"
          + " reload the prompt and save again", e);
    }
    audit.record("prompt.edit", "prompt", promptId, entity.getLibrary().getName() + " / " + title
        + ", version " + entity.getVersions().size());
    return toPrompt(entity);
  }

  @PreAuthorize("hasRole('EDITOR')")
  public void deletePrompt(long promptId) {
    var entity = promptEntity(promptId);
    checkChange(entity.getLibrary());
    prompts.delete(entity);
    audit.record("prompt.delete", "prompt", promptId, entity.getLibrary().getName() + " / " + entity.getTitle());
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
    var like = LikePatterns.containsLowerCase(q);
    return prompts.search(like).stream().filter(p -> readable(p.getLibrary())).map(this::toSummary).toList();
  }

  // --- import / export -------------------------------------------------------------------

  @Transactional(readOnly = true)
  public String exportJson(long libraryId) {
    var library = libraryEntity(libraryId);
    var docs = new ArrayList<LibraryDocument.PromptDocument>();
    for (var prompt : prompts.findByLibraryInOrderMade(libraryId)) {
      // The same records the prompt page sees, so export and page never disagree.
      // An imported version is exported with what its file claimed (its provenance), so a file
      // passes through the workbench unchanged; on import it is a claim again, never authorship.
      var entities = prompt.getVersions();
      var records = toPrompt(prompt).versions();
      var versionDocs = new ArrayList<LibraryDocument.VersionDocument>();
      for (int i = 0; i < records.size(); i++) {
        var v = records.get(i);
        var e = entities.get(i);
        versionDocs.add(new LibraryDocument.VersionDocument(v.number(), v.text(), v.negativeText(), v.dialect(),
            v.termsJson(), e.getImportedAuthor() != null ? e.getImportedAuthor() : v.author(),
            e.getImportedAt() != null ? e.getImportedAt() : v.createdAt()));
      }
      docs.add(
          new LibraryDocument.PromptDocument(
              prompt.getTitle(), List.copyOf(prompt.getTags()), prompt.getNotes(), versionDocs));
    }
    return LibraryJson.write(
        new LibraryDocument(
            LibraryDocument.FORMAT, LibraryDocument.VERSION, library.getName(), library.getDescription(), docs));
  }

  /**
   * The library as A1111's styles.csv: every prompt's latest text and negative prompt, in the
   * order they were made (an imported file's order), in A1111's bytes.
   */
  @Transactional(readOnly = true)
  public byte[] exportStylesCsv(long libraryId) {
    libraryEntity(libraryId);
    var styles = new ArrayList<StylesCsv.Style>();
    for (var prompt : prompts.findByLibraryInOrderMade(libraryId)) {
      var latest = prompt.latestVersion();
      if (latest != null) {
        styles.add(new StylesCsv.Style(prompt.getTitle(), latest.getText(), latest.getNegativeText()));
      }
    }
    return StylesCsv.write(styles);
  }

  /**
   * The A1111 styles the caller may read: prompts tagged {@value StylesCsv#TAG} (every style of
   * an imported styles.csv; any prompt can be tagged so), library by library, each library in
   * its file's order.
   */
  @Transactional(readOnly = true)
  public List<PromptSummary> styles() {
    return prompts.findTagged(StylesCsv.TAG).stream().filter(p -> readable(p.getLibrary())).map(this::toSummary).toList();
  }

  /**
   * A1111's "apply style" ({@code modules/styles.py}, {@code merge_prompts}): the style's
   * prompt with every {@code {prompt}} replaced by {@code prompt}, or {@code prompt} and the
   * style joined by ", " when the style has none (empty parts left out); the negative prompt
   * likewise. The style is {@code styleId}'s latest version. Nothing is saved.
   */
  @Transactional(readOnly = true)
  public StyledPrompt applyStyle(long styleId, String prompt, String negativePrompt) {
    var style = prompt(styleId).latest();
    return new StyledPrompt(StylesCsv.apply(style.text(), prompt), StylesCsv.apply(style.negativeText(), negativePrompt),
        style.dialect());
  }

  /** Imports a library file as a new library of the caller's; all or nothing. */
  @PreAuthorize("hasRole('EDITOR')")
  public ImportResult importJson(InputStream in) {
    return importDocument(LibraryJson.read(in, settings.maxImportSize().toBytes()));
  }

  /** Imports an A1111 styles.csv as a new library named {@code libraryName}; all or nothing. */
  @PreAuthorize("hasRole('EDITOR')")
  public ImportResult importStylesCsv(String libraryName, InputStream in) {
    var name = InputRules.name(libraryName);
    return importDocument(StylesCsv.read(in, settings.maxImportSize().toBytes(), name, author()));
  }

  private ImportResult importDocument(LibraryDocument document) {
    String wanted;
    String description;
    try {
      wanted = InputRules.name(document.name());
      description = InputRules.description(document.description());
    } catch (LibraryInputException e) {
      throw new ImportException("The library's " + e.field() + ": " + e.getMessage() + ". Nothing was imported.");
    }
    var owner = currentUser.ownerIdForNew();
    var name = freeName(owner, wanted);
    var library = libraries.save(new LibraryEntity(name, description, owner, Visibility.PRIVATE.name()));
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
        entity.setTags(new TreeSet<>(InputRules.tags(p.tags())));
        entity.setNotes(InputRules.notes(p.notes()));
        prompts.save(entity);
        for (int n = 0; n < p.versions().size(); n++) {
          var v = p.versions().get(n);
          try {
            InputRules.text(v.text(), v.negativeText(), limits);
            // The file's parse is not trusted: the text is parsed here, in the (checked) dialect.
            var parsed = terms.parseLenient(v.text(), InputRules.dialect(v.dialect()));
            // The importer is the author; what the file claims is kept as provenance.
            var claimedAuthor = InputRules.author(v.author());
            addVersion(entity, v.text(), v.negativeText(), parsed, author(), Instant.now(),
                version -> version.setProvenance(claimedAuthor, v.createdAt()));
          } catch (LibraryInputException e) {
            throw new LibraryInputException(e.field(), "version " + (n + 1) + ": " + e.getMessage());
          }
          versionCount++;
        }
      } catch (LibraryInputException e) {
        throw new ImportException("In " + where + ": " + e.getMessage() + ". Nothing was imported.");
      }
    }
    // Flushed here, so that nothing the checks missed surfaces as a bare database error at commit.
    prompts.flush();
    audit.record("library.import", "library", library.getId(), name + ": " + document.prompts().size() + " prompts");
    return new ImportResult(toLibrary(library), document.prompts().size(), versionCount, !name.equals(wanted));
  }

  // --- helpers ---------------------------------------------------------------------------

  private void addVersion(
      PromptEntity prompt, String text, String negative, PromptTerms.Parsed parsed, String author, Instant at) {
    addVersion(prompt, text, negative, parsed, author, at, version -> {});
  }

  /** {@code before} completes the version before it is written: versions are never updated. */
  private void addVersion(PromptEntity prompt, String text, String negative, PromptTerms.Parsed parsed, String author,
      Instant at, Consumer<PromptVersionEntity> before) {
    int number = prompt.getVersions().size() + 1;
    var version =
        new PromptVersionEntity(prompt, number, text, negative, parsed.dialect(), parsed.termsJson(), author, at);
    before.accept(version);
    versions.save(version);
    prompt.getVersions().add(version);
  }

  /** A unique index refused the row (PostgreSQL's 23505): here, the next version number taken. */
  private static boolean uniqueViolation(Throwable e) {
    for (var c = e; c != null; c = c.getCause()) {
      if (c instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  /** Versions record who saved them. */
  private String author() {
    return currentUser.name();
  }

  private String uniqueName(@Nullable Long owner, String name, long selfId) {
    libraries
        .findByOwnerAndName(owner == null ? 0 : owner, name)
        .filter(other -> other.getId() != selfId)
        .ifPresent(
            other -> {
              throw new NameTakenException(
                  "name", "A library named '" + other.getName() + "' already exists");
            });
    return name;
  }

  /** An imported library whose name is taken gets " (2)", " (3)", ... rather than failing. */
  private String freeName(@Nullable Long owner, String name) {
    var candidate = name;
    for (int n = 2; libraries.findByOwnerAndName(owner == null ? 0 : owner, candidate).isPresent(); n++) {
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
              throw new NameTakenException(
                  "title", "'" + library.getName() + "' already has a prompt titled '" + other.getTitle() + "'");
            });
  }

  /** A library the caller may read; any other is "not found", so its existence stays private. */
  private LibraryEntity libraryEntity(long id) {
    return libraries.findById(id).filter(this::readable).orElseThrow(() -> new NotFoundException("library " + id));
  }

  private LibraryEntity changeableLibrary(long id) {
    var entity = libraryEntity(id);
    checkChange(entity);
    return entity;
  }

  private void checkChange(LibraryEntity library) {
    currentUser.checkChange(library.getOwnerId(), "library '" + library.getName() + "'");
  }

  private boolean readable(LibraryEntity l) {
    return currentUser.canRead(l.getOwnerId(), Visibility.valueOf(l.getVisibility()), l.getSharedWith());
  }

  private PromptEntity promptEntity(long id) {
    return prompts.findById(id).filter(p -> readable(p.getLibrary()))
        .orElseThrow(() -> new NotFoundException("prompt " + id));
  }

  private Library toLibrary(LibraryEntity l) {
    return new Library(l.getId(), l.getName(), l.getDescription(), l.isArchived(), prompts.countByLibrary(l.getId()),
        l.getUpdatedAt(), currentUser.usernameOf(l.getOwnerId()), Visibility.valueOf(l.getVisibility()),
        currentUser.usernamesOf(l.getSharedWith()), currentUser.canChange(l.getOwnerId()));
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

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }
}
