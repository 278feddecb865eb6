package ai.fastdjl.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rapaio.jupyter.kernel.channels.AbstractChannel;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.org.zeromq.SocketType;
import org.rapaio.org.zeromq.ZContext;
import org.rapaio.org.zeromq.ZMQ;

/**
 * The launched kernel answers Jupyter's first request, and a message loop that has ended is replaced by one that runs.
 * ZeroMQ here is the kernel's own copy (jeromq, relocated to org.rapaio.org.zeromq inside its jar).
 */
class KernelLauncherTest {

    @Test
    void aStartedKernelAnswersKernelInfoAndItsHeartbeat() throws Exception {
        ConnectionProperties props = freePorts();
        Channels channels = KernelLauncher.start(props);
        try (ZContext zmq = new ZContext()) {
            for (String name : new String[] {"ShellChannel", "ControlChannel", "HeartbeatChannel"}) {
                assertTrue(loop(channel(channels, name)).isAlive(), name + "'s message loop is not running");
            }
            assertEquals("kernel_info_reply", kernelInfo(zmq, props));
            assertEquals("ping", ping(zmq, props));
        } finally {
            channels.close();
        }
    }

    @Test
    void aLoopThatLostTheStartRaceIsReplacedByOneThatAnswers() throws Exception {
        ConnectionProperties props = freePorts();
        Channels channels = KernelLauncher.start(props);
        try (ZContext zmq = new ZContext()) {
            AbstractChannel heartbeat = channel(channels, "HeartbeatChannel");
            LoopThread ended = loop(heartbeat);
            ended.shutdown(); // what a thread that read its flag before start() set it does: end at once
            ended.join();
            KernelLauncher.restartLoop(heartbeat);
            assertNotSame(ended, loop(heartbeat));
            assertTrue(loop(heartbeat).isAlive());
            assertEquals("ping", ping(zmq, props));
        } finally {
            channels.close();
        }
    }

    private static String ping(ZContext zmq, ConnectionProperties props) {
        List<String> echo = request(zmq, SocketType.REQ, props.formatAddress(props.hbPort()), "ping");
        assertNotNull(echo, "the heartbeat did not echo in 20 s");
        return echo.get(0);
    }

    /** A kernel_info_request as Jupyter sends it (wire protocol 5.3; no key, so no signature); the reply's type. */
    private static String kernelInfo(ZContext zmq, ConnectionProperties props) {
        String header = "{\"msg_id\":\"t-1\",\"username\":\"test\",\"session\":\"s-1\",\"date\":\"2026-12-05T00:00:00.000Z\","
                + "\"msg_type\":\"kernel_info_request\",\"version\":\"5.3\"}";
        List<String> reply = request(zmq, SocketType.DEALER, props.formatAddress(props.shellPort()),
                "<IDS|MSG>", "", header, "{}", "{}", "{}");
        assertNotNull(reply, "the shell did not answer kernel_info_request in 20 s");
        String replyHeader = reply.get(reply.indexOf("<IDS|MSG>") + 2);
        return replyHeader.replaceAll(".*\"msg_type\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /**
     * Sends a multipart message and returns the reply's frames, sending again each second until one comes, as
     * jupyter_client's wait_for_ready does; null after 20 s. Each try uses a new connection: between this test's ZeroMQ
     * (the kernel's jeromq) and the kernel, about one connection in 25 stalled in its handshake (both sides alive, no
     * byte queued; a second connection answered at once), which Jupyter's own client (libzmq) did not show in 140 starts.
     */
    private static List<String> request(ZContext zmq, SocketType type, String address, String... frames) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ZMQ.Socket socket = zmq.createSocket(type);
            try {
                socket.setReceiveTimeOut(1_000);
                socket.connect(address);
                for (int i = 0; i < frames.length - 1; i++) {
                    socket.sendMore(frames[i]);
                }
                socket.send(frames[frames.length - 1]);
                byte[] first = socket.recv();
                if (first == null) {
                    continue;
                }
                List<String> reply = new ArrayList<>(List.of(new String(first, StandardCharsets.UTF_8)));
                while (socket.hasReceiveMore()) {
                    reply.add(socket.recvStr());
                }
                return reply;
            } finally {
                zmq.destroySocket(socket);
            }
        }
        return null;
    }

    private static AbstractChannel channel(Channels channels, String simpleName) throws ReflectiveOperationException {
        @SuppressWarnings("unchecked")
        Set<AbstractChannel> all = (Set<AbstractChannel>) KernelLauncher.field(Channels.class, "channels").get(channels);
        return all.stream().filter(c -> c.getClass().getSimpleName().equals(simpleName)).findFirst().orElseThrow();
    }

    private static LoopThread loop(AbstractChannel channel) throws ReflectiveOperationException {
        return (LoopThread) KernelLauncher.field(channel.getClass(), "loopThread").get(channel);
    }

    private static ConnectionProperties freePorts() throws IOException {
        int[] ports = new int[5];
        List<ServerSocket> held = new ArrayList<>();
        for (int i = 0; i < ports.length; i++) {
            ServerSocket s = new ServerSocket(0);
            held.add(s);
            ports[i] = s.getLocalPort();
        }
        for (ServerSocket s : held) {
            s.close();
        }
        return new ConnectionProperties(ports[0], ports[1], "tcp", "hmac-sha256", ports[2], ports[3], "127.0.0.1",
                ports[4], "");
    }
}
