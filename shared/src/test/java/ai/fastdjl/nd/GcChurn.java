package ai.fastdjl.nd;

import ai.djl.ndarray.NDManager;
import java.util.function.Supplier;

/**
 * What a busy JVM does between a forward and a backward pass, on purpose: collect garbage (which frees the direct
 * buffers of closed arrays) and then allocate many small arrays holding 1e30, so freed memory is reused and anything
 * still reading it sees an absurd value rather than, by luck, the old one.
 */
public final class GcChurn {
    static final float POISON = 1e30f;

    private GcChurn() {}

    public static void run(NDManager manager) {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20); // the cleaner thread frees the buffers after the collection
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try (NDManager m = manager.newSubManager()) {
                for (int i = 0; i < 2000; i++) {
                    m.create(new float[] {POISON});
                }
            }
        }
    }

    /** Runs {@code body} while another thread collects garbage every couple of milliseconds. */
    public static <T> T whileCollecting(Supplier<T> body) {
        Thread collector = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-churn");
        collector.setDaemon(true);
        collector.start();
        try {
            return body.get();
        } finally {
            collector.interrupt();
        }
    }
}
