package io.jasyncio.queue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The storage of a queue: the order in which items come out (asyncio's overridable {@code _init},
 * {@code _put}, {@code _get}). Not thread-safe.
 */
abstract class Buffer<T> {

    abstract int size();

    abstract void add(T item);

    /** Removes and returns the next item; the buffer is not empty. */
    abstract T take();

    /** The items in the order they would come out, for {@code toString}. */
    abstract List<T> snapshot();

    /** First in, first out: a growable ring of slots that, unlike {@code ArrayDeque}, accepts {@code null}. */
    static final class Fifo<T> extends Buffer<T> {
        private Object[] slots = new Object[16];
        private int head;
        private int size;

        @Override
        int size() {
            return size;
        }

        @Override
        void add(T item) {
            if (size == slots.length) {
                grow();
            }
            slots[(head + size) & (slots.length - 1)] = item;
            size++;
        }

        @Override
        @SuppressWarnings("unchecked")
        T take() {
            T item = (T) slots[head];
            slots[head] = null;
            head = (head + 1) & (slots.length - 1);
            size--;
            return item;
        }

        private void grow() {
            Object[] bigger = new Object[slots.length * 2];
            int firstPart = Math.min(size, slots.length - head);
            System.arraycopy(slots, head, bigger, 0, firstPart);
            System.arraycopy(slots, 0, bigger, firstPart, size - firstPart);
            slots = bigger;
            head = 0;
        }

        @Override
        @SuppressWarnings("unchecked")
        List<T> snapshot() {
            List<T> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add((T) slots[(head + i) & (slots.length - 1)]);
            }
            return out;
        }
    }

    /** Last in, first out: an array stack that accepts {@code null}. */
    static final class Lifo<T> extends Buffer<T> {
        private Object[] slots = new Object[16];
        private int size;

        @Override
        int size() {
            return size;
        }

        @Override
        void add(T item) {
            if (size == slots.length) {
                slots = Arrays.copyOf(slots, size * 2);
            }
            slots[size++] = item;
        }

        @Override
        @SuppressWarnings("unchecked")
        T take() {
            T item = (T) slots[--size];
            slots[size] = null;
            return item;
        }

        @Override
        @SuppressWarnings("unchecked")
        List<T> snapshot() {
            List<T> out = new ArrayList<>(size);
            for (int i = size - 1; i >= 0; i--) {
                out.add((T) slots[i]);
            }
            return out;
        }
    }

    /** Smallest first, by a comparator or natural order: a binary heap, like {@code heapq}. */
    static final class Heap<T> extends Buffer<T> {
        private final java.util.PriorityQueue<T> heap;

        Heap(Comparator<? super T> comparator) {
            this.heap = new java.util.PriorityQueue<>(comparator);
        }

        @Override
        int size() {
            return heap.size();
        }

        @Override
        void add(T item) {
            if (item == null) {
                throw new NullPointerException("a PriorityQueue cannot hold null");
            }
            heap.add(item);
        }

        @Override
        T take() {
            return heap.poll();
        }

        @Override
        List<T> snapshot() {
            java.util.PriorityQueue<T> copy = new java.util.PriorityQueue<>(heap);
            List<T> out = new ArrayList<>(copy.size());
            while (!copy.isEmpty()) {
                out.add(copy.poll());
            }
            return out;
        }
    }
}
