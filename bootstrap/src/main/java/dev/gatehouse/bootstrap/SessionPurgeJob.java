package dev.gatehouse.bootstrap;

import dev.gatehouse.core.sessions.UserSessions;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Forgets sessions that expired or were revoked more than 30 days ago, every hour
 * ({@code gatehouse.sessions.purge-interval}); until then they stay listed for their user and admins.
 */
@Singleton
@Requires(property = "gatehouse.sessions.purge-enabled", notEquals = "false")
class SessionPurgeJob {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPurgeJob.class);
    static final Duration KEEP = Duration.ofDays(30);

    private final UserSessions sessions;

    SessionPurgeJob(UserSessions sessions) {
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "${gatehouse.sessions.purge-interval:1h}", initialDelay = "${gatehouse.sessions.purge-initial-delay:10m}")
    void purge() {
        try {
            int purged = sessions.purgeEnded(KEEP);
            if (purged > 0) {
                LOG.debug("Forgot {} sessions that ended more than {} ago", purged, KEEP);
            }
        } catch (RuntimeException e) {
            LOG.warn("Session purge failed; retrying at the next run", e);
        }
    }
}
