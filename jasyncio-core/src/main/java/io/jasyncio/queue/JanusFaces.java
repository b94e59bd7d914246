package io.jasyncio.queue;

/** The two faces of a {@link JanusQueue}: thin adapters over its operations. */
final class JanusFaces {

    private JanusFaces() {
    }

    /** What both faces do alike: the operations that never wait, straight to the queue. */
    abstract static class Face<T> {
        final JanusQueue<T> q;

        Face(JanusQueue<T> q) {
            this.q = q;
        }

        /** Puts without waiting ({@code put_nowait}). */
        public void putNowait(T item) {
            q.putNowait(item);
        }

        /** Takes without waiting ({@code get_nowait}). */
        public T getNowait() {
            return q.getNowait();
        }

        /** Marks one taken item as processed ({@code task_done}). */
        public void taskDone() {
            q.taskDone();
        }

        /** Items in the queue now. */
        public int qsize() {
            return q.qsize();
        }

        /** Whether the queue holds no items. */
        public boolean empty() {
            return qsize() == 0;
        }

        /** Whether a put would wait. */
        public boolean full() {
            return q.full();
        }

        /** The bound (0: none). */
        public int maxsize() {
            return q.maxsize();
        }

        /** Items put and not yet marked done. */
        public int unfinishedTasks() {
            return q.unfinishedTasks();
        }

        /** Shuts the queue down for both faces. */
        public void shutdown(boolean immediate) {
            q.shutdown(immediate);
        }
    }

    /** The blocking face: {@link JanusQueue#syncQ()}. */
    static final class Sync<T> extends Face<T> implements SyncQueue<T> {

        Sync(JanusQueue<T> q) {
            super(q);
        }

        @Override
        public void put(T item) throws InterruptedException {
            q.blockingPut(item, 0);
        }

        @Override
        public void put(T item, double timeoutSeconds) throws InterruptedException {
            q.blockingPut(item, JanusQueue.deadlineAfter(timeoutSeconds));
        }

        @Override
        public T get() throws InterruptedException {
            return q.blockingGet(0);
        }

        @Override
        public T get(double timeoutSeconds) throws InterruptedException {
            return q.blockingGet(JanusQueue.deadlineAfter(timeoutSeconds));
        }

        @Override
        public void join() throws InterruptedException {
            q.blockingJoin();
        }

        @Override
        public String toString() {
            return "<SyncQueue of " + q + ">";
        }
    }

    /** The suspending face: {@link JanusQueue#asyncQ()}. */
    static final class Async<T> extends Face<T> implements AsyncQueue<T> {

        Async(JanusQueue<T> q) {
            super(q);
        }

        @Override
        public void put(T item) {
            q.asyncPut(item);
        }

        @Override
        public T get() {
            return q.asyncGet();
        }

        @Override
        public void join() {
            q.asyncJoin();
        }

        @Override
        public String toString() {
            return "<AsyncQueue of " + q + ">";
        }
    }
}
