package org.patmap.neo4jlocal;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logs in over Bolt exactly as a driver would (plain socket, Bolt 5.0 or 4.4, basic auth) so that the READY line is
 * only printed once a client can really connect with the configured password. Just enough PackStream for HELLO and
 * its answer.
 */
final class BoltLoginCheck {
    private static final int[] MAGIC = {0x60, 0x60, 0xB0, 0x17};
    private static final byte SIG_HELLO = 0x01;
    private static final byte SIG_GOODBYE = 0x02;
    private static final int SIG_SUCCESS = 0x70;
    private static final int SIG_FAILURE = 0x7F;

    private BoltLoginCheck() {}

    /** Outcome of a login attempt that got an answer. */
    enum Result {
        OK,
        /** wrong user or password */
        UNAUTHORIZED,
        /** right password, but Neo4j wants it changed before any query */
        CREDENTIALS_EXPIRED
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Tries a login; throws if Bolt cannot be reached or answers something else than success or "unauthorized". */
    static Result login(String host, int port, String user, String password) throws LocalNeo4j.StartupException {
        int timeoutMillis = (int) TIMEOUT.toMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            for (int b : MAGIC) {
                out.writeByte(b);
            }
            out.writeInt(0x00000005); // Bolt 5.0 (auth still inside HELLO)
            out.writeInt(0x00000404); // Bolt 4.4
            out.writeInt(0);
            out.writeInt(0);
            out.flush();
            int version = in.readInt();
            if (version == 0) {
                throw new LocalNeo4j.StartupException("Bolt on " + host + ":" + port + " accepts neither protocol 5.0 nor 4.4");
            }

            Map<String, Object> hello = new LinkedHashMap<>();
            hello.put("user_agent", "patmap-neo4j-local/1.0");
            hello.put("scheme", "basic");
            hello.put("principal", user);
            hello.put("credentials", password);
            writeMessage(out, SIG_HELLO, hello);

            Object[] reply = readMessage(in);
            int signature = (Integer) reply[0];
            Map<?, ?> meta = reply.length > 1 && reply[1] instanceof Map<?, ?> m ? m : Map.of();
            if (signature == SIG_FAILURE) {
                if ("Neo.ClientError.Security.Unauthorized".equals(meta.get("code"))) {
                    return Result.UNAUTHORIZED;
                }
                throw new LocalNeo4j.StartupException(
                        "Bolt login as '" + user + "' failed: " + meta.get("code") + ": " + meta.get("message"));
            }
            if (signature != SIG_SUCCESS) {
                throw new LocalNeo4j.StartupException("unexpected Bolt reply to HELLO (signature 0x"
                        + Integer.toHexString(signature) + ")");
            }
            writeMessage(out, SIG_GOODBYE, null);
            return Boolean.TRUE.equals(meta.get("credentials_expired")) ? Result.CREDENTIALS_EXPIRED : Result.OK;
        } catch (IOException e) {
            throw new LocalNeo4j.StartupException("could not log in over Bolt on " + host + ":" + port + ": " + e, e);
        }
    }

    // ---- framing -------------------------------------------------------------------------------------------

