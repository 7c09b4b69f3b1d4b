package dev.gatehouse.core.shared.crypto;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Encrypts secrets at rest with AES-256-GCM under the instance's master key (JDK only). A sealed
 * value is {@code version (1 byte, 0x01) ‖ key check (4 bytes) ‖ nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)}.
 * The key check is the first four bytes of SHA-256("gatehouse sealer key check" ‖ master key): it tells
 * "sealed under another master key" apart from "damaged" without revealing the key.
 * <p>
 * The {@code context} (for example the owning row's id, {@code sgk_…}) is authenticated as
 * additional data: a sealed value copied to another row does not open there. Opening never throws for
 * bad input: a wrong master key, a tampered value or a wrong context is an empty result.
 */
public final class SecretSealer {
    public static final int KEY_BYTES = 32;
    static final byte VERSION = 1;
    private static final int CHECK_BYTES = 4;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + CHECK_BYTES + NONCE_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final byte[] check;

    public SecretSealer(byte[] masterKey) {
        Objects.requireNonNull(masterKey, "masterKey");
        if (masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes, not " + masterKey.length);
        }
        this.key = new SecretKeySpec(masterKey.clone(), "AES");
        this.check = keyCheck(masterKey);
    }

    /**
     * A sealer for a base64 (standard or URL alphabet, padding optional) encoded 32-byte key.
     *
     * @throws IllegalArgumentException for anything else (the message never contains the key)
     */
    public static SecretSealer fromBase64(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String text = encoded.strip();
        byte[] raw;
        try {
            raw = text.indexOf('-') >= 0 || text.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(text)
                    : Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key is not valid base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be base64 of " + KEY_BYTES + " bytes, not of " + raw.length);
        }
        return new SecretSealer(raw);
    }

    /** A sealer with a fresh random key: what it seals is unreadable once the process ends. */
    public static SecretSealer ephemeral() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return new SecretSealer(raw);
    }

    /** Encrypts {@code plaintext}, bound to {@code context}. */
    public byte[] seal(byte[] plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(context));
            byte[] body = cipher.doFinal(plaintext);
            byte[] out = new byte[HEADER + body.length];
            out[0] = VERSION;
            System.arraycopy(check, 0, out, 1, CHECK_BYTES);
            System.arraycopy(nonce, 0, out, 1 + CHECK_BYTES, NONCE_BYTES);
            System.arraycopy(body, 0, out, HEADER, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** The plaintext, or empty when the value is damaged, sealed under another key or for another context. */
    public Optional<byte[]> open(byte[] sealed, String context) {
        if (sealed == null || sealed.length < HEADER + TAG_BITS / 8 || sealed[0] != VERSION) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(Arrays.copyOfRange(sealed, 1, 1 + CHECK_BYTES), check)) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1 + CHECK_BYTES, NONCE_BYTES));
            cipher.updateAAD(aad(context));
            return Optional.of(cipher.doFinal(sealed, HEADER, sealed.length - HEADER));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JDK", e);
        }
    }

    /** Whether {@code sealed} looks sealed under this sealer's master key (version and key check match). */
    public boolean sealedWithThisKey(byte[] sealed) {
        return sealed != null && sealed.length >= HEADER && sealed[0] == VERSION
                && MessageDigest.isEqual(Arrays.copyOfRange(sealed, 1, 1 + CHECK_BYTES), check);
    }

    private static byte[] aad(String context) {
        return ("gatehouse.sealed.v1|" + Objects.requireNonNull(context, "context")).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] keyCheck(byte[] masterKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("gatehouse sealer key check".getBytes(StandardCharsets.US_ASCII));
            return Arrays.copyOf(sha.digest(masterKey), CHECK_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "SecretSealer[AES-256-GCM]"; // never the key
    }
}
