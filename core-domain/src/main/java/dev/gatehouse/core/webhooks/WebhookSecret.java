package dev.gatehouse.core.webhooks;

import dev.gatehouse.core.shared.IdGenerator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * A signing secret in the Standard Webhooks form {@code whsec_} + base64 of the key bytes (32 random
 * bytes when generated; at least 24 when given). Signs {@code id.timestamp.body} with HMAC-SHA256.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    public static final int GENERATED_BYTES = 32;
    public static final int MIN_BYTES = 24;
    public static final int MAX_BYTES = 64;
    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key.clone();
    }

    public static WebhookSecret generate(IdGenerator ids) {
        return new WebhookSecret(ids.randomBytes(GENERATED_BYTES));
    }

    /** The secret of a {@code whsec_…} text; empty for another shape or fewer than 24 / more than 64 key bytes. */
    public static Optional<WebhookSecret> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] raw = Base64.getDecoder().decode(text.substring(PREFIX.length()));
            return raw.length < MIN_BYTES || raw.length > MAX_BYTES ? Optional.empty() : Optional.of(new WebhookSecret(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** From stored (unsealed) key bytes. */
    public static WebhookSecret ofKey(byte[] key) {
        return new WebhookSecret(Objects.requireNonNull(key, "key"));
    }

    public byte[] key() {
        return key.clone();
    }

    /** The text shown once to the subscriber. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** {@code v1,} + base64 HMAC-SHA256 of {@code messageId.timestamp.body}. */
    public String sign(String messageId, long timestampSeconds, String body) {
        return sign(messageId, timestampSeconds, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The same over the body's UTF-8 bytes (the bytes sent: no second copy of the payload). */
    public String sign(String messageId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            byte[] sig = mac.doFinal(body);
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret s && java.security.MessageDigest.isEqual(key, s.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
