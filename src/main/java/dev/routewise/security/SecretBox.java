package dev.routewise.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Encrypts provider API keys at rest with AES-256-GCM. The key comes from
 * {@code ROUTEWISE_SECRET_KEY} (any string; hashed to 256 bits) or, when that is unset, from a
 * key file that is generated with owner-only permissions on first start. Ciphertexts are
 * {@code v1:<base64(iv || ciphertext+tag)>}; the associated data binds each secret to its purpose
 * so a ciphertext cannot be moved from one row to another unnoticed.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(SecretsProperties properties) {
        this.key = new SecretKeySpec(loadKeyMaterial(properties), "AES");
    }

    /** Encrypts {@code plaintext}; {@code purpose} (e.g. "source:12:api-key") must be given again to decrypt. */
    public String encrypt(String plaintext, String purpose) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return VERSION + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Decrypts what {@link #encrypt} made for the same purpose; fails if the key or the purpose differ. */
    public String decrypt(String ciphertext, String purpose) {
        if (ciphertext == null || !ciphertext.startsWith(VERSION)) {
            throw new IllegalArgumentException("Not a Routewise secret");
        }
        byte[] in = Base64.getDecoder().decode(ciphertext.substring(VERSION.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored secret cannot be decrypted: the secret key "
                    + "(ROUTEWISE_SECRET_KEY or the key file) is not the one it was encrypted with", e);
        }
    }

    /** A hint to recognise a secret without revealing it, e.g. {@code sk-…3f9a}. */
    public static String mask(String secret) {
        if (secret == null || secret.isBlank()) {
            return null;
        }
        String s = secret.strip();
        if (s.length() < 12) {
            return "••••";
        }
        return s.substring(0, 3) + "…" + s.substring(s.length() - 4);
    }

    private static byte[] loadKeyMaterial(SecretsProperties properties) {
        if (properties.key() != null && !properties.key().isBlank()) {
            return sha256(properties.key());
        }
        Path file = Path.of(properties.keyFile()).toAbsolutePath().normalize();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n");
                try {
                    Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    log.warn("Cannot restrict permissions of {} on this file system", file);
                }
                log.info("Generated the secret key for stored API keys at {}; back it up with the database", file);
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
