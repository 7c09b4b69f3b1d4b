package dev.gatehouse.core.shared;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TypeIdTest {

    @Test
    void roundTripsAnyUuid() {
        var ids = new SecureIdGenerator(Clock.systemUTC());
        for (int i = 0; i < 1000; i++) {
            UUID u = i % 2 == 0 ? ids.newId() : UUID.randomUUID();
            String text = TypeId.encode("org", u);
            assertThat(text).startsWith("org_").hasSize(30);
            assertThat(TypeId.decode("org", text)).contains(u);
        }
        UUID max = new UUID(-1L, -1L);
        assertThat(TypeId.decode("usr", TypeId.encode("usr", max))).contains(max);
        assertThat(TypeId.encode("usr", max)).isEqualTo("usr_7zzzzzzzzzzzzzzzzzzzzzzzzz");
        assertThat(TypeId.encode("usr", new UUID(0, 0))).isEqualTo("usr_00000000000000000000000000");
    }

    @Test
    void rejectsWrongPrefixShapeAndAlphabetWithoutThrowing() {
        String good = new OrganizationId(UUID.randomUUID()).text();
        assertThat(ProjectId.parse(good)).isEmpty();
        assertThat(OrganizationId.parse(good)).isPresent();
        assertThat(OrganizationId.parse(good.toUpperCase())).isEmpty();
        assertThat(OrganizationId.parse(good + "0")).isEmpty();
        assertThat(OrganizationId.parse("org_8zzzzzzzzzzzzzzzzzzzzzzzzz")).isEmpty(); // overflows 128 bits
        assertThat(OrganizationId.parse("org_0000000000000000000000000u")).isEmpty(); // u is not Crockford
        assertThat(OrganizationId.parse("org_")).isEmpty();
        assertThat(OrganizationId.parse(null)).isEmpty();
        assertThat(OrganizationId.parse("org_é0000000000000000000000000")).isEmpty();
        assertThat(UserId.parse("")).isEmpty();
    }

    @Test
    void textOfTimeOrderedIdsSortsByCreationTime() {
        List<String> texts = new ArrayList<>();
        for (int s = 0; s < 50; s++) {
            var gen = new SecureIdGenerator(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(s * 37L), ZoneOffset.UTC));
            texts.add(new EventId(gen.newId()).text());
        }
        assertThat(texts).isSorted();
    }

    @Test
    void generatesVersion7Ids() {
        UUID u = new SecureIdGenerator(Clock.systemUTC()).newId();
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
    }

    @Test
    void randomBase62UsesTheWholeAlphabet() {
        String s = new SecureIdGenerator(Clock.systemUTC()).randomBase62(5000);
        assertThat(s).hasSize(5000).matches("[0-9A-Za-z]+");
        assertThat(s.chars().distinct().count()).isEqualTo(62);
    }
}
