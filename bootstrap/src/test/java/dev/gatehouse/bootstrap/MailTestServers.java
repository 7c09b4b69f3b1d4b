package dev.gatehouse.bootstrap;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail tests' servers: SMTP servers (GreenMail) on free loopback ports and Gatehouse servers that
 * deliver to them over plain SMTP with a fixed master key; {@link #close} stops them all, and so does
 * the end of each test when a test class registers it as an extension
 * ({@code @RegisterExtension final MailTestServers mail = new MailTestServers();}).
 */
final class MailTestServers implements AutoCloseable, AfterEachCallback {
    static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final List<GreenMail> smtpServers = new ArrayList<>();
    private final List<EmbeddedServer> servers = new ArrayList<>();

    static void expect(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(() -> r.request().method() + " " + r.request().uri() + " → " + r.body()).isEqualTo(status);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    GreenMail smtp(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        setup.setServerStartupTimeout(30_000);
        GreenMail mail = new GreenMail(setup);
        mail.start();
        smtpServers.add(mail);
        return mail;
    }

    /** A Gatehouse (admin {@code root@example.com}) delivering mail to {@code smtpPort} every 200 ms, with {@code more} settings. */
    Http gatehouse(ServerConfig config, int smtpPort, Map<String, Object> more) {
        Map<String, Object> props = mailProperties(smtpPort);
        props.putAll(more);
        EmbeddedServer server = GatehouseServer.start(config, props);
        servers.add(server);
        return new Http(server.getURL().toString());
    }

    /** The root admin, a fixed master key, and mail to the SMTP server on {@code smtpPort} of this host, drained every 200 ms. */
    static Map<String, Object> mailProperties(int smtpPort) {
        Map<String, Object> props = new HashMap<>();
        props.put("gatehouse.admin.email", "root@example.com");
        props.put("gatehouse.admin.password", "a long admin password");
        props.put("gatehouse.master-key", MASTER_KEY);
        props.put("gatehouse.smtp.host", "127.0.0.1");
        props.put("gatehouse.smtp.port", smtpPort);
        props.put("gatehouse.smtp.tls", "none");
        props.put("gatehouse.smtp.from", "Gatehouse <noreply@gatehouse.example>");
        props.put("gatehouse.mail.dispatch-interval", "200ms");
        props.put("gatehouse.mail.dispatch-initial-delay", "0s");
        return props;
    }

    /** Stops the first Gatehouse started (as a crash or a deploy would). */
    void stopFirstGatehouse() {
        servers.remove(0).getApplicationContext().close();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        servers.forEach(s -> s.getApplicationContext().close());
        smtpServers.forEach(GreenMail::stop);
    }
}
