package dev.routewise.classify;

import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditEvent;
import dev.routewise.security.AuditFilter;
import dev.routewise.security.AuditService;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClusterAuditTest {

    @Autowired
    ClassifierService classifier;
    @Autowired
    AuditService audit;

    @BeforeEach
    void asAdmin() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void cluster_and_example_edits_are_audited_with_before_and_after() {
        TaskClusterInfo planning = classifier.clusters().stream().filter(c -> c.label() == TaskLabel.PLANNING)
                .findFirst().orElseThrow();
        String marker = "roadmap-" + System.nanoTime();
        List<String> keywords = new java.util.ArrayList<>(planning.keywords());
        keywords.add(marker);

        classifier.updateCluster(TaskLabel.PLANNING, planning.description(), keywords);
        TaskClusterInfo.Example added = classifier.addExample(TaskLabel.PLANNING,
                "Draft a three-phase rollout plan for moving our billing service to a new region " + marker);

        List<AuditEvent> events = audit.find(new AuditFilter(AuditAction.CLUSTERS_CHANGED, null, marker, null, null),
                0, 10);
        assertThat(events).hasSize(2);
        assertThat(events).extracting(AuditEvent::target).contains("cluster planning", "example of planning");
        assertThat(events).allSatisfy(e -> assertThat(e.detail()).contains("after:").contains(marker));
        assertThat(added.id()).isPositive();
    }
}
