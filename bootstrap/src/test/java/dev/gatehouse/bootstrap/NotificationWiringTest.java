package dev.gatehouse.bootstrap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code GATEHOUSE_NOTIFICATIONS}: on, off, or unset (on exactly when an SMTP server is configured). */
class NotificationWiringTest {
    @Test
    void unsetFollowsWhetherMailGoesOut() {
        assertThat(NotificationWiring.enabled(null, true)).isTrue();
        assertThat(NotificationWiring.enabled(" ", false)).isFalse();
    }

    @Test
    void onAndOffWinEitherWay() {
        assertThat(NotificationWiring.enabled("off", true)).isFalse();
        assertThat(NotificationWiring.enabled("ON", false)).isTrue();
        assertThat(NotificationWiring.enabled("false", true)).isFalse(); // YAML's off
    }

    @Test
    void anythingElseStopsTheStart() {
        assertThatThrownBy(() -> NotificationWiring.enabled("sometimes", true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATEHOUSE_NOTIFICATIONS must be on or off");
    }
}
