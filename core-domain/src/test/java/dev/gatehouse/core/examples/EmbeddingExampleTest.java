package dev.gatehouse.core.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/embedding.md's complete example is {@link EmbeddingExample}, compiled with these tests: the
 * documentation's code block must be that file from its imports on, and running it must print what the
 * documentation's comments say.
 */
class EmbeddingExampleTest {
    static final Path SOURCE = Path.of("src", "test", "java", "dev", "gatehouse", "core", "examples", "EmbeddingExample.java");
    static final Path DOC = Path.of("..", "docs", "embedding.md");

    @Test
    void theDocumentedExampleIsThisFile() throws Exception {
        String source = Files.readString(SOURCE);
        String fromImports = source.substring(source.indexOf("import ")).strip();
        String doc = Files.readString(DOC);
        String marker = "<!-- the example: core-domain/src/test/java/dev/gatehouse/core/examples/EmbeddingExample.java -->";
        assertThat(doc).contains(marker);
        int open = doc.indexOf("```java\n", doc.indexOf(marker)) + "```java\n".length();
        String block = doc.substring(open, doc.indexOf("```", open)).strip();
        assertThat(block).as("docs/embedding.md shows EmbeddingExample.java from its imports on").isEqualTo(fromImports);
    }

    @Test
    void theExampleRunsAndPrintsWhatTheDocumentationSays() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddingExample.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out).containsPattern("key key_[0-9a-z]+: VALID").contains("ada may write projects: true");
    }
}
