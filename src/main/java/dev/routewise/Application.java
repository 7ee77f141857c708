package dev.routewise;

import com.vaadin.flow.component.page.AppShellConfigurator;
import dev.routewise.cli.Cli;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** Routewise: one process that routes LLM requests and serves the admin console. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/routewise.css")
@PWA(name = "Routewise", shortName = "Routewise")
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        // `java -jar routewise.jar router status` is the command-line client: it talks to a running
        // server over HTTP and must not start one itself
        if (Cli.isCommand(args)) {
            Cli.main(args);
            return;
        }
        SpringApplication.run(Application.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
