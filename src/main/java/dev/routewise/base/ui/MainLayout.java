package dev.routewise.base.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import java.util.Locale;

/** The one layout of the console: side navigation built from the views' own {@code @Menu} entries, and a user menu. */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final H1 viewTitle = new H1();

    public MainLayout(AuthenticationContext authentication) {
        setPrimarySection(Section.DRAWER);
        addClassName("rw-shell");

        DrawerToggle toggle = new DrawerToggle();
        toggle.setAriaLabel("Menu");
        viewTitle.addClassName("rw-view-title");
        addToNavbar(true, toggle, viewTitle);

        Span brand = new Span("Routewise");
        brand.addClassName("rw-brand-small");
        Header header = new Header(brand);
        header.addClassName("rw-drawer-header");
        Scroller nav = new Scroller(navigation());
        addToDrawer(header, nav, userMenu(authentication));
    }

    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.addClassName("rw-nav");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = entry.icon() == null
                    ? new SideNavItem(entry.title(), entry.path())
                    : new SideNavItem(entry.title(), entry.path(), new Icon(entry.icon()));
            nav.addItem(item);
        }
        return nav;
    }

    private static Div userMenu(AuthenticationContext authentication) {
        String name = authentication.getPrincipalName().orElse("");
        String role = authentication.getGrantedRoles().stream()
                .map(r -> r.toUpperCase(Locale.ROOT))
                .reduce((a, b) -> rank(a) >= rank(b) ? a : b)
                .map(r -> r.charAt(0) + r.substring(1).toLowerCase(Locale.ROOT))
                .orElse("");

        Avatar avatar = new Avatar(name);
        avatar.addThemeName("xsmall");
        Span label = new Span(name);
        label.addClassName("rw-user-name");
        Span roleBadge = new Span(role);
        roleBadge.getElement().getThemeList().add("badge contrast small");

        MenuBar menu = new MenuBar();
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Div who = new Div(avatar, label, roleBadge);
        who.addClassName("rw-who");
        MenuItem root = menu.addItem(who);
        root.getSubMenu().addItem("My account", e -> root.getUI().ifPresent(ui -> ui.navigate("account")));
        root.getSubMenu().addItem("Sign out", e -> authentication.logout());

        Div wrapper = new Div(menu);
        wrapper.addClassName("rw-user-menu");
        return wrapper;
    }

    private static int rank(String role) {
        return switch (role) {
            case "ADMIN" -> 3;
            case "OPERATOR" -> 2;
            default -> 1;
        };
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        viewTitle.setText(MenuConfiguration.getPageHeader(getContent()).orElse(""));
    }
}
