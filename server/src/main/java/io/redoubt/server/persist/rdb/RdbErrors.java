package io.redoubt.server.persist.rdb;

/** Builds an {@link RdbFormatException} naming the input and the current offset. */
interface RdbErrors {
    RdbFormatException error(String what);
}
