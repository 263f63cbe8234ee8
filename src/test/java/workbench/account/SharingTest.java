package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import workbench.DatabaseTest;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryItem;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.gallery.StoredRuns;
import workbench.grid.Experiment;
import workbench.grid.GridService;
import workbench.library.Library;
import workbench.library.LibraryInputException;
import workbench.library.LibraryService;
import workbench.library.NotFoundException;
import workbench.library.PromptDraft;
import workbench.library.PromptSummary;
import workbench.loop.RecipeText;
import workbench.run.GenerationService;
import workbench.run.ImageKind;

/**
 * Ownership and sharing: a private library is invisible to other users everywhere (list,
 * search, direct ids, the gallery, runs and images); sharing opens it to the named users
 * only; only the owner or an admin changes it; a grid's permalink opens without signing in
 * only when the grid is public. Runs are written straight into the tables (no models).
 */
class SharingTest extends DatabaseTest {

  @Autowired UserService users;
  @Autowired LibraryService libraries;
  @Autowired GalleryService gallery;
  @Autowired GenerationService generation;
  @Autowired GridService grids;
  @Autowired AuditLog audit;
  @Autowired JdbcClient jdbc;

  AppUser alice;
  AppUser bob;
  AppUser carol;
  String model;

  @BeforeEach
  void threeEditors() {
    alice = users.create(SignIn.unique("alice"), "alice-password", Role.EDITOR);
    bob = users.create(SignIn.unique("bob"), "bob-password", Role.EDITOR);
    carol = users.create(SignIn.unique("carol"), "carol-password", Role.VIEWER);
    model = SignIn.unique("sharing-model");
  }

