package io.redoubt.server.commands;

/**
 * What the key commands need from an on-heap value of the data-type layer (lists, hashes, sets…): its
 * encoding name for OBJECT ENCODING and an independent copy for COPY. Values that do not implement it get
 * the default encoding of their type and cannot be copied.
 */
public interface StoredObject {
    /** The name OBJECT ENCODING replies with, as Redis names it ("listpack", "quicklist", "hashtable"…). */
    String encoding();

    /** A deep copy that shares nothing mutable with this value. */
    Object copy();
}
