package dev.gatehouse.bootstrap;

import dev.gatehouse.core.authorization.PermissionCatalog;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gatehouse authz validate FILE...}, run in-process through picocli. */
class AuthzValidateCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = GatehouseCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Run validate(List<Path> files) {
        List<String> args = new ArrayList<>(List.of("authz", "validate"));
        files.forEach(f -> args.add(f.toString()));
        return run(args.toArray(String[]::new));
    }

    @Nested
    class SpiceDbTestConfigs {
        @Test
        void everyFileWithoutCaveatsPasses() {
            List<Path> files = Conformance.withoutCaveats();
            assertThat(files).hasSize(53);
            Run r = validate(files);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            for (Path f : files) {
                assertThat(r.out()).contains(f + ": ok, ");
            }
            assertThat(r.out()).contains("53 files: 53 passed, 0 failed, 0 broken, 0 unsupported");
        }

        @Test
        void everyFileWithCaveatsPassesTooEvaluatedWithCel() {
            List<Path> files = Conformance.withCaveats();
            assertThat(files).hasSize(20);
            Run r = validate(files);
            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("20 files: 20 passed, 0 failed, 0 broken, 0 unsupported");
        }

        @TempDir
        Path scratch;

        @Test
        void oneBadFileAmongGoodOnesFailsTheRun() throws java.io.IOException {
            List<Path> files = new ArrayList<>(Conformance.withoutCaveats().subList(0, 3));
            Path bad = scratch.resolve("bad.yaml");
            java.nio.file.Files.writeString(bad, """
                    schema: |-
                      definition user {}
                      caveat only_on(day string) { day == 'tuesday' }
                      definition doc { relation viewer: user with only_on; }
                    relationships: |-
                      doc:d1#viewer@user:tom[only_on]
                    assertions:
                      assertTrue:
                        - 'doc:d1#viewer@user:tom with {"day": "monday"}'
                    """);
            files.add(bad);
            Run r = validate(files);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains("4 files: 3 passed, 1 failed, 0 broken, 0 unsupported");
        }
    }

    @Nested
    class Failures {
        @TempDir
        Path dir;

        @Test
        @SuppressWarnings("unchecked")
        void aFlippedAssertionFailsNamingIt() throws IOException {
            Path original = Conformance.projectCase("set-operations.yaml");
            Map<String, Object> doc = read(original);
            Map<String, Object> assertions = new LinkedHashMap<>((Map<String, Object>) doc.get("assertions"));
            List<Object> trues = new ArrayList<>((List<Object>) assertions.get("assertTrue"));
            String flipped = String.valueOf(trues.remove(0));
            List<Object> falses = new ArrayList<>(assertions.get("assertFalse") instanceof List<?> l ? l : List.of());
            falses.add(flipped);
            assertions.put("assertTrue", trues);
            assertions.put("assertFalse", falses);
            doc.put("assertions", assertions);
            Path copy = dir.resolve("flipped.yaml");
            Files.writeString(copy, new Yaml().dump(doc));

            Run r = validate(List.of(copy));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).contains(copy + ": FAILED, 1 of ")
                    // printed in canonical form: the ellipsis relation "#..." is implied
                    .contains("  - assertFalse " + flipped.replace("#...", "") + ": expected NO_PERMISSION, got HAS_PERMISSION");
        }

        @Test
        void aValidationBlockThatMatchesPassesAndAMismatchFailsNamingTheRelation() throws IOException {
            Run passed = validate(List.of(Conformance.projectCase("validation-block.yaml")));
            assertThat(passed.exitCode()).as(passed.out() + passed.err()).isZero();
            assertThat(passed.out()).contains("1 assertions passed, 3 expected relations matched");

            Path missing = Conformance.projectCase("validation-block-missing-subject.yaml");
            Run failed = validate(List.of(missing));
            assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
            assertThat(failed.out()).contains(missing + ": FAILED, 0 of 1 assertions failed, 1 expected-relation mismatches")
                    .contains("  - validation document:doc1#view: For object and permission/relation `document:doc1#view`, "
                            + "missing expected subject `user:zed`");
        }

        @Test
        void aBrokenSchemaNamesLineAndColumn() throws IOException {
            Path file = dir.resolve("broken.yaml");
            Files.writeString(file, """
                    schema: |-
                      definition user {}
                      definition document {
                        relation viewer: user
                        permission view = viewer +
                      }
                    assertions:
                      assertTrue:
                        - document:1#view@user:tom
                    """);
            Run r = validate(List.of(file));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).contains(file + ": broken: schema error at line 5, column 1");
        }

        @Test
        void badYamlNamesLineAndColumn() throws IOException {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, "schema: \"definition user {}\nrelationships: [\n");
            Run r = validate(List.of(file));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).containsPattern(".*bad\\.yaml: broken: not valid YAML at line \\d+, column \\d+: .+");
        }

        @Test
        void anUnreadableFileIsBroken() {
            Path missing = dir.resolve("missing.yaml");
            Run r = validate(List.of(missing));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).contains(missing + ": broken: cannot read the file (NoSuchFileException");
        }

        @Test
        void aDocumentThatIsNotAMappingIsBroken() throws IOException {
            Path file = dir.resolve("list.yaml");
            Files.writeString(file, "- just\n- a list\n");
            Run r = validate(List.of(file));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).contains("broken: expected a YAML mapping");
        }

        @Test
        void withoutFilesItIsAUsageError() {
            Run r = run("authz", "validate");
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("FILE");
        }
    }

    @Nested
    class SchemaFiles {
        @Test
        void aZedFileIsValidatedWithItsImports() {
            Path zed = Conformance.projectCase("schemas/main.zed");
            Run r = validate(List.of(zed));
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).contains(zed + ": ok, 0 relationships loaded, 0 assertions passed");
        }

        @Test
        void aValidationFileNamesItsSchemaFile() {
            Path file = Conformance.projectCase("schema-file-with-imports.yaml");
            Run r = validate(List.of(file));
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).contains(file + ": ok, 1 relationships loaded, 2 assertions passed");
        }

        @Test
        void anImportLeavingTheSchemaDirectoryIsRefused() {
            Path zed = Conformance.projectCase("schemas/escape.zed");
            Run r = validate(List.of(zed));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).contains("broken: schema error at line 4, column 1: failed to read import \"../set-operations.yaml\"");
        }

        @Test
        void aRepeatedRelationshipIsBroken(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
            Path file = dir.resolve("repeated.yaml");
            Files.writeString(file, """
                    schema: |-
                      definition user {}

                      definition doc {
                          relation viewer: user
                      }
                    relationships: |-
                      doc:one#viewer@user:ann
                      doc:one#viewer@user:ann
                    """);
            Run r = validate(List.of(file));
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.out()).contains("found repeated relationship `doc:one#viewer@user:ann`");
        }
    }

    @Nested
    class ProductSchema {
        @Test
        void theShippedExampleValidatesGatehouseZed() {
            Run r = validate(List.of(Conformance.exampleValidation()));
            assertThat(r.exitCode()).as(r.out()).isZero();
            assertThat(r.out()).contains("assertions passed");
        }

        @Test
        void theExampleCarriesTheShippedSchemaVerbatim() {
            Object schema = read(Conformance.exampleValidation()).get("schema");
            assertThat(String.valueOf(schema).strip()).isEqualTo(PermissionCatalog.productSchema().strip());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path p) {
        try {
            return new LinkedHashMap<>((Map<String, Object>) new Yaml().load(Files.readString(p)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
