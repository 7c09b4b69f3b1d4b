package dev.gatehouse.http;

import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import org.slf4j.MDC;

/**
 * The request id in the SLF4J MDC of every thread that works on the request: on entering a thread
 * it puts {@code request_id} (and nothing else) and on leaving puts back what was there. It replaces
 * a copy of the whole MDC map per hand-off (issue 19: no per-hop MDC copies).
 */
record RequestIdMdc(String id) implements ThreadPropagatedContextElement<String> {
    @Override
    public String updateThreadContext() {
        String previous = MDC.get(RequestIds.MDC_KEY);
        MDC.put(RequestIds.MDC_KEY, id);
        return previous;
    }

    @Override
    public void restoreThreadContext(String previous) {
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }
}
