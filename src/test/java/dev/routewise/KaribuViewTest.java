package dev.routewise;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.mock.MockedUI;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinServletRequest;
import com.github.mvysny.fakeservlet.FakeRequest;
import dev.routewise.security.Role;
import kotlin.jvm.functions.Function0;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Browserless view tests: the whole Spring context, a mocked Vaadin UI, and a signed-in user of a chosen role.
 * Every Spring test uses the same (random-port) configuration so the JVM holds one application context:
 * each context installs its own Vaadin-aware security-context strategy, and two of them would not see
 * each other's signed-in user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class KaribuViewTest {

    private static Routes routes;

    @Autowired
    protected ApplicationContext context;

    @BeforeAll
    static void discoverRoutes() {
        routes = new Routes().autoDiscoverViews("dev.routewise");
    }

    @BeforeEach
    void setUpVaadin() {
        Function0<UI> uiFactory = MockedUI::new;
        MockVaadin.setup(uiFactory, new MockSpringServlet(routes, context, uiFactory));
    }

    @AfterEach
    void tearDownVaadin() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }

    /** Signs in as {@code username} with {@code role}, the way the console's sign-in would. */
    protected void signIn(String username, Role role) {
        User principal = new User(username, "n/a", role.authorities());
        var token = new UsernamePasswordAuthenticationToken(principal, null, role.authorities());
        SecurityContextHolder.getContext().setAuthentication(token);
        Set<String> roles = role.authorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.substring("ROLE_".length())).collect(Collectors.toSet());
        FakeRequest request = (FakeRequest) VaadinServletRequest.getCurrent().getRequest();
        request.setUserPrincipalInt(token);
        request.setUserInRole((p, r) -> roles.contains(r));
    }
}
