package dev.gatehouse.http;

import dev.gatehouse.core.shared.Cancellation;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.GenericFutureListener;

import java.util.concurrent.ForkJoinPool;

/**
 * Ends a request's work when its client has gone (ADR 0044). First on the request's blocking thread
 * (ADR 0037: authentication, rate limit, idempotency and the controller then run on it), it enters a
 * {@link Cancellation} scope and cancels it when the client's connection closes before the request's
 * work is done: the PostgreSQL adapter then cancels the statement running for it and starts no other.
 * The cancellation runs off the event loop (cancelling a PostgreSQL statement opens a connection to
 * the server). The scope ends with the request's work on that thread ({@link OneHopExecutor}), which
 * also removes the listener from a kept-alive connection.
 */
@ServerFilter({"/api/v1/**", SeedProfile.SEED_000, SeedProfile.SEED_004_PROJECTS, SeedProfile.SEED_004_KEYS, SeedProfile.SEED_003})
final class ClientGoneFilter implements Ordered {
    static final int ORDER = AuthenticationFilter.ORDER - 50;
    private static final ThreadLocal<Runnable> END = new ThreadLocal<>();

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    void watch(HttpRequest<?> request) {
        end();
        if (!(request instanceof NettyHttpRequest<?> netty)) {
            return;
        }
        Channel channel = netty.getChannelHandlerContext().channel();
        Cancellation.Scope scope = Cancellation.enter();
        GenericFutureListener<ChannelFuture> gone = f -> ForkJoinPool.commonPool().execute(scope::cancel);
        ChannelFuture closed = channel.closeFuture();
        closed.addListener(gone);
        END.set(() -> {
            closed.removeListener(gone);
            Cancellation.leave(scope);
        });
    }

    /** Ends the current thread's request scope, if any: its work is done. */
    static void end() {
        Runnable end = END.get();
        if (end != null) {
            END.remove();
            end.run();
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
