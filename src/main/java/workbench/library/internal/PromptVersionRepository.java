package workbench.library.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PromptVersionRepository extends JpaRepository<PromptVersionEntity, Long> {

  @Query("select coalesce(max(v.number), 0) from PromptVersionEntity v where v.prompt.id = ?1")
  int lastNumber(long promptId);

  @Query("select count(v) from PromptVersionEntity v where v.prompt.library.id = ?1")
  long countByLibrary(long libraryId);
}
