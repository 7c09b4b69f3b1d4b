package dev.gatehouse.core.contract;

import dev.gatehouse.core.tenancy.Mailer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Mailer} fake for tests: keeps every message it was asked to send. */
public final class RecordingMailer implements Mailer {
    private final List<Message> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(Message message) {
        sent.add(message);
    }

    public List<Message> sent() {
        return List.copyOf(sent);
    }

    public Message last() {
        return sent.get(sent.size() - 1);
    }
}
