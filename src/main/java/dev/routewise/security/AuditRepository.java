package dev.routewise.security;

import org.springframework.data.repository.ListCrudRepository;

interface AuditRepository extends ListCrudRepository<AuditEvent, Long> {
}
