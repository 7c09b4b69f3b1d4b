package dev.gatehouse.core.authorization;

import dev.gatehouse.core.authorization.Expression.Arrow;
import dev.gatehouse.core.authorization.Expression.Exclusion;
import dev.gatehouse.core.authorization.Expression.Intersection;
import dev.gatehouse.core.authorization.Expression.Nil;
import dev.gatehouse.core.authorization.Expression.Reference;
import dev.gatehouse.core.authorization.Expression.Union;
import dev.gatehouse.core.shared.Result;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaParserTest {

    private static Schema parse(String text) {
        Result<Schema> r = Schema.parse(text);
        assertThat(r.isOk()).as("%s", r).isTrue();
        return r.value();
    }

    private static String error(String text) {
        Result<Schema> r = Schema.parse(text);
        assertThat(r.isOk()).as("expected a schema error").isFalse();
        return r.failure().message();
    }

    private static Expression permission(String expression) {
        Schema s = parse("""
                definition user {}
                definition doc {
                  relation aaa: user
                  relation bbb: user
                  relation ccc: user
                  relation parent: doc
                  permission ppp = %s
                }
                """.formatted(expression));
        return s.definition("doc").orElseThrow().permission("ppp").orElseThrow();
    }

    private static Reference ref(String name) {
        return new Reference(name);
    }

    /** As SpiceDB's parser: exclusion loosest, then intersection, then union; all left-associative. */
    @Nested
    class Precedence {
        @Test
        void exclusionBindsLooserThanUnion() {
            assertThat(permission("aaa - bbb + ccc"))
                    .isEqualTo(new Exclusion(ref("aaa"), new Union(List.of(ref("bbb"), ref("ccc")))));
            assertThat(permission("aaa + bbb - ccc"))
                    .isEqualTo(new Exclusion(new Union(List.of(ref("aaa"), ref("bbb"))), ref("ccc")));
        }

        @Test
        void intersectionBindsLooserThanUnion() {
            assertThat(permission("aaa + bbb & ccc"))
                    .isEqualTo(new Intersection(List.of(new Union(List.of(ref("aaa"), ref("bbb"))), ref("ccc"))));
            assertThat(permission("aaa & bbb + ccc"))
                    .isEqualTo(new Intersection(List.of(ref("aaa"), new Union(List.of(ref("bbb"), ref("ccc"))))));
        }

        @Test
        void exclusionBindsLooserThanIntersection() {
            assertThat(permission("aaa & bbb - ccc"))
                    .isEqualTo(new Exclusion(new Intersection(List.of(ref("aaa"), ref("bbb"))), ref("ccc")));
            assertThat(permission("aaa - bbb & ccc"))
                    .isEqualTo(new Exclusion(ref("aaa"), new Intersection(List.of(ref("bbb"), ref("ccc")))));
        }

        @Test
        void exclusionIsLeftAssociativeAndParenthesesOverride() {
            assertThat(permission("aaa - bbb - ccc"))
                    .isEqualTo(new Exclusion(new Exclusion(ref("aaa"), ref("bbb")), ref("ccc")));
            assertThat(permission("aaa - (bbb - ccc)"))
                    .isEqualTo(new Exclusion(ref("aaa"), new Exclusion(ref("bbb"), ref("ccc"))));
            assertThat(permission("(aaa - bbb) + ccc"))
                    .isEqualTo(new Union(List.of(new Exclusion(ref("aaa"), ref("bbb")), ref("ccc"))));
        }

        @Test
        void arrowsBindTightest() {
            assertThat(permission("aaa + parent->ppp & parent.all(aaa) - nil")).isEqualTo(new Exclusion(
                    new Intersection(List.of(
                            new Union(List.of(ref("aaa"), new Arrow("parent", "ppp", Arrow.Function.ANY))),
                            new Arrow("parent", "aaa", Arrow.Function.ALL))),
                    new Nil()));
            assertThat(permission("parent.any(bbb)")).isEqualTo(new Arrow("parent", "bbb", Arrow.Function.ANY));
        }
    }

    @Test
    void parsesTheWholeLanguage() {
        Schema s = parse("""
                /** Doc comment. */
                use expiration

                // people
                definition acme/user {}

                /* teams
                   of people */
                definition acme/team {
                    relation member: acme/user | acme/team#member
                }

                definition acme/doc {
                    relation reader: acme/user | acme/user:* | acme/team#member | acme/team#... ;
                    relation temp: acme/user with expiration
                    permission read = reader + temp; permission none = nil
                }
                """);
        assertThat(s.usesExpiration()).isTrue();
        assertThat(s.usesCaveats()).isFalse();
        TypeDefinition doc = s.definition("acme/doc").orElseThrow();
        assertThat(doc.relations()).containsExactly("reader", "temp");
        assertThat(doc.permissions()).containsExactly("read", "none");
        assertThat(doc.allowedSubjects("reader")).containsExactly(
                new AllowedSubjectType("acme/user", SubjectRef.ELLIPSIS, false, Optional.empty(), false),
                new AllowedSubjectType("acme/user", SubjectRef.ELLIPSIS, true, Optional.empty(), false),
                new AllowedSubjectType("acme/team", "member", false, Optional.empty(), false),
                new AllowedSubjectType("acme/team", SubjectRef.ELLIPSIS, false, Optional.empty(), false));
        assertThat(doc.allowedSubjects("temp").get(0).expiration()).isTrue();
    }

    @Test
    void parsesCaveatsOnlyToNameThem() {
        Schema s = parse("""
                use expiration
                caveat org/on_tuesday(day string, days list<string>, m map<any>) {
                  day == 'tuesday' && {"a": 1}["a"] == 1 // "}"
                }
                caveat other(x int) { x > 1 }
                definition user {}
                definition doc {
                  relation viewer: user with org/on_tuesday | user with other and expiration | user
                }
                """);
        assertThat(s.caveats()).containsExactlyInAnyOrder("org/on_tuesday", "other");
        assertThat(s.usesCaveats()).isTrue();
    }

    @Nested
    class Errors {
        @Test
        void nameLineColumnAndWhatWasExpected() {
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer = user\n}"))
                    .isEqualTo("schema error at line 3, column 19: Expected ':' after relation name 'viewer', found '='");
            assertThat(error("definition doc {\n  permission view = \n}"))
                    .contains("line 3, column 1").contains("Expected compute expression for permission 'view'");
            assertThat(error("definition doc {")).contains("Expected '}' to close 'doc'");
            assertThat(error("permission view = a")).contains("line 1, column 1")
                    .contains("Unexpected token at root level");
            assertThat(error("definition user {}\n definition doc { relation r1x: user ^ }"))
                    .contains("line 2, column 38: unrecognized character at this location: U+005E '^'");
        }

        @Test
        void statementsEndWithANewlineOrASemicolonAsInSpiceDb() {
            // SpiceDB's lexer ends a statement at a newline only after an identifier, a keyword, '}', ')' or '*'.
            assertThat(error("definition user {}\ndefinition doc { relation viewer: user }"))
                    .contains("line 2, column 40: Expected end of statement or definition, found: '}'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user relation editor: user\n}"))
                    .contains("line 3, column 25: Expected end of statement or definition, found: keyword 'relation'");
            assertThat(error("definition user {\n  relation xxx: user\n}\ndefinition doc {\n  relation viewer: user#...\n  permission view = viewer\n}"))
                    .contains("line 6, column 3: Expected end of statement or definition");
            assertThat(Schema.parse("definition user {}\ndefinition doc { relation viewer: user; permission view = viewer; }").isOk()).isTrue();
        }

        @Test
        void keywordsAreNotNames() {
            assertThat(error("definition user {}\ndefinition doc {\n  relation with: user\n}"))
                    .contains("line 3, column 12: Expected identifier").contains("keyword 'with'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation nil: user\n}")).contains("keyword 'nil'");
            assertThat(error("use expiration\ndefinition user {}\ndefinition doc {\n  relation expiration: user\n}"))
                    .contains("keyword 'expiration'");
            assertThat(Schema.parse("definition user {}\ndefinition doc {\n  relation expiration: user\n}").isOk()).isTrue();
        }

        @Test
        void rejectUnknownTypesAndRelations() {
            assertThat(error("definition doc {\n  relation viewer: user\n}"))
                    .contains("line 2, column 20").contains("could not lookup definition `user` for relation `viewer`");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user#member\n}"))
                    .contains("relation/permission `member` not found under definition `user`");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user\n  permission view = viewer + editor\n}"))
                    .contains("line 4, column 30").contains("relation/permission `editor` not found under definition `doc`");
            // SpiceDB accepts an arrow to a name that none of the types has: it grants nothing.
            assertThat(Schema.parse("definition user {}\ndefinition doc {\n  relation parent: user\n  permission view = parent->view\n}").isOk()).isTrue();
        }

        @Test
        void rejectWhatSpiceDbRejects() {
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user with expiration\n}"))
                    .contains("could not lookup caveat `expiration`").contains("use expiration");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user with nope\n}"))
                    .contains("caveat with name `nope` not found");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user\n  permission vvv = viewer\n  permission www = vvv->viewer\n}"))
                    .contains("permissions cannot be used on the left hand side of an arrow (found `vvv`)");
            assertThat(error("definition user {\n  relation xxx: user\n}\ndefinition doc {\n  relation viewer: user:*\n  permission www = viewer->xxx\n}"))
                    .contains("wildcard relations cannot be used on the left side of arrows");
            assertThat(error("definition doc {\n  relation parent: doc\n  permission www = parent->parent->parent\n}"))
                    .contains("line 3, column 20: Nested arrows not yet supported");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user\n  relation viewer: user\n}"))
                    .contains("found duplicate relation/permission name `viewer` under definition `doc`");
            assertThat(error("definition user {}\ndefinition user {}")).contains("found name reused between multiple definitions and/or caveats: user");
            assertThat(error("definition User {}")).contains("error in object definition User: name: does not match regex pattern");
            assertThat(error("definition user {}\ndefinition doc {\n  relation vw: user\n}"))
                    .contains("error in relation vw: name: does not match regex pattern");
            assertThat(error("use caveats\ndefinition user {}"))
                    .contains("Unknown use flag: `caveats`. Options are: expiration, import, partial, self, typechecking");
            assertThat(error("definition user {}\nuse expiration\ndefinition doc {}"))
                    .contains("line 2, column 15: `use` expressions must be declared before any definition");
        }

        @Test
        void rejectDuplicateAllowedSubjectTypes() {
            String prefix = "use expiration\ndefinition user {\n  relation xxx: user\n}\ndefinition doc {\n  relation viewer: ";
            assertThat(error(prefix + "user | user\n}")).contains("line 6, column 27")
                    .contains("found duplicate allowed subject type `user` on relation `viewer` under definition `doc`");
            assertThat(error(prefix + "user:* | user:*\n}")).contains("duplicate allowed subject type `user:*`");
            assertThat(error(prefix + "user with expiration | user with expiration\n}"))
                    .contains("duplicate allowed subject type `user with expiration`");
            assertThat(error(prefix + "user | user#...;\n}")).contains("duplicate allowed subject type `user`");
            assertThat(Schema.parse(prefix + "user | user with expiration | user:* | user#xxx\n}").isOk()).isTrue();
        }

        @Test
        void rejectWildcardsReachedThroughASubjectRelation() {
            assertThat(error("definition user {}\ndefinition group {\n  relation member: user:*\n}\ndefinition doc {\n  relation viewer: group#member\n}"))
                    .contains("line 6, column 20").contains("for relation `viewer`: relation/permission `group#member` includes wildcard type `user` "
                            + "via relation `group#member`: wildcard relations cannot be transitively included");
            assertThat(error("definition user {}\ndefinition group {\n  relation member: user:*\n}\ndefinition doc {\n"
                    + "  relation viewer: group | group#member\n  permission view = viewer->member\n}"))
                    .contains("wildcard relations cannot");
        }

        @Test
        void nameLimitsAsInSpiceDb() {
            String segment64 = "a".repeat(64);
            assertThat(Schema.parse("definition " + segment64 + "/bbb {}").isOk()).isTrue();
            assertThat(Schema.parse("definition " + segment64 + "/" + "b".repeat(63) + " {}").isOk()).isTrue();
            assertThat(error("definition " + segment64 + "/bbb {}\ndefinition doc {\n  relation viewer: " + segment64 + "/bbb\n}"))
                    .contains("line 3, column 20: invalid type relation");
            assertThat(error("definition " + segment64 + "a/bbb {}")).contains("does not match regex pattern");
            assertThat(error("definition " + segment64 + "/" + "b".repeat(64) + " {}")).contains("must be at most 128 bytes");
        }

        @Test
        void rejectCyclesOfPermissionAliases() {
            assertThat(error("definition user {}\ndefinition doc {\n  relation rel: user\n  permission aaa = bbb\n  permission bbb = aaa\n}"))
                    .contains("under definition `doc`, there exists a cycle in permissions: aaa, bbb");
            // An alias cycle through another operand is not refused by SpiceDB: checks through it fail instead.
            assertThat(Schema.parse("definition user {}\ndefinition doc {\n  relation rel: user\n  permission aaa = bbb + rel\n  permission bbb = aaa\n}")
                    .isOk()).isTrue();
        }
    }
}
