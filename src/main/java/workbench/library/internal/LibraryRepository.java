package workbench.library.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface LibraryRepository extends JpaRepository<LibraryEntity, Long> {

  /** Names are unique per owner ({@code 0}: no owner, made before accounts). */
  @Query("select l from LibraryEntity l where coalesce(l.ownerId, 0) = ?1 and lower(l.name) = lower(?2)")
  Optional<LibraryEntity> findByOwnerAndName(long ownerId, String name);

  List<LibraryEntity> findAllByOrderByNameAsc();
}
