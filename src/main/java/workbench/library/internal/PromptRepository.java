package workbench.library.internal;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PromptRepository extends JpaRepository<PromptEntity, Long> {

  @Query("select p from PromptEntity p where p.library.id = ?1 order by lower(p.title)")
  List<PromptEntity> findByLibrary(long libraryId);

  /** In the order they were made: a file's order, for exports that pass files through. */
  @Query("select p from PromptEntity p where p.library.id = ?1 order by p.id")
  List<PromptEntity> findByLibraryInOrderMade(long libraryId);

  @Query("select p from PromptEntity p where p.library.id = ?1 and lower(p.title) = lower(?2)")
  Optional<PromptEntity> findByLibraryAndTitle(long libraryId, String title);

  /** Prompts tagged {@code tag} in libraries that are not archived: library by library, each in the order made. */
  @Query(
      """
      select p from PromptEntity p join p.library l join p.tags t
      where l.archived = false and t = ?1
      order by lower(l.name), l.id, p.id
      """)
  List<PromptEntity> findTagged(String tag);

  @Query("select count(p) from PromptEntity p where p.library.id = ?1")
  long countByLibrary(long libraryId);

  /**
   * Prompts whose title, any tag, or latest text contains {@code needle} (lower case, with
   * LIKE wildcards escaped by the caller), across all libraries that are not archived.
   */
  @Query(
      """
      select distinct p from PromptEntity p
        join p.library l
        left join p.tags t
        left join p.versions v
      where l.archived = false
        and (lower(p.title) like ?1 escape '\\'
          or lower(t) like ?1 escape '\\'
          or (v.number = (select max(v2.number) from PromptVersionEntity v2 where v2.prompt = p)
              and (lower(v.text) like ?1 escape '\\' or lower(v.negativeText) like ?1 escape '\\')))
      order by p.updatedAt desc
      """)
  List<PromptEntity> search(String likePattern);
}
