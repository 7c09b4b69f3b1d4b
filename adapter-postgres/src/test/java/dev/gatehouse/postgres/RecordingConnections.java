package dev.gatehouse.postgres;

import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.data.connection.ConnectionStatus;
import io.micronaut.data.connection.ConnectionSynchronization;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link ConnectionOperations} that records every query a store prepares and runs, with the values
 * bound to it, so that a test can {@code EXPLAIN} exactly the statements the stores send.
 */
final class RecordingConnections implements ConnectionOperations<Connection> {

    /** A parameter setter call ({@code setString(1, "x")}), replayable on another statement. */
    record Binding(Method method, Object[] args) {
    }

    /** A query as run: its text and bindings. */
    record Query(String sql, List<Binding> bindings) {
        /** Prepares {@code prefix + sql} on the connection with the same bindings. */
        PreparedStatement prepare(Connection c, String prefix) throws SQLException {
            PreparedStatement ps = c.prepareStatement(prefix + sql);
            for (Binding b : bindings) {
                try {
                    b.method().invoke(ps, b.args());
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new SQLException("replaying " + b.method().getName() + " failed", e);
                }
            }
            return ps;
        }
    }

    private final ConnectionOperations<Connection> target;
    private final List<Query> queries = Collections.synchronizedList(new ArrayList<>());

    RecordingConnections(ConnectionOperations<Connection> target) {
        this.target = target;
    }

    /** The queries run since the last call, and forgets them. */
    List<Query> drain() {
        synchronized (queries) {
            List<Query> out = List.copyOf(queries);
            queries.clear();
            return out;
        }
    }

    @Override
    public Optional<ConnectionStatus<Connection>> findConnectionStatus() {
        return target.findConnectionStatus().map(this::wrap);
    }

    @Override
    public <R> R execute(ConnectionDefinition definition, Function<ConnectionStatus<Connection>, R> callback) {
        return target.execute(definition, status -> callback.apply(wrap(status)));
    }

    private ConnectionStatus<Connection> wrap(ConnectionStatus<Connection> status) {
        Connection recording = recording(status.getConnection());
        return new ConnectionStatus<>() {
            @Override
            public boolean isNew() {
                return status.isNew();
            }

            @Override
            public Connection getConnection() {
                return recording;
            }

            @Override
            public ConnectionDefinition getDefinition() {
                return status.getDefinition();
            }

            @Override
            public void registerSynchronization(ConnectionSynchronization synchronization) {
                status.registerSynchronization(synchronization);
            }
        };
    }

    private Connection recording(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(connection, method, args);
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                    && args[0] instanceof String sql && result instanceof PreparedStatement ps) {
                return recording(ps, sql);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, handler);
    }

    private PreparedStatement recording(PreparedStatement statement, String sql) {
        List<Binding> bindings = new ArrayList<>();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                bindings.add(new Binding(method, args.clone()));
            } else if (name.equals("executeQuery") && (args == null || args.length == 0)) {
                queries.add(new Query(sql, List.copyOf(bindings)));
            }
            return invoke(statement, method, args);
        };
        return (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{PreparedStatement.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
