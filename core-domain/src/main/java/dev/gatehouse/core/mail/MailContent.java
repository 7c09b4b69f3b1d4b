package dev.gatehouse.core.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mail says: subject, plain text and HTML. The text may hold the one link the mail exists for
 * (an invitation, a verification), so it is stored only sealed ({@link #encode}) and never logged.
 */
public record MailContent(String subject, String text, String html) {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
    private static final byte FORMAT = 1;

    public MailContent {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /**
     * The HTML alternative of a plain-text mail: paragraphs at blank lines, line breaks kept, every
     * character escaped, and http(s) URLs made links.
     */
    public static MailContent fromText(String subject, String text) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n");
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            html.append("<p>").append(linkify(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
        }
        html.append("</body></html>\n");
        return new MailContent(subject, text, html.toString());
    }

    private static String linkify(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = URL.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start())));
            String url = escape(m.group());
            out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    /** HTML escaping of text and attribute values. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The bytes that are sealed: a format byte, then subject, text and HTML, each length-prefixed UTF-8. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            for (String part : new String[]{subject, text, html}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The content {@link #encode} wrote; empty for anything else. */
    public static Optional<MailContent> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readByte() != FORMAT) {
                return Optional.empty();
            }
            String[] parts = new String[3];
            for (int i = 0; i < 3; i++) {
                int n = in.readInt();
                if (n < 0 || n > encoded.length) {
                    return Optional.empty();
                }
                parts[i] = new String(in.readNBytes(n), StandardCharsets.UTF_8);
            }
            return Optional.of(new MailContent(parts[0], parts[1], parts[2]));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "MailContent[subject=" + subject + "]"; // never the body: it may hold a link's token
    }
}
