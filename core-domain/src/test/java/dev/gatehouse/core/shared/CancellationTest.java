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
        Cancellation.Scope scope = Cancellation.enter();
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
            Cancellation.leave(scope);
        }
        assertThat(Cancellation.cancelled()).isFalse();
    }

    @Test
    void aScopeThatEndedRunsNothingWhenCancelledLater() {
        Cancellation.Scope scope = Cancellation.enter();
        AtomicInteger ran = new AtomicInteger();
        Cancellation.onCancel(ran::incrementAndGet);
        Cancellation.leave(scope);
        scope.cancel();
        assertThat(ran).hasValue(0);
        assertThat(scope.isCancelled()).isFalse();
    }

    @Test
    void anotherThreadCancelsTheScopeOfTheThreadDoingTheWork() throws Exception {
        Cancellation.Scope scope = Cancellation.enter();
        try {
            AtomicInteger ran = new AtomicInteger();
            Cancellation.onCancel(ran::incrementAndGet);
            Thread canceller = new Thread(scope::cancel);
            canceller.start();
            canceller.join();
            assertThat(ran).hasValue(1);
            assertThat(Cancellation.cancelled()).isTrue();
        } finally {
            Cancellation.leave(scope);
        }
    }
}
