package dev.gatehouse.core.authorization;

/** A relation or permission of one object, {@code type:id#relation}: a node of the evaluation graph. */
record NodeKey(String type, String id, String relation) {

    // Written out: the evaluators hash and compare keys on their hot path.
    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + id.hashCode()) * 31 + relation.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof NodeKey k && id.equals(k.id) && relation.equals(k.relation) && type.equals(k.type);
    }

    @Override
    public String toString() {
        return type + ":" + id + "#" + relation;
    }
}
