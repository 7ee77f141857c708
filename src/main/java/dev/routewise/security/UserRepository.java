package dev.routewise.security;

import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.Optional;

interface UserRepository extends ListCrudRepository<UserAccount, Long> {

    @Query("SELECT * FROM app_user WHERE lower(username) = lower(:username)")
    Optional<UserAccount> findByUsernameIgnoreCase(String username);

    List<UserAccount> findAllByOrderByUsernameAsc();

    @Query("SELECT count(*) FROM app_user WHERE role = 'ADMIN' AND enabled = 1")
    long countEnabledAdmins();

    @Modifying
    @Query("UPDATE app_user SET last_login_at = :at WHERE id = :id")
    void updateLastLogin(long id, java.time.Instant at);
}
