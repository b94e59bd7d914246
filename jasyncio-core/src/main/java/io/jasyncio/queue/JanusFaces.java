package io.jasyncio.queue;

/** The two faces of a {@link JanusQueue}: thin adapters over its operations. */
final class JanusFaces {

    private JanusFaces() {
    }

    /** The blocking face: {@link JanusQueue#syncQ()}. */
    static final class Sync<T> implements SyncQueue<T> {
        private final JanusQueue<T> q;

        Sync(JanusQueue<T> q) {
            this.q = q;
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
        public void putNowait(T item) {
            q.putNowait(item);
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
        public T getNowait() {
            return q.getNowait();
        }

        @Override
        public void taskDone() {
            q.taskDone();
        }

        @Override
        public void join() throws InterruptedException {
            q.blockingJoin();
        }

        @Override
        public int qsize() {
            return q.qsize();
        }

        @Override
        public boolean empty() {
            return qsize() == 0;
        }

        @Override
        public boolean full() {
            return q.full();
        }

        @Override
        public int maxsize() {
            return q.maxsize();
        }

        @Override
        public int unfinishedTasks() {
            return q.unfinishedTasks();
        }

        @Override
        public void shutdown(boolean immediate) {
            q.shutdown(immediate);
        }

        @Override
        public String toString() {
            return "<SyncQueue of " + q + ">";
        }
    }

    /** The suspending face: {@link JanusQueue#asyncQ()}. */
    static final class Async<T> implements AsyncQueue<T> {
        private final JanusQueue<T> q;

        Async(JanusQueue<T> q) {
            this.q = q;
        }

        @Override
        public void put(T item) {
            q.asyncPut(item);
        }

        @Override
        public void putNowait(T item) {
            q.putNowait(item);
        }

        @Override
        public T get() {
            return q.asyncGet();
        }

        @Override
        public T getNowait() {
            return q.getNowait();
        }

        @Override
        public void taskDone() {
            q.taskDone();
        }

        @Override
        public void join() {
            q.asyncJoin();
        }

        @Override
        public int qsize() {
            return q.qsize();
        }

        @Override
        public boolean empty() {
            return qsize() == 0;
        }

        @Override
        public boolean full() {
            return q.full();
        }

        @Override
        public int maxsize() {
            return q.maxsize();
        }

        @Override
        public int unfinishedTasks() {
            return q.unfinishedTasks();
        }

        @Override
        public void shutdown(boolean immediate) {
            q.shutdown(immediate);
        }

        @Override
        public String toString() {
            return "<AsyncQueue of " + q + ">";
        }
    }
}
