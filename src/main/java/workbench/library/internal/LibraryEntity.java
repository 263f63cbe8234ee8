package workbench.library.internal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "library")
public class LibraryEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private @Nullable Long id;

  @Column(nullable = false, length = 80)
  private String name = "";

  @Column(nullable = false, length = 2000)
  private String description = "";

  private boolean archived;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.now();

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.now();

  @Version private int version;

  @Column(name = "owner_id")
  private @Nullable Long ownerId;

  @Column(nullable = false, length = 8)
  private String visibility = "PRIVATE";

  /** Users a SHARED library is shared with (app_user ids). */
  @ElementCollection
  @CollectionTable(name = "library_share", joinColumns = @JoinColumn(name = "library_id"))
  @Column(name = "user_id")
  private Set<Long> sharedWith = new TreeSet<>();

  protected LibraryEntity() {}

  public LibraryEntity(String name, String description, @Nullable Long ownerId, String visibility) {
    this.name = name;
    this.description = description;
    this.ownerId = ownerId;
    this.visibility = visibility;
  }

  public @Nullable Long getOwnerId() {
    return ownerId;
  }

  public String getVisibility() {
    return visibility;
  }

  public void setVisibility(String visibility) {
    this.visibility = visibility;
    touch();
  }

  public Set<Long> getSharedWith() {
    return sharedWith;
  }

  public void setSharedWith(Set<Long> users) {
    sharedWith.clear();
    sharedWith.addAll(users);
    touch();
  }

  public long getId() {
    if (id == null) {
      throw new IllegalStateException("library not saved yet");
    }
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
    touch();
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
    touch();
  }

  public boolean isArchived() {
    return archived;
  }

  public void setArchived(boolean archived) {
    this.archived = archived;
    touch();
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void touch() {
    updatedAt = Instant.now();
  }
}
