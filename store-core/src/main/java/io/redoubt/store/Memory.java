package io.redoubt.store;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A slab allocator over direct {@link ByteBuffer} pages, owned by one database and used by one thread.
 *
 * <h2>Design notes</h2>
 * <ul>
 * <li><b>References.</b> A block is named by a {@code long}: page index in the high 32 bits, byte offset
 *     in the low 32. Page 0 is never used, so 0 is free to mean "no block" ({@link Database#NONE}), and
 *     {@code ref + k} addresses byte {@code k} of the block, which lets layouts add field offsets to refs.</li>
 * <li><b>Size classes.</b> 8-byte steps up to 1 KiB (an entry wastes at most 7 bytes), then eight classes
 *     per power of two up to 256 KiB (at most 12.5 % waste). Bigger blocks get a page of their own, of
 *     exactly their size, returned on free.</li>
 * <li><b>Pages.</b> Every page belongs to one class. A class's first page is about 4 KiB and each new one
 *     is twice the last, up to 1 MiB, so an almost empty database reserves little while a big one uses
 *     few, large pages. Free blocks form a list threaded through the blocks of their own page, and pages
 *     with room are on a per-class doubly linked "partial" list; a page whose last block is freed is
 *     released when its class has another page with room, so memory goes back after mass deletes.</li>
 * <li><b>Freeing pages.</b> Java 21 has no supported way to free a direct buffer at once (no
 *     {@code Unsafe}, {@code java.lang.foreign} is preview), so a released page is dropped and its native
 *     memory returned by the buffer's cleaner at the next GC; {@code ByteBuffer.allocateDirect} itself
 *     triggers a GC when the direct-memory limit is near. {@link #reservedBytes()} counts live pages only.</li>
 * <li><b>Byte order.</b> Native, so header fields and key words are plain loads.</li>
 * </ul>
 */
final class Memory {
    static final int SMALL_STEP_LIMIT = 1024;
    static final int MAX_CLASS_SIZE = 1 << 18;
    static final int CLASS_COUNT = 193;
    private static final int LARGE = -1;
    private static final int FIRST_PAGE = 4096;
    private static final int MAX_PAGE = 1 << 20;
    private static final int END = -1;
    private static final byte[] ZEROS = new byte[4096];

    private ByteBuffer[] pages = new ByteBuffer[64];
    private int[] pageClass = new int[64];
    private int[] pageTop = new int[64];
    private int[] pageFree = new int[64];
    private int[] pageLive = new int[64];
    private int[] partialNext = new int[64];
    private int[] partialPrev = new int[64];
    private boolean[] partial = new boolean[64];
    private int pageHigh = 1;
    private int[] freePageIds = new int[16];
    private int freePageIdCount;

    private final int[] partialHead = new int[CLASS_COUNT];
    private final int[] nextPageBytes = new int[CLASS_COUNT];

    private long usedBytes;
    private long reservedBytes;
    private long blockCount;
    private int pageCount;

    // ---------------------------------------------------------------- size classes

    /** The class of a block of {@code size} bytes ({@code 0 < size <= MAX_CLASS_SIZE}). */
    static int sizeClass(int size) {
        if (size <= SMALL_STEP_LIMIT) {
            return (size + 7) >>> 3;
        }
        int lg = 31 - Integer.numberOfLeadingZeros(size - 1);
        int step = ((size - 1) >>> (lg - 3)) & 7;
        return 129 + (lg - 10) * 8 + step;
    }

    static int classSize(int sizeClass) {
        if (sizeClass <= 128) {
            return sizeClass << 3;
        }
        int k = sizeClass - 129;
        int lg = 10 + (k >>> 3);
        return (1 << lg) + ((k & 7) + 1) * (1 << (lg - 3));
    }

    /** The bytes a request of {@code size} occupies. */
    static long blockSizeFor(long size) {
        return size <= MAX_CLASS_SIZE ? classSize(sizeClass((int) size)) : (size + 7) & ~7L;
    }

    // ---------------------------------------------------------------- allocation

    /** A block of at least {@code size} bytes; its content is undefined. */
    long allocate(int size) {
        if (size > MAX_CLASS_SIZE) {
            return allocateLarge(size);
        }
        int c = sizeClass(size);
        int block = classSize(c);
        int p = partialHead[c];
        if (p == 0) {
            p = newPage(c, block);
        }
        ByteBuffer page = pages[p];
        int off = pageFree[p];
        if (off != END) {
            pageFree[p] = page.getInt(off);
        } else {
            off = pageTop[p];
            pageTop[p] = off + block;
        }
        pageLive[p]++;
        if (pageFree[p] == END && pageTop[p] + block > page.capacity()) {
            unlinkPartial(c, p);
        }
        usedBytes += block;
        blockCount++;
        return ((long) p << 32) | off;
    }

    void free(long ref) {
        int p = (int) (ref >>> 32);
        int c = pageClass[p];
        blockCount--;
        if (c == LARGE) {
            usedBytes -= pages[p].capacity();
            dropPage(p);
            return;
        }
        int off = (int) ref;
        int block = classSize(c);
        usedBytes -= block;
        ByteBuffer page = pages[p];
        page.putInt(off, pageFree[p]);
        pageFree[p] = off;
        if (--pageLive[p] == 0) {
            boolean otherRoom = partial[p] ? partialHead[c] != p || partialNext[p] != 0 : partialHead[c] != 0;
            if (otherRoom) {
                if (partial[p]) {
                    unlinkPartial(c, p);
                }
                dropPage(p);
                return;
            }
            // Last page with room in its class: keep it, and start it afresh so blocks are handed out in order.
            pageTop[p] = 0;
            pageFree[p] = END;
        }
        if (!partial[p]) {
            pushPartial(c, p);
        }
    }

    /** Size of the block {@code ref}, i.e. what it accounts for. */
    int blockSize(long ref) {
        int p = (int) (ref >>> 32);
        int c = pageClass[p];
        return c == LARGE ? pages[p].capacity() : classSize(c);
    }

    private long allocateLarge(int size) {
        int bytes = (size + 7) & ~7;
        int p = newPageId();
        pages[p] = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        pageClass[p] = LARGE;
        pageLive[p] = 1;
        reservedBytes += bytes;
        usedBytes += bytes;
        blockCount++;
        pageCount++;
        return (long) p << 32;
    }

    private int newPage(int c, int block) {
        int bytes = nextPageBytes[c];
        if (bytes == 0) {
            bytes = Math.max(1, FIRST_PAGE / block) * block;
        }
        int limit = Math.max(MAX_PAGE / block, 1) * block;
        nextPageBytes[c] = Math.min(limit, bytes * 2 / block * block);
        int p = newPageId();
        pages[p] = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        pageClass[p] = c;
        pageTop[p] = 0;
        pageFree[p] = END;
        pageLive[p] = 0;
        reservedBytes += bytes;
        pageCount++;
        pushPartial(c, p);
        return p;
    }

    private int newPageId() {
        if (freePageIdCount > 0) {
            return freePageIds[--freePageIdCount];
        }
        if (pageHigh == pages.length) {
            int n = pages.length * 2;
            pages = Arrays.copyOf(pages, n);
            pageClass = Arrays.copyOf(pageClass, n);
            pageTop = Arrays.copyOf(pageTop, n);
            pageFree = Arrays.copyOf(pageFree, n);
            pageLive = Arrays.copyOf(pageLive, n);
            partialNext = Arrays.copyOf(partialNext, n);
            partialPrev = Arrays.copyOf(partialPrev, n);
            partial = Arrays.copyOf(partial, n);
        }
        return pageHigh++;
    }

    private void dropPage(int p) {
        reservedBytes -= pages[p].capacity();
        pageCount--;
        pages[p] = null;
        pageLive[p] = 0;
        if (freePageIdCount == freePageIds.length) {
            freePageIds = Arrays.copyOf(freePageIds, freePageIdCount * 2);
        }
        freePageIds[freePageIdCount++] = p;
    }

    private void pushPartial(int c, int p) {
        int head = partialHead[c];
        partialNext[p] = head;
        partialPrev[p] = 0;
        if (head != 0) {
            partialPrev[head] = p;
        }
        partialHead[c] = p;
        partial[p] = true;
    }

    private void unlinkPartial(int c, int p) {
        int next = partialNext[p];
        int prev = partialPrev[p];
        if (prev == 0) {
            partialHead[c] = next;
        } else {
            partialNext[prev] = next;
        }
        if (next != 0) {
            partialPrev[next] = prev;
        }
        partial[p] = false;
    }

    /**
     * Releases the pages kept empty as a spare for their class (one per class at most), as
     * {@code MEMORY PURGE} asks jemalloc to. Costs one pass over the page table.
     */
    void trim() {
        for (int p = 1; p < pageHigh; p++) {
            if (pages[p] != null && pageLive[p] == 0 && pageClass[p] != LARGE) {
                if (partial[p]) {
                    unlinkPartial(pageClass[p], p);
                }
                dropPage(p);
            }
        }
    }

    /**
     * Drops every page. After this the allocator is empty and may be used again. Safe to call from another
     * thread once no other thread uses this allocator.
     */
    void releaseAll() {
        Arrays.fill(pages, null);
        Arrays.fill(partialHead, 0);
        Arrays.fill(nextPageBytes, 0);
        Arrays.fill(partial, false);
        pageHigh = 1;
        freePageIdCount = 0;
        usedBytes = 0;
        reservedBytes = 0;
        blockCount = 0;
        pageCount = 0;
    }

    // ---------------------------------------------------------------- statistics

    /** Bytes in live blocks, size-class rounding included. */
    long usedBytes() {
        return usedBytes;
    }

    /** Bytes of live pages, i.e. direct memory this allocator holds. */
    long reservedBytes() {
        return reservedBytes;
    }

    long blockCount() {
        return blockCount;
    }

    int pageCount() {
        return pageCount;
    }

    // ---------------------------------------------------------------- access

    ByteBuffer page(long ref) {
        return pages[(int) (ref >>> 32)];
    }

    long getLong(long ref) {
        return pages[(int) (ref >>> 32)].getLong((int) ref);
    }

    void putLong(long ref, long value) {
        pages[(int) (ref >>> 32)].putLong((int) ref, value);
    }

    int getInt(long ref) {
        return pages[(int) (ref >>> 32)].getInt((int) ref);
    }

    void putInt(long ref, int value) {
        pages[(int) (ref >>> 32)].putInt((int) ref, value);
    }

    byte getByte(long ref) {
        return pages[(int) (ref >>> 32)].get((int) ref);
    }

    void putByte(long ref, byte value) {
        pages[(int) (ref >>> 32)].put((int) ref, value);
    }

    void zero(long ref, int length) {
        ByteBuffer page = pages[(int) (ref >>> 32)];
        int off = (int) ref;
        int i = 0;
        for (; i + 8 <= length && length < 256; i += 8) {
            page.putLong(off + i, 0L);
        }
        while (i < length) {
            int n = Math.min(ZEROS.length, length - i);
            page.put(off + i, ZEROS, 0, n);
            i += n;
        }
    }

    void copy(long from, long to, int length) {
        pages[(int) (to >>> 32)].put((int) to, pages[(int) (from >>> 32)], (int) from, length);
    }

    void write(long ref, byte[] src, int srcIndex, int length) {
        pages[(int) (ref >>> 32)].put((int) ref, src, srcIndex, length);
    }

    void read(long ref, byte[] dst, int dstIndex, int length) {
        pages[(int) (ref >>> 32)].get((int) ref, dst, dstIndex, length);
    }

    /**
     * Copies up to this many bytes between pages and ByteBufs word by word: ByteBuf's ByteBuffer transfers
     * make a NIO view per call (a DirectByteBuffer per SET and per GET with Netty's adaptive allocator),
     * which short values cannot afford; longer ones amortise it.
     */
    static final int WORD_COPY_MAX = 256;

    /**
     * Copies from a ByteBuf. For long copies the page's position and limit are borrowed for the transfer and
     * restored: only this allocator's thread touches them, and every other access is absolute.
     */
    void write(long ref, ByteBuf src, int srcIndex, int length) {
        ByteBuffer page = pages[(int) (ref >>> 32)];
        int off = (int) ref;
        if (src.hasArray()) {
            page.put(off, src.array(), src.arrayOffset() + srcIndex, length);
            return;
        }
        if (length <= WORD_COPY_MAX) {
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                page.putLong(off + i, Hashing.word(src, srcIndex + i));
            }
            for (; i < length; i++) {
                page.put(off + i, src.getByte(srcIndex + i));
            }
            return;
        }
        page.limit(off + length).position(off);
        src.getBytes(srcIndex, page);
        page.clear();
    }

    /** Appends to a ByteBuf (word by word when short, else as {@link #write(long, ByteBuf, int, int)}). */
    void read(long ref, ByteBuf dst, int length) {
        ByteBuffer page = pages[(int) (ref >>> 32)];
        int off = (int) ref;
        if (length <= WORD_COPY_MAX) {
            dst.ensureWritable(length);
            int w = dst.writerIndex();
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                long word = page.getLong(off + i);
                if (Hashing.NATIVE_LE) {
                    dst.setLongLE(w + i, word);
                } else {
                    dst.setLong(w + i, word);
                }
            }
            for (; i < length; i++) {
                dst.setByte(w + i, page.get(off + i));
            }
            dst.writerIndex(w + length);
            return;
        }
        page.limit(off + length).position(off);
        dst.writeBytes(page);
        page.clear();
    }
}
