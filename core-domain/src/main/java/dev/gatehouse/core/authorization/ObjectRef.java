package dev.gatehouse.core.authorization;

/** An object of the permission system: {@code type:id}, for example {@code project:p1}. */
public record ObjectRef(String type, String id) {

    public ObjectRef {
        Names.requireType(type);
        Names.requireObjectId(id);
    }

    /** Whether {@code text} is a valid object type name (SpiceDB's rules). */
    public static boolean isValidType(String text) {
        return Names.isType(text);
    }

    /** Whether {@code text} is a valid object id (SpiceDB's rules; not the wildcard). */
    public static boolean isValidId(String text) {
        return Names.isObjectId(text);
    }

    /** Whether {@code text} is a valid relation or permission name (SpiceDB's rules). */
    public static boolean isValidRelation(String text) {
        return Names.isRelation(text);
    }

    /** Parses {@code type:id}. */
    public static ObjectRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected type:id, found '" + Names.abbreviate(text) + "'");
        }
        return new ObjectRef(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return type + ":" + id;
    }
}
