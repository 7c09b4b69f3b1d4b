package dev.gatehouse.core.identity;

import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.util.Optional;
import java.util.Set;

/**
 * The users of this Gatehouse instance. Emails are unique. {@code list} supports the common
 * filters (search matches email or name, case-insensitive; status is {@code active} or
 * {@code deactivated}) and sorting by {@link #SORTABLE} fields; the default order is newest first.
 */
public interface Users {
    Set<String> SORTABLE = Set.of("created_at", "updated_at", "email", "name");

    Optional<User> byId(UserId id);

    Optional<User> byEmail(Email email);

    /** @return false, and stores nothing, when the email is taken */
    boolean add(User user);

    /** Replaces the stored user with the same id. */
    void update(User user);

    boolean any();

    Page<User> list(ListQuery query);
}
