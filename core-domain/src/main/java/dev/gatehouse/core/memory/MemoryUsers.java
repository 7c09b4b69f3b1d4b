package dev.gatehouse.core.memory;

import dev.gatehouse.core.identity.Email;
import dev.gatehouse.core.identity.User;
import dev.gatehouse.core.identity.Users;
import dev.gatehouse.core.shared.ListQuery;
import dev.gatehouse.core.shared.Page;
import dev.gatehouse.core.shared.UserId;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users in memory, indexed by id and by email. */
public final class MemoryUsers implements Users {
    private final MemoryTransactions tx;
    private final Map<UserId, User> byId = new ConcurrentHashMap<>();
    private final Map<Email, UserId> byEmail = new ConcurrentHashMap<>();

    public MemoryUsers(MemoryTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<User> byId(UserId id) {
        return tx.read(() -> Optional.ofNullable(byId.get(id)));
    }

    @Override
    public Optional<User> byEmail(Email email) {
        return tx.read(() -> Optional.ofNullable(byEmail.get(email)).map(byId::get));
    }

    @Override
    public boolean add(User user) {
        boolean[] added = {false};
        tx.write(() -> {
            if (byEmail.containsKey(user.email()) || byId.containsKey(user.id())) {
                return;
            }
            byEmail.put(user.email(), user.id());
            byId.put(user.id(), user);
            added[0] = true;
        }, () -> {
            if (added[0]) {
                byEmail.remove(user.email());
                byId.remove(user.id());
            }
        });
        return added[0];
    }

    @Override
    public void update(User user) {
        User[] before = {null};
        tx.write(() -> before[0] = byId.replace(user.id(), user), () -> {
            if (before[0] != null) {
                byId.put(before[0].id(), before[0]);
            }
        });
    }

    @Override
    public boolean any() {
        return tx.read(() -> !byId.isEmpty());
    }

    private static final MemoryListing<User> LISTING = new MemoryListing<>(User::createdAt, User::updatedAt,
            u -> u.id().value(), List.of(u -> u.email().value(), User::name),
            Map.of("created_at", Comparator.comparing(User::createdAt),
                    "updated_at", Comparator.comparing(User::updatedAt),
                    "email", Comparator.comparing((User u) -> u.email().value()),
                    "name", Comparator.comparing(User::name)),
            Comparator.comparing(User::createdAt).reversed());

    @Override
    public Page<User> list(ListQuery q) {
        return tx.read(() -> LISTING.page(byId.values(), u -> q.status() == null || u.status().name().equalsIgnoreCase(q.status()), q));
    }
}
