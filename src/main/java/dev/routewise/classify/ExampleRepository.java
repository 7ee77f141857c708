package dev.routewise.classify;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

interface ExampleRepository extends ListCrudRepository<ExampleRow, Long> {

    List<ExampleRow> findAllByOrderByLabelAscIdAsc();

    long countByLabel(String label);
}
