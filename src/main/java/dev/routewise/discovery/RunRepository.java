package dev.routewise.discovery;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

interface RunRepository extends ListCrudRepository<RunRow, Long> {

    @Query("SELECT * FROM discovery_run WHERE source_id = :sourceId ORDER BY id DESC LIMIT :limit")
    List<RunRow> findLatest(long sourceId, int limit);

    @Query("SELECT * FROM discovery_run WHERE source_id = :sourceId AND status <> 'running' ORDER BY id DESC LIMIT 1")
    Optional<RunRow> findLastFinished(long sourceId);

    @Query("SELECT count(*) FROM discovery_run WHERE source_id = :sourceId AND status = 'ok'")
    long countSuccessful(long sourceId);

    @Modifying
    @Query("DELETE FROM discovery_run WHERE source_id = :sourceId AND id NOT IN "
            + "(SELECT id FROM discovery_run WHERE source_id = :sourceId ORDER BY id DESC LIMIT :keep)")
    void trim(long sourceId, int keep);

    /** Runs left "running" by a process that stopped mid-run. */
    @Modifying
    @Query("UPDATE discovery_run SET status = 'failed', error = 'interrupted: Routewise stopped during the run', "
            + "finished_at = started_at WHERE status = 'running'")
    int failInterrupted();
}
