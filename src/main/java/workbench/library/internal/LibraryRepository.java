package workbench.library.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface LibraryRepository extends JpaRepository<LibraryEntity, Long> {

  @Query("select l from LibraryEntity l where lower(l.name) = lower(?1)")
  Optional<LibraryEntity> findByNameIgnoreCase(String name);

  List<LibraryEntity> findAllByOrderByNameAsc();
}
