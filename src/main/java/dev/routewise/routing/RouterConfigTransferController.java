package dev.routewise.routing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Router configuration as code: {@code GET} exports YAML (or JSON), {@code POST} imports, with a dry run. */
@RestController
@RequestMapping("/api/v1/router/config")
class RouterConfigTransferController {

    static final MediaType YAML = MediaType.parseMediaType("application/yaml");

    private final RouterConfigTransfer transfer;

    RouterConfigTransferController(RouterConfigTransfer transfer) {
        this.transfer = transfer;
    }

    @GetMapping
    ResponseEntity<?> export(@RequestParam(defaultValue = "yaml") String format) {
        if (format.equalsIgnoreCase("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(transfer.export());
        }
        if (!format.equalsIgnoreCase("yaml")) {
            throw new dev.routewise.base.InvalidInputException("format", "Use format=yaml or format=json");
        }
        return ResponseEntity.ok().contentType(YAML)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=routewise-router-"
                        + LocalDate.now(ZoneOffset.UTC) + ".yaml")
                .body(transfer.exportYaml());
    }

    /** Takes YAML (or JSON, which is YAML too) as the body. */
    @PostMapping
    RouterConfigTransfer.ImportResult importConfig(@RequestBody(required = false) String body,
                                                   @RequestParam(defaultValue = "false") boolean dryRun) {
        return transfer.importYaml(body, dryRun);
    }
}