  @Test
  void aPrivateLibraryIsInvisibleToOthersInListSearchLinksAndGallery() {
    var word = "zebracorn" + UUID.randomUUID().toString().substring(0, 6);
    SignIn.as(alice);
    var library = libraries.createLibrary(SignIn.unique("Hands"), "");
    var prompt = libraries.createPrompt(library.id(), PromptDraft.of("secret", "a " + word + " hand"));
    var aliceRun = insertRun(prompt.latest().id(), alice.id(), "a " + word + " hand");
    var typedRun = insertRun(0, alice.id(), "a typed apple");
    assertThat(library.visibility()).isEqualTo(Visibility.PRIVATE);

    SignIn.as(bob);
    assertThat(libraries.libraries(true)).extracting(Library::id).doesNotContain(library.id());
    assertThat(libraries.search(word)).isEmpty();
    assertThatThrownBy(() -> libraries.library(library.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> libraries.prompt(prompt.id())).isInstanceOf(NotFoundException.class);
    assertThat(galleryRuns()).containsExactly(typedRun);
    assertThat(gallery.count(GalleryFilter.all().withModel(model))).isEqualTo(1);
    assertThat(gallery.page(GalleryFilter.all().withText(word), GallerySort.NEWEST, 0, 50)).isEmpty();
    assertThat(generation.run(aliceRun)).isEmpty();
    assertThat(generation.image(aliceRun, ImageKind.RAW)).isEmpty();

    SignIn.as(alice);
    assertThat(libraries.search(word)).extracting(PromptSummary::id).containsExactly(prompt.id());
    assertThat(galleryRuns()).containsExactlyInAnyOrder(aliceRun, typedRun);
    assertThat(generation.image(aliceRun, ImageKind.RAW)).isPresent();
  }

  @Test
  void sharingWithNamedUsersLetsOnlyThemReadAndOnlyTheOwnerChange() {
    SignIn.as(alice);
    var library = libraries.createLibrary(SignIn.unique("Shared hands"), "");
    var prompt = libraries.createPrompt(library.id(), PromptDraft.of("five fingers", "a hand with five fingers"));
    var run = insertRun(prompt.latest().id(), alice.id(), "a hand with five fingers");
    var shared = libraries.share(library.id(), Visibility.SHARED, List.of(bob.username()));
    assertThat(shared.sharedWith()).containsExactly(bob.username());

    SignIn.as(bob);
    assertThat(libraries.libraries(false)).extracting(Library::id).contains(library.id());
    assertThat(libraries.library(library.id()).changeable()).isFalse();
    assertThat(galleryRuns()).containsExactly(run);
    assertThatThrownBy(() -> libraries.renameLibrary(library.id(), "mine now")).isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("Only the owner of library");
    assertThatThrownBy(() -> libraries.createPrompt(library.id(), PromptDraft.of("more", "a hand")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> libraries.savePrompt(prompt.id(), PromptDraft.of("five fingers", "a hand with six fingers")))
        .isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> libraries.share(library.id(), Visibility.EVERYONE, List.of()))
        .isInstanceOf(AccessDeniedException.class);

    SignIn.as(carol);
    assertThatThrownBy(() -> libraries.library(library.id())).isInstanceOf(NotFoundException.class);
    assertThat(galleryRuns()).isEmpty();

    SignIn.as(alice);
    libraries.share(library.id(), Visibility.EVERYONE, List.of());
    SignIn.as(carol);
    assertThat(libraries.library(library.id()).name()).isEqualTo(library.name());
    assertThat(galleryRuns()).containsExactly(run);

    SignIn.asSetupAdmin(); // an admin may change anyone's library
    libraries.renameLibrary(library.id(), library.name() + " (tidied)");
    assertThat(audit.events(alice.username(), 10)).extracting(AuditEvent::action)
        .containsSubsequence("library.share", "library.share")
        .contains("library.create", "prompt.create");
    assertThat(audit.events(alice.username(), 10)).anySatisfy(e ->
        assertThat(e.details()).endsWith("SHARED with " + bob.username()));
    assertThat(audit.events("setup", 1).get(0).action()).isEqualTo("library.rename");
  }

  @Test
  void runsOfADeletedPrivateLibraryStayWithTheirOwner() {
    SignIn.as(alice);
    var secret = libraries.createLibrary(SignIn.unique("Secret"), "");
    var secretRun = insertRun(libraries.createPrompt(secret.id(), PromptDraft.of("s", "a secret hand")).latest().id(),
        alice.id(), "a secret hand");
    var open = libraries.share(libraries.createLibrary(SignIn.unique("Open"), "").id(), Visibility.EVERYONE, List.of());
    var openRun = insertRun(libraries.createPrompt(open.id(), PromptDraft.of("o", "an open hand")).latest().id(),
        alice.id(), "an open hand");
    var shared = libraries.share(libraries.createLibrary(SignIn.unique("Shared"), "").id(), Visibility.SHARED,
        List.of(bob.username()));
    var sharedPrompt = libraries.createPrompt(shared.id(), PromptDraft.of("h", "a shared hand"));
    var sharedRun = insertRun(sharedPrompt.latest().id(), alice.id(), "a shared hand");

    libraries.deleteLibrary(secret.id(), secret.name());
    libraries.deleteLibrary(open.id(), open.name());
    libraries.deletePrompt(sharedPrompt.id());

    assertThat(galleryRuns()).contains(secretRun, openRun, sharedRun);
    SignIn.as(bob);
    // The links are gone; what only some could read stays with its owner, what all could read stays open.
    assertThat(galleryRuns()).contains(openRun).doesNotContain(secretRun, sharedRun);
    assertThat(generation.run(secretRun)).isEmpty();
    assertThat(generation.image(sharedRun, ImageKind.RAW)).isEmpty();
  }

  @Test
  void libraryNamesAreUniquePerOwner() {
    var name = SignIn.unique("Hands");
    SignIn.run(alice, () -> libraries.createLibrary(name, ""));
    SignIn.run(bob, () -> libraries.createLibrary(name, "bob's own"));
    SignIn.as(alice);
    assertThatThrownBy(() -> libraries.createLibrary(name.toUpperCase(), ""))
        .isInstanceOf(LibraryInputException.class).hasMessageContaining("already exists");
  }

  @Test
  void sharingWithAnUnknownUserIsRefusedByName() {
    SignIn.as(alice);
    var library = libraries.createLibrary(SignIn.unique("Hands"), "");
    assertThatThrownBy(() -> libraries.share(library.id(), Visibility.SHARED, List.of("nobody-like-this")))
        .isInstanceOf(AccountException.class).hasMessage("There is no user 'nobody-like-this'");
  }

  @Test
  void aGridPermalinkOpensWithoutSignInOnlyWhenPublic() {
    var id = insertExperiment(alice.id());
    var cellRun = insertRun(0, alice.id(), "a red apple");
    jdbc.sql("insert into experiment_cell (experiment_id, row_index, seed_index, axis_index, run_id) values (?, 0, 0, 0, ?)")
        .params(id, cellRun).update();

    SignIn.as(bob);
    assertThat(grids.find(id)).isEmpty();
    assertThat(grids.search("")).extracting(Experiment::id).doesNotContain(id);
    assertThat(grids.permalink(id)).isEmpty();
    SignIn.out();
    assertThat(grids.permalink(id)).isEmpty();
    assertThat(generation.image(cellRun, ImageKind.RAW)).isEmpty();

    SignIn.as(alice);
    assertThat(grids.find(id).orElseThrow().changeable()).isTrue();
    grids.share(id, Visibility.PUBLIC, List.of());

    SignIn.out();
    assertThat(grids.permalink(id)).hasValueSatisfying(r -> assertThat(r.experiment().definition().title()).isEqualTo("Hands grid"));
    assertThat(generation.image(cellRun, ImageKind.RAW)).isPresent();
    SignIn.as(bob);
    assertThat(grids.find(id)).hasValueSatisfying(e -> assertThat(e.changeable()).isFalse());
    assertThatThrownBy(() -> grids.saveNotes(id, "mine")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> grids.start(id)).isInstanceOf(AccessDeniedException.class);
  }

  private List<UUID> galleryRuns() {
    return gallery.page(GalleryFilter.all().withModel(model), GallerySort.NEWEST, 0, 50).stream()
        .map(GalleryItem::runId).toList();
  }

  private UUID insertRun(long promptVersionId, long ownerId, String prompt) {
    var id = UUID.randomUUID();
    jdbc.sql("""
        insert into run (id, status, recipe_json, prompt_text, seed, process, model_id, prompt_version_id, steps, owner_id,
                         score_final, finished_at)
        values (?, 'CANCELLED', ?, ?, 1, 'guided', ?, ?, 5, ?, 50, now())""")
        .params(id, RecipeText.json(StoredRuns.recipe(prompt, 1, 5)), prompt, model, promptVersionId > 0 ? promptVersionId : null, ownerId).update();
    jdbc.sql("insert into image (run_id, kind, png, width, height, sha256) values (?, 'RAW', ?, 64, 64, repeat('0', 64))")
        .params(id, new byte[] {1, 2, 3}).update();
    return id;
  }

  private UUID insertExperiment(long ownerId) {
    var id = UUID.randomUUID();
    jdbc.sql("""
        insert into experiment (id, title, seeds, steps, process, upscale, owner_id, visibility)
        values (?, 'Hands grid', '{1}', 5, 'guided', 1, ?, 'PRIVATE')""").params(id, ownerId).update();
    for (int r = 0; r < 2; r++) {
      jdbc.sql("insert into experiment_row (experiment_id, row_index, label, prompt) values (?, ?, ?, 'a red apple')")
          .params(id, r, "row " + r).update();
    }
    return id;
  }
}
