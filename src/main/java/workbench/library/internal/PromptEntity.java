package workbench.library.internal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "prompt")
public class PromptEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "library_id")
  private LibraryEntity library;

  @Column(nullable = false, length = 120)
  private String title = "";

  @Column(nullable = false)
  private String notes = "";

  @ElementCollection
  @CollectionTable(name = "prompt_tag", joinColumns = @JoinColumn(name = "prompt_id"))
  @Column(name = "tag")
  private Set<String> tags = new TreeSet<>();

  @OneToMany(mappedBy = "prompt")
  @OrderBy("number asc")
  private List<PromptVersionEntity> versions = new ArrayList<>();

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.now();

  @Version private int version;

  @SuppressWarnings("NullAway.Init")
  protected PromptEntity() {}

  public PromptEntity(LibraryEntity library, String title) {
    this.library = library;
    this.title = title;
  }

  public long getId() {
    if (id == null) {
      throw new IllegalStateException("prompt not saved yet");
    }
    return id;
  }

  public LibraryEntity getLibrary() {
    return library;
  }

  public void setLibrary(LibraryEntity library) {
    this.library = library;
    touch();
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
    touch();
  }

  public String getNotes() {
    return notes;
  }

  public void setNotes(String notes) {
    this.notes = notes;
    touch();
  }

  public Set<String> getTags() {
    return tags;
  }

  public void setTags(Set<String> tags) {
    this.tags.clear();
    this.tags.addAll(tags);
    touch();
  }

  public List<PromptVersionEntity> getVersions() {
    return versions;
  }

  public @Nullable PromptVersionEntity latestVersion() {
    return versions.isEmpty() ? null : versions.get(versions.size() - 1);
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  void touch() {
    updatedAt = Instant.now();
  }
}
