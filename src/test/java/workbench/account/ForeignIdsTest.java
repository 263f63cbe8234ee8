package workbench.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import workbench.DatabaseTest;
import workbench.grid.GridService;
import workbench.grid.InvalidExperimentException;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.loop.InvalidRecipeException;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;

/**
 * Ids a user passes (a run's prompt version from /generate?…&version=, a grid file's
 * "promptVersionId") are checked against what that user may read (issue 16, finding 4), and
 * someone else's private version gets the same answer as one that does not exist: no
 * foreign-key error tells which ids exist, and nothing is stored.
 */
class ForeignIdsTest extends DatabaseTest {

  @Autowired UserService users;
  @Autowired LibraryService libraries;
  @Autowired GenerationService generation;
  @Autowired GridService grids;
  @Autowired JdbcClient jdbc;

  AppUser alice;
  AppUser bob;
  long alicesVersion;
  long noSuchVersion;

  @BeforeEach
  void alicesPrivatePrompt() {
    alice = users.create(SignIn.unique("alice"), "alice-password", Role.EDITOR);
    bob = users.create(SignIn.unique("bob"), "bob-password", Role.EDITOR);
    SignIn.as(alice);
    var library = libraries.createLibrary(SignIn.unique("Private"), "");
    alicesVersion = libraries.createPrompt(library.id(), PromptDraft.of("secret", "a red apple")).latest().id();
    noSuchVersion = jdbc.sql("select coalesce(max(id), 0) + 1000 from prompt_version").query(Long.class).single();
  }

  @Test
  void aRunCannotBeAttachedToSomeoneElsesPrivateVersion() {
    SignIn.as(bob);
    var request = new RecipeFactory.Request("a red apple", "", 1, 1, "guided", 1, "");
    var foreign = refusal(() -> generation.submit(request, alicesVersion), InvalidRecipeException.class);
    var missing = refusal(() -> generation.submit(request, noSuchVersion), InvalidRecipeException.class);

    assertThat(foreign).isEqualTo(missing.replace(String.valueOf(noSuchVersion), String.valueOf(alicesVersion)))
        .contains("prompt version " + alicesVersion);
    assertThat(runsOf(bob)).as("nothing queued").isZero();
  }

  @Test
  void aGridFileCannotNameSomeoneElsesPrivateVersion() {
    SignIn.as(bob);
    var foreign = refusal(() -> grids.importJson(gridFile(alicesVersion)), InvalidExperimentException.class);
    var missing = refusal(() -> grids.importJson(gridFile(noSuchVersion)), InvalidExperimentException.class);

    assertThat(foreign).isEqualTo(missing.replace(String.valueOf(noSuchVersion), String.valueOf(alicesVersion)))
        .startsWith("Row 1: ");
    assertThat(jdbc.sql("select count(*) from experiment where owner_id = ?").params(bob.id()).query(Long.class).single())
        .as("no grid stored").isZero();
  }

  @Test
  void theOwnerMayUseTheirVersion() {
    SignIn.as(alice);
    var id = grids.importJson(gridFile(alicesVersion));
    assertThat(grids.find(id)).isPresent();
  }

  private static String refusal(Runnable action, Class<? extends RuntimeException> type) {
    var thrown = new String[1];
    assertThatThrownBy(action::run).isInstanceOf(type).satisfies(e -> thrown[0] = e.getMessage());
    return thrown[0];
  }

  private long runsOf(AppUser user) {
    return jdbc.sql("select count(*) from run where owner_id = ?").params(user.id()).query(Long.class).single();
  }

  private static String gridFile(long versionId) {
    return """
        {"format": "prompt-workbench-experiment", "formatVersion": 1, "definition": {
          "title": "imported", "notes": "", "steps": 1, "process": "guided", "upscale": 1, "model": "",
          "variants": [{"label": "A", "prompt": "a red apple", "dialect": "", "promptVersionId": %d},
                       {"label": "B", "prompt": "a blue apple", "dialect": "", "promptVersionId": 0}],
          "seeds": [1], "probes": [], "axis": {"kind": "NONE", "term": "", "values": []}}}""".formatted(versionId);
  }
}
