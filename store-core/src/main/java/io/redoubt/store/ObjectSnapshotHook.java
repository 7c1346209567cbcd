package io.redoubt.store;

/**
 * Copy-on-write for on-heap values during a snapshot: called when an object a running
 * {@link SnapshotTraversal} has not yet written is about to change in place
 * ({@link Database#beforeObjectWrite}); returns what the traversal will see instead.
 */
@FunctionalInterface
public interface ObjectSnapshotHook {
    /**
     * Shares the live object: correct only while the data-type layer replaces objects rather than changing
     * them in place; the default until the data types provide copies.
     */
    ObjectSnapshotHook SHARE = (type, value) -> value;

    Object preserve(int type, Object value);
}
