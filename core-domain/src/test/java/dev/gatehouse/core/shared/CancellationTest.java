package dev.gatehouse.core.shared;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CancellationTest {

    @Test
    void outsideAScopeNothingIsEverCancelled() {
        AtomicInteger ran = new AtomicInteger();
        try (Cancellation.Registration r = Cancellation.onCancel(ran::incrementAndGet)) {
            assertThat(Cancellation.cancelled()).isFalse();
        }
        assertThat(ran).hasValue(0);
    }

    @Test
    void cancellingRunsWhatIsRegisteredOnceAndWhatIsRegisteredLaterAtOnce() {
        Cancellation.Scope scope = Cancellation.open();
        Cancellation.Scope before = Cancellation.attach(scope);
        try {
            AtomicInteger first = new AtomicInteger();
            AtomicInteger done = new AtomicInteger();
            Cancellation.Registration open = Cancellation.onCancel(first::incrementAndGet);
            Cancellation.onCancel(done::incrementAndGet).close(); // finished before the cancel
            assertThat(Cancellation.cancelled()).isFalse();
            scope.cancel();
            scope.cancel();
            assertThat(first).hasValue(1);
            assertThat(done).hasValue(0);
            assertThat(Cancellation.cancelled()).isTrue();
            open.close();
            AtomicInteger late = new AtomicInteger();
            Cancellation.onCancel(late::incrementAndGet).close();
            assertThat(late).hasValue(1);
        } finally {
            scope.end();
            Cancellation.restore(before);
        }
        assertThat(Cancellation.cancelled()).isFalse();
    }

    @Test
    void aScopeThatEndedRunsNothingWhenCancelledLater() {
        Cancellation.Scope scope = Cancellation.open();
        Cancellation.Scope before = Cancellation.attach(scope);
        AtomicInteger ran = new AtomicInteger();
        Cancellation.onCancel(ran::incrementAndGet);
        scope.end();
        Cancellation.restore(before);
        scope.cancel();
        assertThat(ran).hasValue(0);
        assertThat(scope.isCancelled()).isFalse();
    }

    @Test
    void anotherThreadCancelsTheScopeOfTheThreadDoingTheWork() throws Exception {
        Cancellation.Scope scope = Cancellation.open();
        Cancellation.Scope before = Cancellation.attach(scope);
        try {
            AtomicInteger ran = new AtomicInteger();
            Cancellation.onCancel(ran::incrementAndGet);
            Thread canceller = new Thread(scope::cancel);
            canceller.start();
            canceller.join();
            assertThat(ran).hasValue(1);
            assertThat(Cancellation.cancelled()).isTrue();
        } finally {
            scope.end();
            Cancellation.restore(before);
        }
    }

    @Test
    void aScopeFollowsItsWorkToAnotherThreadAndLeavesNothingBehind() throws Exception {
        Cancellation.Scope scope = Cancellation.open();
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger cancelledThere = new AtomicInteger();
        Thread worker = new Thread(() -> {
            Cancellation.Scope previous = Cancellation.attach(scope);
            try {
                Cancellation.onCancel(ran::incrementAndGet);
                scope.cancel();
                if (Cancellation.cancelled()) {
                    cancelledThere.incrementAndGet();
                }
            } finally {
                Cancellation.restore(previous);
            }
            if (Cancellation.cancelled()) {
                cancelledThere.incrementAndGet(); // the thread no longer works for the request
            }
        });
        worker.start();
        worker.join();
        assertThat(ran).hasValue(1);
        assertThat(cancelledThere).hasValue(1);
        assertThat(Cancellation.cancelled()).as("the opening thread never had the scope").isFalse();
        scope.end();
    }
}
