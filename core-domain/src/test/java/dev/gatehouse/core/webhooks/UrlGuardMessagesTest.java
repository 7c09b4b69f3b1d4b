package dev.gatehouse.core.webhooks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused webhook URL says which development setting would allow it, so a developer knows what to turn on. */
class UrlGuardMessagesTest {
    @Test
    void plainHttpNamesTheSettingThatAllowsIt() {
        assertThat(UrlGuard.strict().check("http://example.com/hooks").problem())
                .contains("https").contains("GATEHOUSE_WEBHOOKS_ALLOW_HTTP");
        assertThat(new UrlGuard(true, List.of(), host -> new java.net.InetAddress[0]).check("ftp://example.com").problem())
                .doesNotContain("GATEHOUSE_WEBHOOKS_ALLOW_HTTP");
    }

    @Test
    void aNonPublicAddressNamesTheSettingThatExemptsNetworks() {
        assertThat(UrlGuard.strict().check("https://127.0.0.1/hooks").problem())
                .contains("non-public address (127.0.0.1)").contains("GATEHOUSE_WEBHOOKS_ALLOW_CIDRS");
        assertThat(UrlGuard.strict().check("https://10.1.2.3/hooks").problem()).contains("GATEHOUSE_WEBHOOKS_ALLOW_CIDRS");
    }
}
