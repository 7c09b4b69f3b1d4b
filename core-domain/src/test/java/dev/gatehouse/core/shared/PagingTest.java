package dev.gatehouse.core.shared;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTest {

    @Test
    void parsesSortKeysAgainstTheAllowedFields() {
        var ok = SortOrder.parse("-created_at, name", Set.of("created_at", "name"));
        assertThat(ok.value()).containsExactly(new SortOrder("created_at", true), new SortOrder("name", false));
        var bad = SortOrder.parse("password_hash", Set.of("created_at", "name"));
        assertThat(bad.isOk()).isFalse();
        assertThat(bad.failure().fieldErrors()).containsKey("sort");
        assertThat(bad.failure().fieldErrors().get("sort").get(0)).contains("created_at, name");
    }

    @Test
    void validatesPageAndPerPage() {
        assertThat(PageRequest.of(null, null, List.of()).value()).isEqualTo(new PageRequest(1, 25, List.of()));
        assertThat(PageRequest.of(0, 10, List.of()).failure().fieldErrors()).containsKey("page");
        assertThat(PageRequest.of(1, 101, List.of()).failure().fieldErrors()).containsKey("per_page");
        assertThat(PageRequest.of(1, 0, List.of()).failure().fieldErrors()).containsKey("per_page");
    }

    @Test
    void computesTheEnvelopeFigures() {
        Page<String> p = new Page<>(List.of("a", "b"), 3, 2, 7);
        assertThat(p.lastPage()).isEqualTo(4);
        assertThat(p.from()).isEqualTo(5L);
        assertThat(p.to()).isEqualTo(6L);
        Page<String> empty = new Page<>(List.of(), 1, 25, 0);
        assertThat(empty.lastPage()).isEqualTo(1);
        assertThat(empty.from()).isNull();
    }
}
