package dev.gatehouse.core.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The wire type and catalog description of one record of the {@link Event} family. Every leaf record
 * carries it and has one example in {@link Examples}; {@link EventCatalog} reads both.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventSpec {
    /** The past-tense wire type, {@code resource.past_tense}. */
    String type();

    String description();

    /** Marks a record component written as JSON {@code null} when null (other null components are left out). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface KeepNull {
    }
}
