package dev.routewise;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.repository.Repository;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules of ../shared/CONVENTIONS.md, checked on every build. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.routewise");
    }

    @Test
    void features_do_not_depend_on_each_other_in_cycles() {
        // a feature's views are a layer of their own above every feature's services (the test bench runs prompts
        // through the gateway, which routes with the routing service): cycles between features' services, or
        // between views, still fail
        slices().assignedFrom(FEATURES_AND_THEIR_VIEWS).should().beFreeOfCycles()
                .ignoreDependency(simpleName("SecurityConfiguration"), simpleName("LoginView"))
                .check(classes);
    }

    /** dev.routewise.routing.engine is "routing", dev.routewise.routing.ui is "routing.ui". */
    private static final SliceAssignment FEATURES_AND_THEIR_VIEWS = new SliceAssignment() {
        private final Pattern feature = Pattern.compile("dev\\.routewise\\.([^.]+)(\\.ui)?(\\..*)?");

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            Matcher m = feature.matcher(javaClass.getPackageName());
            if (!m.matches()) {
                return SliceIdentifier.ignore();
            }
            return SliceIdentifier.of(m.group(1) + (m.group(2) == null ? "" : ".ui"));
        }

        @Override
        public String getDescription() {
            return "features, each with its views as a slice of their own";
        }
    };

    @Test
    void views_never_touch_repositories() {
        noClasses().that().resideInAPackage("dev.routewise..ui..")
                .should().dependOnClassesThat().areAssignableTo(Repository.class)
                .check(classes);
    }

    @Test
    void repositories_are_package_private() {
        classes().that().areAssignableTo(Repository.class).and().areInterfaces()
                .should().notBePublic()
                .check(classes);
    }

    @Test
    void views_do_not_use_jdbc_directly() {
        noClasses().that().resideInAPackage("dev.routewise..ui..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                        "org.springframework.data.jdbc..")
                .check(classes);
    }

    @Test
    void the_rest_of_the_app_does_not_depend_on_views() {
        noClasses().that().resideOutsideOfPackage("dev.routewise..ui..")
                .and().doNotHaveSimpleName("SecurityConfiguration")
                .should().dependOnClassesThat().resideInAPackage("dev.routewise..ui..")
                .check(classes);
    }

    @Test
    void the_classifier_engine_is_plain_java_without_spring_or_vaadin() {
        noClasses().that().resideInAPackage("dev.routewise.classify.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..")
                .check(classes);
    }

    @Test
    void the_cli_is_plain_java_that_only_talks_to_the_rest_api() {
        noClasses().that().resideInAPackage("dev.routewise.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..",
                        "jakarta..", "dev.routewise.base..", "dev.routewise.catalog..", "dev.routewise.classify..",
                        "dev.routewise.discovery..", "dev.routewise.routing..", "dev.routewise.security..")
                .check(classes);
    }

    @Test
    void the_routing_engine_is_plain_java_without_spring_or_vaadin() {
        noClasses().that().resideInAPackage("dev.routewise.routing.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..")
                .check(classes);
    }

    @Test
    void the_rules_language_is_plain_java_without_spring_or_vaadin() {
        noClasses().that().resideInAPackage("dev.routewise.routing.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.vaadin..")
                .check(classes);
    }

    @Test
    void the_routing_engine_uses_only_the_plain_catalog_records_and_enums() {
        DescribedPredicate<JavaClass> plainCatalogTypes = simpleName("CatalogModel").or(simpleName("CostTier"))
                .or(simpleName("Modality")).or(simpleName("Capability")).or(simpleName("ModelKind"))
                .or(simpleName("Modality[]")).or(simpleName("CostTier[]"));
        noClasses().that().resideInAPackage("dev.routewise.routing.engine..")
                .should().dependOnClassesThat(resideInAPackage("dev.routewise.catalog..")
                        .and(DescribedPredicate.not(plainCatalogTypes)))
                .check(classes);
    }
}