    private static void writeMessage(DataOutputStream out, byte signature, Map<String, Object> field) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0xB0 | (field == null ? 0 : 1));
        body.write(signature);
        if (field != null) {
            packMap(body, field);
        }
        byte[] bytes = body.toByteArray();
        for (int offset = 0; offset < bytes.length; offset += 0xFFFF) {
            int length = Math.min(0xFFFF, bytes.length - offset);
            out.writeShort(length);
            out.write(bytes, offset, length);
        }
        out.writeShort(0);
        out.flush();
    }

    /** Returns {signature, field...} of the next message. */
    private static Object[] readMessage(DataInputStream in) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true) {
            int length = in.readUnsignedShort();
            if (length == 0) {
                if (message.size() == 0) {
                    continue; // NOOP keep-alive chunk
                }
                break;
            }
            byte[] chunk = new byte[length];
            in.readFully(chunk);
            message.write(chunk);
        }
        ByteBuffer buffer = ByteBuffer.wrap(message.toByteArray());
        int marker = buffer.get() & 0xFF;
        if ((marker & 0xF0) != 0xB0) {
            throw new IOException("Bolt message is not a structure (marker 0x" + Integer.toHexString(marker) + ")");
        }
        int fields = marker & 0x0F;
        Object[] result = new Object[fields + 1];
        result[0] = buffer.get() & 0xFF;
        for (int i = 1; i <= fields; i++) {
            result[i] = unpack(buffer);
        }
        return result;
    }

    // ---- PackStream (the subset a HELLO exchange uses) -------------------------------------------------------

    private static void packMap(ByteArrayOutputStream out, Map<String, Object> map) {
        if (map.size() >= 16) {
            throw new IllegalArgumentException("map too large for this packer");
        }
        out.write(0xA0 | map.size());
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            packString(out, entry.getKey());
            packString(out, (String) entry.getValue());
        }
    }

    private static void packString(ByteArrayOutputStream out, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int n = utf8.length;
        if (n < 16) {
            out.write(0x80 | n);
        } else if (n <= 0xFF) {
            out.write(0xD0);
            out.write(n);
        } else if (n <= 0xFFFF) {
            out.write(0xD1);
            out.write(n >>> 8);
            out.write(n & 0xFF);
        } else {
            out.write(0xD2);
            out.writeBytes(ByteBuffer.allocate(4).putInt(n).array());
        }
        out.writeBytes(utf8);
    }

    private static Object unpack(ByteBuffer in) throws IOException {
        int marker = in.get() & 0xFF;
        int high = marker & 0xF0;
        if (marker < 0x80 || marker >= 0xF0) {
            return (long) (byte) marker; // tiny int
        }
        if (high == 0x80) {
            return string(in, marker & 0x0F);
        }
        if (high == 0x90) {
            return list(in, marker & 0x0F);
        }
        if (high == 0xA0) {
            return map(in, marker & 0x0F);
        }
        if (high == 0xB0) {
            in.get(); // structure signature: this check never needs it
            return list(in, marker & 0x0F);
        }
        return switch (marker) {
            case 0xC0 -> null;
            case 0xC1 -> in.getDouble();
            case 0xC2 -> false;
            case 0xC3 -> true;
            case 0xC8 -> (long) in.get();
            case 0xC9 -> (long) in.getShort();
            case 0xCA -> (long) in.getInt();
            case 0xCB -> in.getLong();
            case 0xCC -> bytes(in, in.get() & 0xFF);
            case 0xCD -> bytes(in, in.getShort() & 0xFFFF);
            case 0xCE -> bytes(in, in.getInt());
            case 0xD0 -> string(in, in.get() & 0xFF);
            case 0xD1 -> string(in, in.getShort() & 0xFFFF);
            case 0xD2 -> string(in, in.getInt());
            case 0xD4 -> list(in, in.get() & 0xFF);
            case 0xD5 -> list(in, in.getShort() & 0xFFFF);
            case 0xD6 -> list(in, in.getInt());
            case 0xD8 -> map(in, in.get() & 0xFF);
            case 0xD9 -> map(in, in.getShort() & 0xFFFF);
            case 0xDA -> map(in, in.getInt());
            default -> throw new IOException("unsupported PackStream marker 0x" + Integer.toHexString(marker));
        };
    }

    private static byte[] bytes(ByteBuffer in, int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static String string(ByteBuffer in, int n) {
        return new String(bytes(in, n), StandardCharsets.UTF_8);
    }

    private static List<Object> list(ByteBuffer in, int n) throws IOException {
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(unpack(in));
        }
        return list;
    }

    private static Map<String, Object> map(ByteBuffer in, int n) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(String.valueOf(unpack(in)), unpack(in));
        }
        return map;
    }
}
