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
                    .isEqualTo("schema error at line 3, column 19: expected ':' after relation name 'viewer', found '='");
            assertThat(error("definition doc {\n  permission view = \n}"))
                    .contains("line 3, column 1").contains("expected a relation, a permission, 'nil' or '('");
            assertThat(error("definition doc {")).contains("expected '}' to close definition 'doc'");
            assertThat(error("permission view = a")).contains("line 1, column 1")
                    .contains("expected 'definition', 'caveat' or 'use'");
            assertThat(error("definition user {}\n definition doc { relation r1x: user % }"))
                    .contains("line 2, column 38: unexpected character '%'");
        }

        @Test
        void rejectUnknownTypesAndRelations() {
            assertThat(error("definition doc {\n  relation viewer: user\n}"))
                    .contains("line 2, column 20").contains("unknown type 'user'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user#member\n}"))
                    .contains("has no relation or permission 'member'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user\n  permission view = viewer + editor\n}"))
                    .contains("line 4, column 30").contains("refers to 'editor'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation parent: user\n  permission view = parent->view\n}"))
                    .contains("none of the types of 'parent' has a relation or permission 'view'");
        }

        @Test
        void rejectWhatSpiceDbRejects() {
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user with expiration\n}"))
                    .contains("needs 'use expiration'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user with nope\n}"))
                    .contains("caveat 'nope', which is not defined");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user\n  permission vvv = viewer\n  permission www = vvv->viewer\n}"))
                    .contains("the left side of an arrow must be a relation");
            assertThat(error("definition user { relation xxx: user }\ndefinition doc {\n  relation viewer: user:*\n  permission www = viewer->xxx\n}"))
                    .contains("wildcards cannot be used on the left of an arrow");
            assertThat(error("definition doc {\n  relation parent: doc\n  permission www = parent->parent->parent\n}"))
                    .contains("nested arrows are not supported");
            assertThat(error("definition user {}\ndefinition doc {\n  relation viewer: user\n  relation viewer: user\n}"))
                    .contains("'viewer' is defined twice");
            assertThat(error("definition user {}\ndefinition user {}")).contains("defined twice");
            assertThat(error("definition User {}")).contains("invalid definition name 'User'");
            assertThat(error("definition user {}\ndefinition doc {\n  relation vw: user\n}")).contains("invalid name 'vw'");
            assertThat(error("use caveats\ndefinition user {}")).contains("unknown feature 'caveats'");
        }
    }
}
