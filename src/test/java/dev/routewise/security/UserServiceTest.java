package dev.routewise.security;

import dev.routewise.base.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserServiceTest {

    @Autowired
    UserService users;
    @Autowired
    UserRepository repository;
    @Autowired
    PasswordEncoder encoder;

    @BeforeEach
    void asAdmin() {
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    private void signInAs(String name, Role role) {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                new User(name, "n/a", role.authorities()), null, role.authorities()));
    }

    @Test
    void passwords_are_stored_as_bcrypt_hashes() {
        users.create("hash-check", "correct horse battery", Role.VIEWER);

        UserAccount stored = repository.findByUsernameIgnoreCase("HASH-CHECK").orElseThrow();
        assertThat(stored.passwordHash()).startsWith("{bcrypt}$2").doesNotContain("correct horse");
        assertThat(encoder.matches("correct horse battery", stored.passwordHash())).isTrue();
    }

    @Test
    void user_names_are_unique_ignoring_case() {
        users.create("Dupe", "long-enough-pass", Role.VIEWER);

        assertThatThrownBy(() -> users.create("dupe", "long-enough-pass", Role.VIEWER))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("username"));
    }

    @Test
    void the_only_enabled_admin_cannot_be_disabled_or_demoted() {
        long adminId = users.list().stream().filter(u -> u.username().equals("admin")).findFirst().orElseThrow().id();
        users.list().stream().filter(u -> u.role() == Role.ADMIN && u.id() != adminId)
                .forEach(u -> users.changeRole(u.id(), Role.VIEWER));
        signInAs("someone-else", Role.ADMIN);

        assertThatThrownBy(() -> users.setEnabled(adminId, false)).hasMessageContaining("only enabled admin");
        assertThatThrownBy(() -> users.changeRole(adminId, Role.OPERATOR)).hasMessageContaining("only enabled admin");
    }

    @Test
    void an_admin_cannot_disable_their_own_account() {
        String name = "second-admin-" + System.nanoTime();
        TeamMember second = users.create(name, "long-enough-pass", Role.ADMIN);
        signInAs(name, Role.ADMIN);

        assertThatThrownBy(() -> users.setEnabled(second.id(), false)).hasMessageContaining("your own account");
    }

    @Test
    void a_user_changes_their_own_password_only_with_the_current_one() {
        users.create("changer", "first-password-1", Role.VIEWER);
        signInAs("changer", Role.VIEWER);

        assertThatThrownBy(() -> users.changeOwnPassword("wrong", "second-password-2"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("current password");
        users.changeOwnPassword("first-password-1", "second-password-2");

        assertThat(encoder.matches("second-password-2",
                repository.findByUsernameIgnoreCase("changer").orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void a_viewer_cannot_manage_users() {
        signInAs("vera", Role.VIEWER);

        assertThatThrownBy(() -> users.list()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.create("x1", "long-enough-pass", Role.ADMIN))
                .isInstanceOf(AccessDeniedException.class);
    }
}
