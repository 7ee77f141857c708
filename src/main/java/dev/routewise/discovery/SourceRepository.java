package dev.routewise.discovery;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

interface SourceRepository extends ListCrudRepository<SourceRow, Long> {

    @Query("SELECT * FROM model_source WHERE lower(name) = lower(:name)")
    Optional<SourceRow> findByNameIgnoreCase(String name);

    boolean existsBySlug(String slug);

    List<SourceRow> findAllByOrderByNameAsc();
}
