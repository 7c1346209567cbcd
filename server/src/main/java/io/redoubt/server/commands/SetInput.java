package io.redoubt.server.commands;

import io.redoubt.server.command.CommandError;

import java.util.function.Consumer;

/** A plain set read as a sorted-set input (ZUNION and friends), every member with score 1. */
interface SetInput {
    int size();

    boolean contains(byte[] member);

    void forEach(Consumer<byte[]> action);

    static SetInput of(Object value) {
        throw CommandError.WRONGTYPE;
    }
}
