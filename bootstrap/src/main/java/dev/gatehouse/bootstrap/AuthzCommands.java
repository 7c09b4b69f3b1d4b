package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.ValidationFile;
import dev.gatehouse.core.authorization.ValidationReport;
import dev.gatehouse.core.authorization.ValidationRunner;
import dev.gatehouse.core.memory.MemoryRelationships;
import dev.gatehouse.core.memory.MemoryTransactions;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;
import dev.gatehouse.spicedb.caveats.CelCaveats;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gatehouse authz …}: authorization tools that need no server. */
@Command(name = "authz", description = "Authorization tools (no server needed).",
        subcommands = {AuthzCommands.Validate.class})
final class AuthzCommands implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** No subcommand: usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "validate",
            description = {
                    "Check SpiceDB validation files (schema or schemaFile, relationships, assertions) and schema files (.zed, "
                            + "with their imports) against Gatehouse's local evaluator, like 'zed validate'.",
                    "Exit status: 0 every file passed; 1 an assertion failed or an expected relation (validation:) did not match; "
                            + "2 a file is broken (unreadable, bad YAML, bad schema, relationship or validation string); 3 a file needs "
                            + "an unsupported feature. Caveats are evaluated with CEL, as SpiceDB does. "
                            + "With several files, the highest status wins."})
    static final class Validate implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Validation files (YAML) or schema files (.zed).")
        List<Path> files;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ValidationRunner runner = new ValidationRunner(Clock.systemUTC(), () -> {
                MemoryTransactions tx = new MemoryTransactions();
                return new ValidationRunner.Store(new MemoryRelationships(tx), tx);
            }, CelCaveats.evaluator());
            Map<ValidationReport.Status, Integer> counts = new EnumMap<>(ValidationReport.Status.class);
            int exit = 0;
            for (Path file : files) {
                ValidationReport.Status status = validate(runner, file, out);
                counts.merge(status, 1, Integer::sum);
                exit = Math.max(exit, status.exitCode());
            }
            if (files.size() > 1) {
                out.printf("%d files: %d passed, %d failed, %d broken, %d unsupported%n", files.size(),
                        counts.getOrDefault(ValidationReport.Status.PASSED, 0),
                        counts.getOrDefault(ValidationReport.Status.FAILED, 0),
                        counts.getOrDefault(ValidationReport.Status.BROKEN, 0),
                        counts.getOrDefault(ValidationReport.Status.UNSUPPORTED, 0));
            }
            out.flush();
            return exit;
        }

        private static ValidationReport.Status validate(ValidationRunner runner, Path file, PrintWriter out) {
            Result<Map<String, Object>> document = read(file);
            if (!document.isOk()) {
                out.printf("%s: %s%n", file, document.failure().message());
                return ValidationReport.Status.BROKEN;
            }
            Path directory = file.toAbsolutePath().getParent();
            Result<ValidationFile> parsed = ValidationFile.parse(document.value(), directory);
            if (!parsed.isOk()) {
                out.printf("%s: broken: %s%n", file, parsed.failure().message());
                return ValidationReport.Status.BROKEN;
            }
            ValidationFile validation = parsed.value();
            ValidationReport report = runner.run(validation);
            switch (report.status()) {
                case PASSED -> out.printf("%s: ok, %d relationships loaded, %d assertions passed%s%n", file,
                        validation.relationships().size(), validation.assertions().size(),
                        validation.expectedRelations() == 0 ? ""
                                : ", " + validation.expectedRelations() + " expected relations matched");
                case FAILED -> {
                    out.printf("%s: FAILED, %s%n", file, report.message());
                    report.failures().forEach(f -> out.printf("  - %s%n", f.message()));
                }
                case BROKEN, UNSUPPORTED -> out.printf("%s: %s%n", file, report.message());
            }
            return report.status();
        }

        /** The file's YAML document as a map; a failure names what is wrong and where. */
        @SuppressWarnings("unchecked")
        static Result<Map<String, Object>> read(Path file) {
            if (file.getFileName() != null && file.getFileName().toString().endsWith(".zed")) {
                // A plain schema file: validated like a validation file that names it in 'schemaFile'.
                if (!Files.isRegularFile(file)) {
                    return broken("cannot read the file (NoSuchFileException: " + file + ")");
                }
                return Result.ok(Map.of("schemaFile", file.getFileName().toString()));
            }
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return broken("cannot read the file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
            Object loaded;
            try {
                loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
                String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
                return broken("not valid YAML" + where + ": " + problem);
            } catch (YAMLException e) {
                return broken("not valid YAML: " + e.getMessage());
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                return broken("expected a YAML mapping with 'schema', 'relationships' and 'assertions'");
            }
            return Result.ok((Map<String, Object>) map);
        }

        private static <T> Result<T> broken(String message) {
            return Result.fail(Failure.of(Reason.VALIDATION, "broken: " + message));
        }
    }
}
