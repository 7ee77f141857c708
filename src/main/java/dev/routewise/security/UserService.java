package dev.routewise.security;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Team members: create, disable, change role, reset and change passwords. */
@Service
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{2,64}");

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditService audit;
    private final CurrentActor actor;
    private final SessionRegistry sessions;
    private final SecurityProperties properties;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, AuditService audit, CurrentActor actor,
                SessionRegistry sessions, SecurityProperties properties, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.actor = actor;
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    @RolesAllowed(AppRoles.ADMIN)
    public List<TeamMember> list() {
        return users.findAllByOrderByUsernameAsc().stream().map(UserAccount::toMember).toList();
    }

    /** The signed-in user. */
    @PermitAll
    public TeamMember currentUser() {
        String name = actor.username().orElseThrow(() -> new NotFoundException("Signed-in user", "(none)"));
        return users.findByUsernameIgnoreCase(name).map(UserAccount::toMember)
                .orElseThrow(() -> new NotFoundException("User", name));
    }

    @RolesAllowed(AppRoles.ADMIN)
    @Transactional
    public TeamMember create(String username, String password, Role role) {
        String name = username == null ? "" : username.trim();
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidInputException("username",
                    "Use 2 to 64 letters, digits, dots, dashes, underscores or @");
        }
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role");
        }
        checkPassword("password", password);
        if (users.findByUsernameIgnoreCase(name).isPresent()) {
            throw new InvalidInputException("username", "A user named " + name + " already exists");
        }
        UserAccount saved = users.save(UserAccount.create(name, passwordEncoder.encode(password), role, clock.instant()));
        audit.record(AuditAction.USER_CREATED, name, "role " + role.name());
        return saved.toMember();
    }

    @RolesAllowed(AppRoles.ADMIN)
    @Transactional
    public TeamMember setEnabled(long id, boolean enabled) {
        UserAccount user = get(id);
        if (user.enabled() == enabled) {
            return user.toMember();
        }
        if (!enabled) {
            if (isCurrentUser(user)) {
                throw new InvalidInputException("enabled", "You cannot disable your own account");
            }
            requireAnotherAdmin(user, "enabled", "disable");
        }
        UserAccount saved = users.save(user.withEnabled(enabled));
        if (!enabled) {
            expireSessions(user.username());
        }
        audit.record(enabled ? AuditAction.USER_ENABLED : AuditAction.USER_DISABLED, user.username(), null);
        return saved.toMember();
    }

    @RolesAllowed(AppRoles.ADMIN)
    @Transactional
    public TeamMember changeRole(long id, Role role) {
        if (role == null) {
            throw new InvalidInputException("role", "Choose a role");
        }
        UserAccount user = get(id);
        if (user.role() == role) {
            return user.toMember();
        }
        if (role != Role.ADMIN) {
            requireAnotherAdmin(user, "role", "demote");
        }
        UserAccount saved = users.save(user.withRole(role));
        expireSessions(user.username());
        audit.record(AuditAction.USER_ROLE_CHANGED, user.username(), user.role().name() + " -> " + role.name());
        return saved.toMember();
    }

    @RolesAllowed(AppRoles.ADMIN)
    @Transactional
    public void resetPassword(long id, String newPassword) {
        checkPassword("password", newPassword);
        UserAccount user = get(id);
        users.save(user.withPassword(passwordEncoder.encode(newPassword), clock.instant()));
        if (!isCurrentUser(user)) {
            expireSessions(user.username());
        }
        audit.record(AuditAction.USER_PASSWORD_RESET, user.username(), null);
    }

    /** Any signed-in user changes their own password, proving they know the current one. */
    @PermitAll
    @Transactional
    public void changeOwnPassword(String currentPassword, String newPassword) {
        UserAccount user = users.findByUsernameIgnoreCase(actor.username().orElseThrow())
                .orElseThrow(() -> new NotFoundException("User", actor.name()));
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.passwordHash())) {
            throw new InvalidInputException("currentPassword", "The current password is not correct");
        }
        checkPassword("newPassword", newPassword);
        if (passwordEncoder.matches(newPassword, user.passwordHash())) {
            throw new InvalidInputException("newPassword", "Choose a password different from the current one");
        }
        users.save(user.withPassword(passwordEncoder.encode(newPassword), clock.instant()));
        audit.record(AuditAction.PASSWORD_CHANGED, user.username(), null);
    }

    public int minPasswordLength() {
        return properties.minPasswordLength();
    }

    Optional<UserAccount> findForLogin(String username) {
        return users.findByUsernameIgnoreCase(username);
    }

    void recordLogin(String username) {
        users.findByUsernameIgnoreCase(username).ifPresent(u -> users.updateLastLogin(u.id(), clock.instant()));
    }

    /** On an empty database, creates the first admin. Returns the created account, if one was created. */
    @Transactional
    Optional<UserAccount> bootstrapAdmin(String username, String password) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        UserAccount admin = users.save(UserAccount.create(username, passwordEncoder.encode(password), Role.ADMIN,
                clock.instant()));
        audit.record(AuditAction.ADMIN_BOOTSTRAPPED, CurrentActor.SYSTEM, username, "first start", null);
        return Optional.of(admin);
    }

    private UserAccount get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("User", id));
    }

    private boolean isCurrentUser(UserAccount user) {
        return actor.username().map(n -> n.equalsIgnoreCase(user.username())).orElse(false);
    }

    private void requireAnotherAdmin(UserAccount user, String field, String verb) {
        if (user.role() == Role.ADMIN && user.enabled() && users.countEnabledAdmins() <= 1) {
            throw new InvalidInputException(field, "Cannot " + verb + " " + user.username()
                    + ": it is the only enabled admin");
        }
    }

    private void checkPassword(String field, String password) {
        if (password == null || password.length() < properties.minPasswordLength()) {
            throw new InvalidInputException(field,
                    "Use at least " + properties.minPasswordLength() + " characters");
        }
        if (password.length() > 128) {
            throw new InvalidInputException(field, "Use at most 128 characters");
        }
    }

    /** Signs a user out everywhere, so a disabled user or a changed role takes effect at once. */
    private void expireSessions(String username) {
        for (Object principal : sessions.getAllPrincipals()) {
            if (principal instanceof UserDetails details && details.getUsername().equalsIgnoreCase(username)) {
                sessions.getAllSessions(principal, false).forEach(s -> s.expireNow());
            }
        }
    }
}
