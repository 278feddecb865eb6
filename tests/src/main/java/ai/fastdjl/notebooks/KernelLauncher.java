package ai.fastdjl.notebooks;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.IOPubChannel;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.channels.StdinChannel;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.message.Message;
import org.rapaio.jupyter.kernel.message.MessageType;
import org.rapaio.jupyter.kernel.message.messages.IOPubStatus;

/**
 * The notebooks' Java kernel (rapaio-jupyter-kernel 3.0.1), started without the two races in its own start-up, each
 * of which leaves a kernel that never answers Jupyter (the notebooks' CI failed on them: five starts in a row for one
 * notebook on a busy machine; 4 starts in 40 here with two busy loops beside it, thread dumps in the issue-29 note).
 *
 * <ol>
 *   <li>{@code Channels.connect} binds the sockets and starts the shell's message loop first and fills its table of
 *       message handlers after: a {@code kernel_info_request} arriving in between kills the loop thread
 *       (NullPointerException, "this.handlers is null"). Here {@code connect} runs while the set of channels it binds
 *       is empty, so it registers the kernel and the handlers and binds nothing; the sockets are bound after.
 *   <li>{@code LoopThread.start()} starts the thread and only then sets its {@code running} flag, which the thread's
 *       loop tests first: a thread that runs before the flag is set ends at once, silently (the thread dump shows one
 *       "Shell-0" where a sound kernel has two: the shell's and the control channel's, which share the name). Here
 *       each channel's loop is stopped and joined after binding and replaced by a loop with the same body whose flag
 *       is set before it starts.
 * </ol>
 * The private fields touched are named in {@link #field}; a kernel version without them stops with that name instead
 * of starting a kernel that may never answer. The kernel's own logging.properties (every message at INFO) is not
 * loaded, so the JVM's {@code -Djava.util.logging.config.file} applies.
 */
public final class KernelLauncher {

    private KernelLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("KernelLauncher: expected one argument, Jupyter's connection file; got '"
                    + String.join(" ", args) + "'. Start it from the kernelspec: tests/notebooks/notebooks.py kernel");
            System.exit(2);
        }
        start(Transform.fromJson(Files.readString(Path.of(args[0])), ConnectionProperties.class)).joinUntilClose();
    }

    /** Binds the kernel to Jupyter's sockets, its handlers and message loops in place; returns at once. */
    static Channels start(ConnectionProperties connection) throws Exception {
        Channels channels = new Channels(connection);
        Field bound = field(Channels.class, "channels");
        @SuppressWarnings("unchecked")
        Set<AbstractChannel> all = (Set<AbstractChannel>) bound.get(channels);
        bound.set(channels, Set.of());
        channels.connect(MainApp.kernel); // race 1: the handlers exist before any socket is bound
        bound.set(channels, all);
        for (AbstractChannel channel : all) {
            channel.bind(connection);
            restartLoop(channel); // race 2
        }
        ((AbstractChannel) field(Channels.class, "iopub").get(channels))
                .sendMessage(new Message<>(MessageType.IOPUB_STATUS, IOPubStatus.STARTING));
        return channels;
    }

    /** Replaces a channel's message loop (shell, control, heartbeat; IOPub and stdin have none) by one that runs. */
    static void restartLoop(AbstractChannel channel) throws ReflectiveOperationException, InterruptedException {
        if (channel instanceof IOPubChannel || channel instanceof StdinChannel) {
            return; // they only send, from other threads: no loop (a missing loop elsewhere fails in field())
        }
        Field slot = field(channel.getClass(), "loopThread");
        LoopThread started = (LoopThread) slot.get(channel);
        started.shutdown(); // a loop that runs ends after its current message; one that lost the race has ended
        started.join();
        LoopThread loop = new LoopThread(started.getName(), (long) field(LoopThread.class, "sleep").get(started),
                (Runnable) field(LoopThread.class, "loopBody").get(started));
        field(LoopThread.class, "running").set(loop, true); // before start(): the thread sees it (JLS 17.4.5)
        loop.start();
        slot.set(channel, loop); // close() and joinUntilClose() act on the running loop
    }

    static Field field(Class<?> owner, String name) {
        try {
            Field f = owner.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("KernelLauncher: " + owner.getName() + " has no field '" + name
                    + "'; the launcher is written for rapaio-jupyter-kernel 3.0.1 (tests/pom.xml): pin that version, "
                    + "or check the new version's Channels.connect and LoopThread.start for the same races.", e);
        }
    }
}
