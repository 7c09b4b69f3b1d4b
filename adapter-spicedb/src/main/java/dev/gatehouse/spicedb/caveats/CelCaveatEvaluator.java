package dev.gatehouse.spicedb.caveats;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelAttribute;
import dev.cel.runtime.CelAttributePattern;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.PartialVars;
import dev.gatehouse.core.authorization.CaveatDefinition;
import dev.gatehouse.core.authorization.CaveatEvaluator;
import dev.gatehouse.core.shared.Failure;
import dev.gatehouse.core.shared.Reason;
import dev.gatehouse.core.shared.Result;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * SpiceDB's caveats over Google's CEL-Java: the parameter types {@code int uint bool string double
 * bytes duration timestamp list<T> map<T> ipaddress any}, CEL's standard functions and macros, and
 * {@code ipaddress.in_cidr(string)}. Context values arrive as JSON values (as SpiceDB's
 * {@code google.protobuf.Struct}) and are converted to the declared parameter types; parameters
 * absent from both the relationship's and the request's context are CEL unknowns, so an expression
 * that cannot be decided without them is CONDITIONAL, naming them (SpiceDB's partial evaluation).
 */
final class CelCaveatEvaluator implements CaveatEvaluator {

    static final CelType IPADDRESS = OpaqueType.create("ipaddress");
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .enableUnknownTracking(true)
            .enableTimestampEpoch(true)
            .evaluateCanonicalTypesToNativeValues(true)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addFunctionBindings(CelFunctionBinding.from("ipaddress_in_cidr_string", IpAddress.class, String.class,
                    IpAddress::inCidr))
            .build();

    @Override
    public Result<Compiled> compile(Collection<CaveatDefinition> caveats) {
        Map<String, CompiledCaveat> compiled = new HashMap<>();
        for (CaveatDefinition c : caveats) {
            Map<String, CaveatTypes.ParamType> params = new LinkedHashMap<>();
            var builder = CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(OPTIONS)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .setResultType(SimpleType.BOOL)
                    .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("in_cidr",
                            CelOverloadDecl.newMemberOverload("ipaddress_in_cidr_string", SimpleType.BOOL, IPADDRESS,
                                    SimpleType.STRING)));
            for (var p : c.parameters().entrySet()) {
                CaveatTypes.ParamType type;
                try {
                    type = CaveatTypes.parse(p.getValue());
                } catch (IllegalArgumentException e) {
                    return fail(c, c.line(), c.column(), "unknown type `" + p.getValue() + "` for parameter `"
                            + p.getKey() + "`: " + e.getMessage());
                }
                params.put(p.getKey(), type);
                builder.addVar(p.getKey(), type.celType());
            }
            CelCompiler compiler = builder.build();
            CelValidationResult result = compiler.compile(c.expression());
            if (result.hasError()) {
                var issue = result.getErrors().get(0);
                int line = c.expressionLine() + Math.max(0, issue.getSourceLocation().getLine() - 1);
                return fail(c, line, Math.max(1, issue.getSourceLocation().getColumn() + 1), issue.getMessage());
            }
            try {
                CelAbstractSyntaxTree ast = result.getAst();
                compiled.put(c.name(), new CompiledCaveat(c.name(), params, RUNTIME.createProgram(ast)));
            } catch (Exception e) {
                return fail(c, c.line(), c.column(), String.valueOf(e.getMessage()));
            }
        }
        return Result.ok(new Caveats(compiled));
    }

    private static Result<Compiled> fail(CaveatDefinition c, int line, int column, String why) {
        return Result.fail(Failure.of(Reason.VALIDATION, "schema error at line " + line + ", column " + column
                        + ": error compiling caveat `" + c.name() + "`: " + why)
                .withDetail("line", line).withDetail("column", column).withDetail("caveat", c.name()));
    }

    private record CompiledCaveat(String name, Map<String, CaveatTypes.ParamType> params, CelRuntime.Program program) {
    }

    private static final class Caveats implements Compiled {
        private final Map<String, CompiledCaveat> caveats;

        Caveats(Map<String, CompiledCaveat> caveats) {
            this.caveats = Map.copyOf(caveats);
        }

        private CompiledCaveat caveat(String name) {
            CompiledCaveat c = caveats.get(name);
            if (c == null) {
                throw new IllegalArgumentException("caveat `" + name + "` is not defined in the schema");
            }
            return c;
        }

        @Override
        public Optional<String> checkContext(String name, Map<String, Object> context) {
            CompiledCaveat c = caveats.get(name);
            if (c == null) {
                return Optional.of("caveat `" + name + "` is not defined in the schema");
            }
            try {
                convert(c, context);
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.of(e.getMessage());
            }
        }

        @Override
        public Outcome evaluate(String name, Map<String, Object> relationshipContext, Map<String, Object> requestContext) {
            CompiledCaveat c = caveat(name);
            Map<String, Object> merged = new HashMap<>(requestContext);
            merged.putAll(relationshipContext);
            Map<String, Object> values = convert(c, merged);
            List<CelAttributePattern> unknowns = new ArrayList<>();
            for (String p : c.params().keySet()) {
                if (!values.containsKey(p)) {
                    unknowns.add(CelAttributePattern.create(p));
                }
            }
            Object result;
            try {
                result = unknowns.isEmpty() ? c.program().eval(values)
                        : c.program().eval(PartialVars.of(values, unknowns.toArray(CelAttributePattern[]::new)));
            } catch (CelEvaluationException e) {
                throw new IllegalArgumentException("evaluation failed: " + e.getMessage());
            }
            if (result instanceof Boolean b) {
                return b ? Outcome.TRUE : Outcome.FALSE;
            }
            if (result instanceof CelUnknownSet unknown) {
                Set<String> missing = new TreeSet<>();
                for (CelAttribute a : unknown.attributes()) {
                    if (!a.qualifiers().isEmpty()) {
                        missing.add(a.qualifiers().get(0).asString());
                    }
                }
                if (missing.isEmpty()) {
                    unknowns.forEach(u -> missing.add(u.qualifiers().get(0).asString()));
                }
                return Outcome.conditional(missing);
            }
            throw new IllegalArgumentException("caveat `" + name + "` did not evaluate to a bool: " + result);
        }

        /** The context's values for the caveat's parameters, converted to their types; other keys are ignored. */
        private static Map<String, Object> convert(CompiledCaveat c, Map<String, Object> context) {
            Map<String, Object> out = new HashMap<>();
            for (var e : context.entrySet()) {
                CaveatTypes.ParamType type = c.params().get(e.getKey());
                if (type == null) {
                    continue;
                }
                try {
                    out.put(e.getKey(), type.convert(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("parameter `" + e.getKey() + "` of caveat `" + c.name()
                            + "`: " + ex.getMessage());
                }
            }
            return out;
        }
    }

}
