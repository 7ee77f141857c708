package dev.routewise.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    @TempDir
    Path temp;

    @Test
    void a_secret_round_trips_and_is_not_stored_in_clear() {
        SecretBox box = new SecretBox(new SecretsProperties("master", temp.resolve("k").toString()));

        String sealed = box.encrypt("sk-live-1234567890abcdef", "source:1:api-key");

        assertThat(sealed).startsWith("v1:").doesNotContain("sk-live");
        assertThat(box.decrypt(sealed, "source:1:api-key")).isEqualTo("sk-live-1234567890abcdef");
        assertThat(box.encrypt("sk-live-1234567890abcdef", "source:1:api-key")).isNotEqualTo(sealed);
    }

    @Test
    void a_ciphertext_moved_to_another_row_or_read_with_another_key_fails() {
        SecretBox box = new SecretBox(new SecretsProperties("master", temp.resolve("k").toString()));
        SecretBox other = new SecretBox(new SecretsProperties("other", temp.resolve("k").toString()));
        String sealed = box.encrypt("secret", "source:1:api-key");

        assertThatThrownBy(() -> box.decrypt(sealed, "source:2:api-key")).hasMessageContaining("cannot be decrypted");
        assertThatThrownBy(() -> other.decrypt(sealed, "source:1:api-key")).hasMessageContaining("cannot be decrypted");
    }

    @Test
    void without_a_master_secret_a_key_file_is_generated_for_the_owner_only() throws Exception {
        Path file = temp.resolve("nested/secret.key");

        SecretBox first = new SecretBox(new SecretsProperties("", file.toString()));
        SecretBox second = new SecretBox(new SecretsProperties("", file.toString()));

        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(second.decrypt(first.encrypt("x", "p"), "p")).isEqualTo("x");
    }

    @Test
    void masks_show_only_the_ends_of_long_secrets() {
        assertThat(SecretBox.mask("sk-proj-abcdefghijklmnop")).isEqualTo("sk-…mnop");
        assertThat(SecretBox.mask("short")).isEqualTo("••••");
        assertThat(SecretBox.mask(null)).isNull();
    }
}
