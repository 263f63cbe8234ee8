package workbench.account;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.AuthenticationException;
import workbench.gallery.GalleryFilter;
import workbench.gallery.GalleryService;
import workbench.gallery.GallerySort;
import workbench.grid.ExperimentDefinition;
import workbench.grid.GridService;
import workbench.library.LibraryService;
import workbench.library.PromptDraft;
import workbench.loop.RecipeFactory;
import workbench.run.GenerationService;
import workbench.run.PausedQueueTest;
import workbench.run.RecipeRecall;

/**
 * The role matrix, enforced by the services: every action for signed-out callers and each
 * role, allowed (anything but a security refusal: a missing id is fine) or refused.
 */
class RoleMatrixTest extends PausedQueueTest {

  /** Who calls: nobody signed in, or a user of a role. */
  enum Caller { ANONYMOUS, VIEWER, EDITOR, ADMIN }

  interface Action {
    void run(RoleMatrixTest t) throws Exception;
  }

  @Autowired LibraryService libraries;
  @Autowired GenerationService generation;
  @Autowired GridService grids;
  @Autowired GalleryService gallery;
  @Autowired RecipeRecall recall;
  @Autowired UserService users;
  @Autowired AuditLog audit;

  private static final Map<Role, AppUser> USERS = new EnumMap<>(Role.class);
  private static final UUID MISSING = UUID.randomUUID();

  /** Each action with the least role that may do it. */
  static Map<String, Map.Entry<Role, Action>> actions() {
    var a = new LinkedHashMap<String, Map.Entry<Role, Action>>();
    a.put("list libraries", Map.entry(Role.VIEWER, t -> t.libraries.libraries(false)));
    a.put("search prompts", Map.entry(Role.VIEWER, t -> t.libraries.search("apple")));
    a.put("read a library", Map.entry(Role.VIEWER, t -> t.libraries.library(-1)));
    a.put("export a library", Map.entry(Role.VIEWER, t -> t.libraries.exportJson(-1)));
    a.put("create a library", Map.entry(Role.EDITOR, t -> t.libraries.createLibrary(SignIn.unique("lib"), "")));
    a.put("rename a library", Map.entry(Role.EDITOR, t -> t.libraries.renameLibrary(-1, "x")));
    a.put("share a library", Map.entry(Role.EDITOR, t -> t.libraries.share(-1, Visibility.EVERYONE, List.of())));
    a.put("delete a library", Map.entry(Role.EDITOR, t -> t.libraries.deleteLibrary(-1, "x")));
    a.put("add a prompt", Map.entry(Role.EDITOR, t -> t.libraries.createPrompt(-1, PromptDraft.of("t", "apple"))));
    a.put("save a prompt", Map.entry(Role.EDITOR, t -> t.libraries.savePrompt(-1, PromptDraft.of("t", "apple"))));
    a.put("import a library", Map.entry(Role.EDITOR, t -> t.libraries.importJson(
        new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)))));
    a.put("check a recipe", Map.entry(Role.VIEWER, t -> t.generation.recipe(request())));
    a.put("see the queue", Map.entry(Role.VIEWER, t -> t.generation.queue(5)));
    a.put("read a run", Map.entry(Role.VIEWER, t -> t.generation.run(MISSING)));
    a.put("run a generation", Map.entry(Role.EDITOR, t -> t.generation.submit(request(), 0)));
    a.put("run a batch", Map.entry(Role.EDITOR, t -> t.generation.submitBatch(List.of(request()), List.of(0L))));
    a.put("cancel a run", Map.entry(Role.EDITOR, t -> t.generation.cancel(MISSING)));
    a.put("search grids", Map.entry(Role.VIEWER, t -> t.grids.search("")));
    a.put("read a grid", Map.entry(Role.VIEWER, t -> t.grids.find(MISSING)));
    a.put("create a grid", Map.entry(Role.EDITOR, t -> t.grids.create(grid())));
    a.put("run a grid", Map.entry(Role.EDITOR, t -> t.grids.start(MISSING)));
    a.put("cancel a grid", Map.entry(Role.EDITOR, t -> t.grids.cancel(MISSING)));
    a.put("edit grid notes", Map.entry(Role.EDITOR, t -> t.grids.saveNotes(MISSING, "")));
    a.put("share a grid", Map.entry(Role.EDITOR, t -> t.grids.share(MISSING, Visibility.PUBLIC, List.of())));
    a.put("browse the gallery", Map.entry(Role.VIEWER, t -> t.gallery.page(GalleryFilter.all(), GallerySort.NEWEST, 0, 10)));
    a.put("star a run", Map.entry(Role.EDITOR, t -> t.gallery.star(MISSING, true)));
    a.put("recall a PNG", Map.entry(Role.EDITOR, t -> t.recall.recall("x.png", new byte[10], request())));
    a.put("list users", Map.entry(Role.ADMIN, t -> t.users.users()));
    a.put("add a user", Map.entry(Role.ADMIN, t -> t.users.create(SignIn.unique("u"), Role.VIEWER)));
    a.put("set a role", Map.entry(Role.ADMIN, t -> t.users.setRole(-1, Role.EDITOR)));
    a.put("disable a user", Map.entry(Role.ADMIN, t -> t.users.setEnabled(-1, false)));
    a.put("reset a password", Map.entry(Role.ADMIN, t -> t.users.resetPassword(-1)));
    a.put("read the audit", Map.entry(Role.ADMIN, t -> t.audit.events("", 10)));
    return a;
  }

  static Stream<Arguments> matrix() {
    var rows = new ArrayList<Arguments>();
    actions().forEach((name, entry) -> {
      for (var caller : Caller.values()) {
        rows.add(Arguments.of(name, caller));
      }
    });
    return rows.stream();
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("matrix")
  void rolesDecide(String name, Caller caller) {
    var entry = actions().get(name);
    signIn(caller);
    boolean allowed = caller != Caller.ANONYMOUS && Role.valueOf(caller.name()).includes(entry.getKey());
    if (allowed) {
      // Past method security; what happens next (a missing id, a bad file) is the action's business.
      assertThatCode(() -> {
        try {
          entry.getValue().run(this);
        } catch (AccessDeniedException | AuthenticationException e) {
          throw e;
        } catch (Exception e) {
          // not a security refusal
        }
      }).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> entry.getValue().run(this))
          .isInstanceOf(caller == Caller.ANONYMOUS ? AuthenticationCredentialsNotFoundException.class : AccessDeniedException.class);
    }
  }

  private void signIn(Caller caller) {
    if (caller == Caller.ANONYMOUS) {
      SignIn.out();
      return;
    }
    var role = Role.valueOf(caller.name());
    var user = USERS.get(role);
    if (user == null) {
      SignIn.asSetupAdmin();
      user = users.create(SignIn.unique(role.name().toLowerCase()), "password-" + role, role);
      USERS.put(role, user);
    }
    SignIn.as(user);
  }

  private static RecipeFactory.Request request() {
    return new RecipeFactory.Request("a red apple", "", 1, 5, "guided", 1);
  }

  private static ExperimentDefinition grid() {
    return new ExperimentDefinition("matrix", "", List.of(
            ExperimentDefinition.Variant.typed("plain", "a red apple"),
            ExperimentDefinition.Variant.typed("tart", "a red apple:: tart::")),
        ExperimentDefinition.seedsFrom(1, 2), List.of(), ExperimentDefinition.Axis.none(), 5, "guided", 1);
  }
}
