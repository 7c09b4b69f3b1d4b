package dev.gatehouse.http;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonView;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Marks a wire field whose value is a secret shown once (an API key, a webhook signing secret, an
 * invitation token or link, a session or access token). The response goes to the client as it is;
 * whatever keeps a copy of it — the idempotency layer — writes it with the {@link Stored} view, which
 * leaves these fields out (ADR 19). A field holding a secret must carry this annotation; the
 * idempotency layer also refuses to store a body that still looks like it holds one.
 */
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonView(ShownOnce.class)
@interface ShownOnce {

    /** The Jackson view for copies kept by the server: every field except the {@link ShownOnce} ones. */
    final class Stored {
        private Stored() {
        }
    }
}
