package dev.routewise.classify;

import org.springframework.data.repository.ListCrudRepository;

import java.util.Optional;

interface ClusterRepository extends ListCrudRepository<ClusterRow, Long> {

    Optional<ClusterRow> findByLabel(String label);
}
