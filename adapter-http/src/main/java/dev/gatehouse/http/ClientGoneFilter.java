package dev.gatehouse.http;

import dev.gatehouse.core.shared.Cancellation;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.core.propagation.ThreadPropagatedContextElement;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.GenericFutureListener;
import jakarta.annotation.PreDestroy;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends a request's work when its client has gone (ADR 0044). Before the blocking filters, it opens a
 * {@link Cancellation} scope for the request and adds it to the request's propagated context
 * ({@link Current}), so the scope is current on every thread that works on the request, whichever
 * threads the framework hands it to; it cancels the scope when the client's connection closes before
 * the response is ready: the PostgreSQL adapter then cancels the statement running for it and starts
 * no other. The response ends the scope and removes the listener from a kept-alive connection.
 * Cancelling runs on two threads of this filter's own, never on the event loop and never on a pool
 * the requests share: cancelling a PostgreSQL statement opens a connection to the server, which can
 * take as long as the server takes to answer.
 */
@ServerFilter({"/api/v1/**", SeedProfile.SEED_000, SeedProfile.SEED_004_PROJECTS, SeedProfile.SEED_004_KEYS, SeedProfile.SEED_003})
final class ClientGoneFilter implements Ordered {
    static final int ORDER = AuthenticationFilter.ORDER - 50;
    private static final String WATCH = ClientGoneFilter.class.getName() + ".watch";
    /** Cancellations waiting for a thread; beyond this many, a gone client's statement ends at its timeout. */
    private static final int BACKLOG = 1_024;

    private final ThreadPoolExecutor cancellers = cancellers();

    @RequestFilter
    void watch(HttpRequest<?> request, MutablePropagatedContext propagated) {
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return;
        }
        Cancellation.Scope scope = Cancellation.open();
        ChannelFuture closed = netty.getChannelHandlerContext().channel().closeFuture();
        GenericFutureListener<ChannelFuture> gone = f -> cancellers.execute(scope::cancel);
        closed.addListener(gone);
        request.setAttribute(WATCH, new Watch(scope, closed, gone));
        propagated.add(new Current(scope));
    }

    @ResponseFilter
    void done(HttpRequest<?> request) {
        request.getAttribute(WATCH, Watch.class).ifPresent(Watch::end);
    }

    /** Whether {@code request}'s client went away before its response was ready (its work was cancelled). */
    static boolean clientGone(HttpRequest<?> request) {
        return request.getAttribute(WATCH, Watch.class).map(w -> w.scope().isCancelled()).orElse(false);
    }

    @PreDestroy
    void stop() {
        cancellers.shutdownNow();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static ThreadPoolExecutor cancellers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(BACKLOG), r -> {
            Thread t = new Thread(r, "gatehouse-client-gone");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** What the response undoes: the request's scope and the listener on its connection. */
    private record Watch(Cancellation.Scope scope, ChannelFuture closed, GenericFutureListener<ChannelFuture> gone) {
        void end() {
            closed.removeListener(gone);
            scope.end();
        }
    }

    /** The request's scope, current on each thread while it works on the request. */
    private record Current(Cancellation.Scope scope) implements ThreadPropagatedContextElement<Cancellation.Scope> {
        @Override
        public Cancellation.Scope updateThreadContext() {
            return Cancellation.attach(scope);
        }

        @Override
        public void restoreThreadContext(Cancellation.Scope previous) {
            Cancellation.restore(previous);
        }
    }
}
