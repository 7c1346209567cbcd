package io.redoubt.server;

import java.util.Map;
import java.util.TreeMap;

/** Counters for INFO stats and INFO errorstats. Written by the keyspace thread only. */
public final class ServerStats {
    public long totalConnectionsReceived;
    public long totalCommandsProcessed;
    public long netInputBytes;
    public long netOutputBytes;
    public long rejectedConnections;
    public long expiredKeys;
    /** Running estimate of the share of expired keys among those with a TTL, 0..1 (INFO prints it ×100 with "%.2f"). */
    public double expiredStalePerc;
    public long expiredTimeCapReachedCount;
    public long evictedKeys;
    public long evictedClients;
    public long keyspaceHits;
    public long keyspaceMisses;
    public long totalErrorReplies;
    public long unexpectedErrorReplies;
    public long clientQueryBufferLimitDisconnections;
    public long clientOutputBufferLimitDisconnections;
    public long totalReadsProcessed;
    public long totalWritesProcessed;
    public long ioThreadedReadsProcessed;
    public long ioThreadedWritesProcessed;
    /** Error replies by code ("ERR", "WRONGTYPE"…), as INFO errorstats lists them. */
    public final Map<String, Long> errorsByCode = new TreeMap<>();

    public void reset() {
        totalConnectionsReceived = 0;
        totalCommandsProcessed = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        rejectedConnections = 0;
        expiredKeys = 0;
        expiredStalePerc = 0;
        expiredTimeCapReachedCount = 0;
        evictedKeys = 0;
        evictedClients = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        totalErrorReplies = 0;
        unexpectedErrorReplies = 0;
        clientQueryBufferLimitDisconnections = 0;
        clientOutputBufferLimitDisconnections = 0;
        totalReadsProcessed = 0;
        totalWritesProcessed = 0;
        errorsByCode.clear();
    }
}
