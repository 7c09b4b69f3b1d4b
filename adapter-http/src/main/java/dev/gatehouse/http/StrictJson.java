package dev.gatehouse.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.gatehouse.core.shared.Text;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * The one JSON reading policy of the API, applied to the ObjectMapper every route binds bodies with
 * (whatever bootstrap configures): no coercion between JSON types (a string field takes only a
 * string, a boolean only true/false, an integer only an integral number), no single value taken as
 * an array nor an array unwrapped into a value, nothing after the root value, fractions read
 * exactly (so {@code 1e400} is out of range rather than infinity), and every string free of control
 * characters — except tab and line breaks in {@link #MULTI_LINE_FIELDS}. Refusals name the field;
 * {@link ProblemErrorResponseProcessor} turns them into 422 (or 400 {@code invalid_json} for
 * trailing content). See ADR 20.
 */
@Singleton
final class StrictJson implements BeanCreatedEventListener<ObjectMapper> {
    /** Fields whose text may span lines: tab, LF and CR allowed, other control characters not. */
    static final Set<String> MULTI_LINE_FIELDS = Set.of("description", "reason", "comment");

    /** A value the input rules refuse (a control character, an out-of-range number), with the problem to report. */
    static final class RefusedValue extends MismatchedInputException {
        private final String problem;

        RefusedValue(JsonParser p, String problem, Class<?> type) {
            super(p, problem, type);
            this.problem = problem;
        }

        String problem() {
            return problem;
        }
    }

    @Override
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        return apply(event.getBean());
    }

    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: the mapper is Micronaut's, not ours to rebuild
    static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        for (LogicalType type : new LogicalType[]{LogicalType.Boolean, LogicalType.Integer, LogicalType.Float,
                LogicalType.Textual}) {
            var config = mapper.coercionConfigFor(type);
            for (CoercionInputShape shape : new CoercionInputShape[]{CoercionInputShape.Boolean, CoercionInputShape.Integer,
                    CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.EmptyString}) {
                config.setCoercion(shape, CoercionAction.Fail);
            }
        }
        SimpleModule module = new SimpleModule("gatehouse-strict-json");
        module.addDeserializer(String.class, new StrictString());
        module.addDeserializer(Double.class, new FiniteDouble(Double.class));
        module.addDeserializer(Double.TYPE, new FiniteDouble(Double.TYPE));
        mapper.registerModule(module);
        return mapper;
    }

    /** The name of the field the parser is in (for an array element, the array's field). */
    static Optional<String> fieldName(JsonParser p) {
        for (JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                return Optional.of(c.getCurrentName());
            }
        }
        return Optional.empty();
    }

    /** A string only from a JSON string, and only without control characters. */
    static final class StrictString extends StdScalarDeserializer<String> {
        StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String text = p.getText();
            boolean multiLine = fieldName(p).map(MULTI_LINE_FIELDS::contains).orElse(false);
            Optional<String> problem = multiLine ? Text.multiLineProblem(text) : Text.singleLineProblem(text);
            if (problem.isPresent()) {
                throw new RefusedValue(p, problem.get(), String.class);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** A double only from a JSON number that fits (1e400 is not infinity). */
    static final class FiniteDouble extends StdScalarDeserializer<Double> {
        FiniteDouble(Class<?> type) {
            super(type);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_NUMBER_INT) && !p.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
                return (Double) ctxt.handleUnexpectedToken(Double.class, p);
            }
            double value = p.getDoubleValue();
            if (!Double.isFinite(value)) {
                throw new RefusedValue(p, "is out of range", Double.class);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Float;
        }
    }
}
