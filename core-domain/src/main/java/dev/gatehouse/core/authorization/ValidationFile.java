package dev.gatehouse.core.authorization;

import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A SpiceDB validation file, from its already parsed YAML document ({@code schema} or
 * {@code schemaFile}, {@code relationships} as text with one relationship per line, each at most once,
 * {@code assertions}, {@code validation}).
 *
 * @param caveats the caveats the file uses anywhere: schema, relationships or assertions
 * @param validation the entries of its {@code validation:} block (expected relations), compared like
 *                   {@code zed validate} compares them
 */
public record ValidationFile(Schema schema, List<Relationship> relationships, List<Assertion> assertions,
                             Set<String> caveats, List<ExpectedRelations> validation) {

    public ValidationFile {
        relationships = List.copyOf(relationships);
        assertions = List.copyOf(assertions);
        caveats = Set.copyOf(caveats);
        validation = List.copyOf(validation);
    }

    public ValidationFile(Schema schema, List<Relationship> relationships, List<Assertion> assertions, Set<String> caveats) {
        this(schema, relationships, assertions, caveats, List.of());
    }

    /** How many entries ({@code resource#permission}) the {@code validation:} block has. */
    public int expectedRelations() {
        return validation.size();
    }

    /** Whether evaluating the file needs caveats, which the local evaluator does not support. */
    public boolean usesCaveats() {
        return !caveats.isEmpty()
                || assertions.stream().anyMatch(a -> a.expectation() == Assertion.Expectation.CAVEATED
                || a.caveatContext().isPresent());
    }

    /** A document without a file: {@code schemaFile:} and {@code import} are refused. */
    public static Result<ValidationFile> parse(Map<String, Object> document) {
        return parse(document, null);
    }

    /**
     * A document read from a file in {@code directory}: {@code schemaFile:} names a schema file
     * relative to it (inside it, as {@code zed validate} requires), and the schema's {@code import}
     * statements are resolved relative to the file that holds them.
     */
    public static Result<ValidationFile> parse(Map<String, Object> document, Path directory) {
        if (document == null) {
            return broken("the document is empty");
        }
        Object inline = document.get("schema");
        Object schemaFile = document.get("schemaFile");
        if (inline != null && schemaFile != null) {
            return broken("only one of schema or schemaFile can be specified");
        }
        String schemaText;
        Path schemaDirectory = directory;
        if (schemaFile != null) {
            if (!(schemaFile instanceof String name) || directory == null) {
                return broken(directory == null ? "'schemaFile' needs a validation file on disk"
                        : "expected 'schemaFile' to be a path");
            }
            Optional<Path> path = local(directory, name);
            if (path.isEmpty()) {
                return broken("schema file \"" + name + "\" is not local");
            }
            try {
                schemaText = Files.readString(path.get(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return broken("error when reading schema file " + name + ": " + e.getClass().getSimpleName());
            }
            schemaDirectory = path.get().getParent();
        } else if (inline instanceof String text) {
            schemaText = text;
        } else {
            return broken("expected a 'schema' string (or a 'schemaFile')");
        }
        Result<Schema> schema = SchemaParser.parse(schemaText, schemaDirectory == null ? null : imports(schemaDirectory));
        if (!schema.isOk()) {
            return Result.fail(schema.failure());
        }
        Set<String> caveats = new LinkedHashSet<>(schema.value().caveats());

        Object relationshipsValue = document.get("relationships");
        if (relationshipsValue != null && !(relationshipsValue instanceof String)) {
            return broken("expected 'relationships' to be text, one relationship per line");
        }
        Map<Relationship.Key, Relationship> relationships = new LinkedHashMap<>();
        String[] lines = relationshipsValue == null ? new String[0] : ((String) relationshipsValue).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            try {
                RelationshipText.Parsed parsed = RelationshipText.parse(line);
                parsed.caveat().ifPresent(caveats::add);
                if (relationships.put(parsed.relationship().key(), parsed.relationship()) != null) {
                    // zed validate: the same relationship twice (even with another expiration or caveat)
                    return broken("relationship line " + (i + 1) + ": found repeated relationship `" + line + "`");
                }
            } catch (IllegalArgumentException e) {
                return broken("relationship line " + (i + 1) + ": " + e.getMessage());
            }
        }

        List<Assertion> assertions = new ArrayList<>();
        Object assertionsValue = document.get("assertions");
        if (assertionsValue != null && !(assertionsValue instanceof Map)) {
            return broken("expected 'assertions' to be a map of assertTrue / assertFalse / assertCaveated lists");
        }
        Map<?, ?> assertionMap = assertionsValue == null ? Map.of() : (Map<?, ?>) assertionsValue;
        for (Object key : assertionMap.keySet()) {
            if (!List.of("assertTrue", "assertFalse", "assertCaveated").contains(String.valueOf(key))) {
                return broken("unknown assertion kind '" + key + "': expected assertTrue, assertFalse or assertCaveated");
            }
        }
        for (Assertion.Expectation expectation : Assertion.Expectation.values()) {
            Object list = assertionMap.get(expectation.key());
            if (list == null) {
                continue;
            }
            if (!(list instanceof List<?> items)) {
                return broken("expected '" + expectation.key() + "' to be a list");
            }
            for (Object item : items) {
                try {
                    assertions.add(Assertion.parse(expectation, String.valueOf(item)));
                } catch (IllegalArgumentException e) {
                    return broken(expectation.key() + " '" + item + "': " + e.getMessage());
                }
            }
        }
        Object validation = document.get("validation");
        if (validation != null && !(validation instanceof Map)) {
            return broken("expected 'validation' to be a map of resource#relation to expected subjects");
        }
        List<ExpectedRelations> expected;
        try {
            expected = validation == null ? List.of() : ExpectedRelations.parse((Map<?, ?>) validation);
        } catch (IllegalArgumentException e) {
            return broken("validation: " + e.getMessage());
        }
        return Result.ok(new ValidationFile(schema.value(), List.copyOf(relationships.values()), assertions, caveats, expected));
    }

    /** {@code name} resolved in {@code directory}, unless it is absolute or leaves the directory. */
    static Optional<Path> local(Path directory, String name) {
        Path relative;
        try {
            relative = Path.of(name).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (relative.isAbsolute() || relative.startsWith("..") || relative.toString().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(directory.resolve(relative));
    }

    /** Imports relative to {@code directory}, each imported file's own imports relative to it in turn. */
    private static SchemaParser.Imports imports(Path directory) {
        return new SchemaParser.Imports() {
            @Override
            public Optional<String> read(String path) {
                return local(directory, path).filter(Files::isRegularFile).flatMap(p -> {
                    try {
                        return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                });
            }

            @Override
            public SchemaParser.Imports relativeTo(String path) {
                return imports(local(directory, path).map(Path::getParent).orElse(directory));
            }

            @Override
            public String key(String path) {
                return local(directory, path).map(p -> p.toAbsolutePath().normalize().toString()).orElse(path);
            }
        };
    }

    private static <T> Result<T> broken(String message) {
        return Result.fail(Failure.of(Reason.VALIDATION, message));
    }
}
