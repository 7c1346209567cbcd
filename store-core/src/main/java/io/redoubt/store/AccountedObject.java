package io.redoubt.store;

/**
 * An on-heap value that knows how much memory it holds, for {@code INFO memory}, {@code MEMORY USAGE} and
 * {@code maxmemory}. Values that do not implement it are counted as {@link ObjectTable#DEFAULT_OBJECT_BYTES}.
 * After changing such a value in place, the data-type layer calls {@link Database#objectMemoryChanged}.
 */
public interface AccountedObject {
    long memoryUsage();
}
