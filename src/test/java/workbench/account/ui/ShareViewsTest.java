package workbench.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import workbench.KaribuTest;
import workbench.account.Role;
import workbench.account.SignIn;
import workbench.account.UserService;
import workbench.account.Visibility;
import workbench.library.LibraryService;
import workbench.library.ui.LibraryView;

/** Sharing from the library page: the owner picks who may read; others see no Share button. */
class ShareViewsTest extends KaribuTest {

  @Autowired LibraryService libraries;
  @Autowired UserService users;

  @Test
  void theOwnerSharesALibraryWithANamedUser() {
    var owner = users.create(SignIn.unique("owner"), "owner-password", Role.EDITOR);
    var reader = users.create(SignIn.unique("reader"), "reader-password", Role.VIEWER);
    SignIn.as(owner);
    var library = libraries.createLibrary(SignIn.unique("Hands"), "");
    UI.getCurrent().navigate(LibraryView.class, LibraryView.params(library.id()));

    _click(_get(Button.class, spec -> spec.withId("share-library")));
    @SuppressWarnings("unchecked")
    Select<Visibility> visibility = _get(Select.class, spec -> spec.withId("share-visibility"));
    visibility.setValue(Visibility.SHARED);
    _setValue(_get(TextField.class, spec -> spec.withId("share-users")), reader.username());
    _click(_get(Button.class, spec -> spec.withId("share-save")));

    assertThat(libraries.library(library.id()).sharedWith()).containsExactly(reader.username());
    SignIn.as(reader);
    assertThat(libraries.library(library.id()).visibility()).isEqualTo(Visibility.SHARED);
  }

  @Test
  void someoneElsesLibraryHasNoShareOrNewPromptButton() {
    var owner = users.create(SignIn.unique("owner"), "owner-password", Role.EDITOR);
    var other = users.create(SignIn.unique("other"), "other-password", Role.EDITOR);
    var library = SignIn.as(owner, () -> {
      var made = libraries.createLibrary(SignIn.unique("Hands"), "");
      return libraries.share(made.id(), Visibility.EVERYONE, List.of());
    });
    SignIn.as(other);
    UI.getCurrent().navigate(LibraryView.class, LibraryView.params(library.id()));
    _assertNone(Button.class, spec -> spec.withId("share-library"));
    _assertNone(Button.class, spec -> spec.withId("new-prompt"));
  }
}
