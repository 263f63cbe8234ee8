package workbench.library.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** One saved text of a prompt. Never changed after insert (a database trigger holds this too). */
@Entity
@Immutable
@Table(name = "prompt_version")
public class PromptVersionEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "prompt_id")
  private PromptEntity prompt;

  @Column(nullable = false)
  private int number;

  @Column(nullable = false)
  private String text;

  @Column(name = "negative_text", nullable = false)
  private String negativeText;

  @Column(length = 20)
  private @Nullable String dialect;

  @Column(name = "terms_json")
  private @Nullable String termsJson;

  @Column(nullable = false, length = 80)
  private String author;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  /** For an imported version: who the file said wrote it, and when (provenance, not authorship). */
  @Column(name = "imported_author", length = 80)
  private @Nullable String importedAuthor;

  @Column(name = "imported_at")
  private @Nullable Instant importedAt;

  @SuppressWarnings("NullAway.Init")
  protected PromptVersionEntity() {}

  public PromptVersionEntity(
      PromptEntity prompt,
      int number,
      String text,
      String negativeText,
      @Nullable String dialect,
      @Nullable String termsJson,
      String author,
      Instant createdAt) {
    this.prompt = prompt;
    this.number = number;
    this.text = text;
    this.negativeText = negativeText;
    this.dialect = dialect;
    this.termsJson = termsJson;
    this.author = author;
    this.createdAt = createdAt;
  }

  /** Records what an imported file claimed about this version. */
  public void setProvenance(String author, Instant at) {
    this.importedAuthor = author;
    this.importedAt = at;
  }

  public @Nullable String getImportedAuthor() {
    return importedAuthor;
  }

  public @Nullable Instant getImportedAt() {
    return importedAt;
  }

  public long getId() {
    if (id == null) {
      throw new IllegalStateException("version not saved yet");
    }
    return id;
  }

  public PromptEntity getPrompt() {
    return prompt;
  }

  public int getNumber() {
    return number;
  }

  public String getText() {
    return text;
  }

  public String getNegativeText() {
    return negativeText;
  }

  public @Nullable String getDialect() {
    return dialect;
  }

  public @Nullable String getTermsJson() {
    return termsJson;
  }

  public String getAuthor() {
    return author;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
