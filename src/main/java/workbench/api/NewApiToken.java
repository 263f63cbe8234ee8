package workbench.api;

/** A token just made: {@code secret} is the token itself, shown this once and stored only hashed. */
public record NewApiToken(ApiToken token, String secret) {}
