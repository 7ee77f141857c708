package dev.routewise.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/** Feeds the throttle and the audit log from Spring Security's sign-in events. */
@Component
class SignInEvents {

    private final LoginThrottle throttle;
    private final AuditService audit;
    private final UserService users;

    SignInEvents(LoginThrottle throttle, AuditService audit, UserService users) {
        this.throttle = throttle;
        this.audit = audit;
        this.users = users;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken auth)) {
            return;
        }
        throttle.succeeded(auth.getName());
        users.recordLogin(auth.getName());
        audit.record(AuditAction.LOGIN_SUCCEEDED, auth.getName(), null, null,
                ThrottledAuthenticationProvider.remoteAddress(auth));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        String address = ThrottledAuthenticationProvider.remoteAddress(event.getAuthentication());
        if (event instanceof AuthenticationFailureLockedEvent) {
            audit.record(AuditAction.LOGIN_THROTTLED, name, null, event.getException().getMessage(), address);
            return;
        }
        throttle.failed(name, address);
        audit.record(AuditAction.LOGIN_FAILED, name, null, event.getException().getMessage(), address);
    }

    @EventListener
    void loggedOut(LogoutSuccessEvent event) {
        audit.record(AuditAction.LOGOUT, event.getAuthentication().getName(), null, null,
                ThrottledAuthenticationProvider.remoteAddress(event.getAuthentication()));
    }
}
