package io.redoubt.server.types;

import io.redoubt.store.AccountedObject;
import io.redoubt.store.ObjectSnapshotHook;

/**
 * A list, hash, set or sorted set held on-heap and referenced from its off-heap entry. Small collections
 * use compact encodings and convert to the large ones at the {@code *-max-listpack-*} /
 * {@code set-max-intset-entries} thresholds, as Redis's do, reporting Redis's encoding names.
 */
public interface CollectionValue extends AccountedObject {
    /** Redis's name for the current encoding (listpack, quicklist, hashtable, intset, skiplist). */
    String encoding();

    /** Number of elements: LLEN, HLEN, SCARD, ZCARD. */
    int size();

    /** A deep copy: for COPY, and for snapshots that must keep the value as it was. */
    CollectionValue copy();

    /** Copy-on-write for snapshots: a value about to change in place is copied for the traversal first. */
    ObjectSnapshotHook SNAPSHOT_COPY = (type, value) -> value instanceof CollectionValue c ? c.copy() : value;
}
