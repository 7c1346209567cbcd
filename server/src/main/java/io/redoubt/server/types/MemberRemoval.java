package io.redoubt.server.types;

import io.redoubt.resp.CommandArgs;

/** A collection whose elements are removed by name: set members, sorted-set members, hash fields. */
public interface MemberRemoval extends CollectionValue {
    /** Removes the element named by argument {@code i}; true when it was there. */
    boolean removeMember(CommandArgs a, int i);
}
