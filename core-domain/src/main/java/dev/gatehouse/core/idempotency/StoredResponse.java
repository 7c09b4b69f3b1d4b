package dev.gatehouse.core.idempotency;

import java.util.Arrays;

/** The response of the first execution, replayed byte for byte. */
public record StoredResponse(int status, String contentType, byte[] body) {
    public StoredResponse {
        body = body == null ? new byte[0] : body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredResponse r && r.status == status && java.util.Objects.equals(r.contentType, contentType)
                && Arrays.equals(r.body, body);
    }

    @Override
    public int hashCode() {
        return status * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "StoredResponse[" + status + ", " + body.length + " bytes]";
    }
}
