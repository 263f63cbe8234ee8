package workbench.account;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Who is calling, and the ownership rules every feature applies the same way: the owner and
 * admins may change a thing; others may read it when its visibility lets them.
 */
@Component
public class CurrentUser {

  /** The id of "no user" (signed out, or a name with no app_user row): owns nothing. */
  public static final long NONE = 0;

  private final UserStore users;
  private final SecurityContextHolderStrategy security;

  /** Reads the same holder as method security (Vaadin's strategy bean when there is one). */
  CurrentUser(UserStore users, ObjectProvider<SecurityContextHolderStrategy> security) {
    this.users = users;
    this.security = security.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
  }

  /** The signed-in name, or "anonymous". */
  public String name() {
    var auth = authentication();
    return auth == null ? "anonymous" : auth.getName();
  }

  /** The app_user id of the caller, {@link #NONE} when there is none. */
  public long id() {
    var auth = authentication();
    if (auth == null) {
      return NONE;
    }
    if (auth.getPrincipal() instanceof AccountPrincipal p) {
      return p.id();
    }
    // Test users (@WithMockUser) and other principals: look the name up.
    return users.findByName(auth.getName()).map(AppUser::id).orElse(NONE);
  }

  public boolean signedIn() {
    return authentication() != null;
  }

  public boolean has(Role role) {
    var auth = authentication();
    return auth != null && auth.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority).anyMatch(("ROLE_" + role.name())::equals);
  }

  public boolean admin() {
    return has(Role.ADMIN);
  }

  /** Owner, admin, or allowed by the visibility (a shared thing lists its readers). */
  public boolean canRead(@Nullable Long ownerId, Visibility visibility, Collection<Long> sharedWith) {
    if (visibility == Visibility.PUBLIC) {
      return true;
    }
    if (!signedIn()) {
      return false;
    }
    if (admin() || visibility == Visibility.EVERYONE) {
      return true;
    }
    long me = id();
    return me != NONE && ((ownerId != null && ownerId == me)
        || (visibility == Visibility.SHARED && sharedWith.contains(me)));
  }

  /**
   * As {@link #canRead}, for another (enabled) user rather than the caller: may the people
   * invited to review a grid read it?
   */
  public boolean canReadAs(long userId, @Nullable Long ownerId, Visibility visibility, Collection<Long> sharedWith) {
    var user = users.find(userId).filter(AppUser::enabled);
    if (user.isEmpty()) {
      return false;
    }
    if (visibility == Visibility.PUBLIC || visibility == Visibility.EVERYONE || user.get().role() == Role.ADMIN) {
      return true;
    }
    return (ownerId != null && ownerId == userId) || (visibility == Visibility.SHARED && sharedWith.contains(userId));
  }

  /** Owner or admin; things made before accounts (no owner) are changed by admins only. */
  public boolean canChange(@Nullable Long ownerId) {
    if (admin()) {
      return true;
    }
    long me = id();
    return me != NONE && ownerId != null && ownerId == me;
  }

  /** Refuses unless {@link #canChange}; {@code what} names the thing in the message. */
  public void checkChange(@Nullable Long ownerId, String what) {
    if (!canChange(ownerId)) {
      throw new AccessDeniedException("Only the owner of " + what + " or an admin may change it");
    }
  }

  /** The owner id to store for something the caller makes (null when there is no user row). */
  public @Nullable Long ownerIdForNew() {
    long me = id();
    return me == NONE ? null : me;
  }

  public String usernameOf(@Nullable Long id) {
    return id == null ? "" : users.find(id).map(AppUser::username).orElse("");
  }

  /**
   * Ids of the named users (a share list); an unknown name is refused with the name in the
   * message, one that cannot be a user name (a NUL, half a character, too long) with what is wrong.
   */
  public Set<Long> idsOf(Collection<String> usernames) {
    var ids = new TreeSet<Long>();
    for (var name : usernames) {
      if (name.isBlank()) {
        continue;
      }
      FreeText.problem("User name", name.strip(), FreeText.USERNAME).ifPresent(problem -> {
        throw new AccountException("usernames", problem);
      });
      ids.add(users.findByName(name.strip())
          .orElseThrow(() -> new AccountException("usernames", "There is no user '" + name.strip() + "'"))
          .id());
    }
    return ids;
  }

  public List<String> usernamesOf(Collection<Long> ids) {
    return users.byIds(ids).stream().map(AppUser::username).toList();
  }

  private @Nullable Authentication authentication() {
    var auth = security.getContext().getAuthentication();
    return auth == null || !auth.isAuthenticated()
        || auth instanceof AnonymousAuthenticationToken ? null : auth;
  }
}
