package dev.gatehouse.core.authorization;

/** A relation or permission of one object, {@code type:id#relation}: a node of the evaluation graph. */
record NodeKey(String type, String id, String relation) {
    @Override
    public String toString() {
        return type + ":" + id + "#" + relation;
    }
}
