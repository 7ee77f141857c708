package dev.routewise.catalog;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

interface ModelRowRepository extends ListCrudRepository<ModelRow, Long> {

    List<ModelRow> findAllBySourceId(long sourceId);

    long countBySourceId(long sourceId);

    @Modifying
    @Query("UPDATE catalog_model SET enabled = :enabled, manual_fields = CASE "
            + "WHEN (',' || manual_fields || ',') LIKE '%,enabled,%' THEN manual_fields "
            + "WHEN manual_fields = '' THEN 'enabled' ELSE manual_fields || ',enabled' END WHERE id IN (:ids)")
    int setEnabled(List<Long> ids, boolean enabled);
}
