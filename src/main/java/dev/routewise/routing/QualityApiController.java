package dev.routewise.routing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The quality figures routing scores with: shipped benchmark figures and the team's edits. */
@RestController
@RequestMapping("/api/v1/router/quality")
class QualityApiController {

    private final QualityService quality;

    QualityApiController(QualityService quality) {
        this.quality = quality;
    }

    @GetMapping
    List<QualityService.QualityEntry> list() {
        return quality.list();
    }

    @PutMapping("/{key}")
    QualityService.QualityEntry set(@PathVariable String key,
                                    @RequestBody(required = false) QualityService.QualityChange change) {
        return quality.set(key, change);
    }

    /** Back to the shipped figures (or no figures, for a model the team added). */
    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset(@PathVariable String key) {
        quality.reset(key);
    }
}
