package workbench.account;

/** A password the server generated, shown once to the admin who asked for it. */
public record NewPassword(AppUser user, String password) {}
