package workbench.procpool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The pool's wire protocol, shared by the parent and its workers. A frame is {@code int length, byte kind,
 * long id, payload}, where {@code length} counts kind, id and payload, and the payload is one object in Java
 * serialisation. Each frame is serialised on its own (a fresh stream per object) so that a rejected or corrupt
 * object spoils one task, never the stream; the id travels outside the payload so that a task the worker cannot
 * deserialise can still be answered. Deserialisation always goes through {@link #filter}.
 */
final class Wire {

    static final byte TASK = 1;
    /** A clock probe (empty payload), answered by the worker at once with the same kind and id. */
    static final byte CLOCK = 2;
    static final byte READY = 10;
    static final byte RESULT = 11;
    static final byte FAILURE = 12;

    static final int HEADER = 1 + Long.BYTES;
    static final int MAX_FRAME = 1 << 30;

    /** Deserialisation limits: deep enough for real data, shallow enough not to overflow a stack. */
    static final String LIMITS = "maxdepth=2000";

    /**
     * Always allowed: java.base value types, boxed primitives, strings, enums, exceptions and stack frames
     * (java.lang), collections (java.util, java.util.concurrent), times, big numbers, serialisable lambdas, the
     * common java.io exceptions, and the pool's own protocol classes.
     */
    static final List<String> BASE_ALLOW = List.of(
            "java.lang.*", "java.lang.invoke.SerializedLambda", "java.util.*", "java.util.concurrent.*",
            "java.util.concurrent.atomic.*", "java.time.*", "java.math.*",
            "java.io.IOException", "java.io.UncheckedIOException", "java.io.FileNotFoundException",
            "java.io.EOFException", "java.io.InvalidClassException", "java.io.InvalidObjectException",
            "java.io.NotSerializableException", "java.io.StreamCorruptedException", "java.io.ObjectStreamException",
            "workbench.procpool.RemoteTaskException", "workbench.procpool.BrokenProcessPoolException",
            "workbench.procpool.ClassNotAllowedException", "workbench.procpool.Wire$Failure",
            Worker.Ping.class.getName(), ExecutorVerbs.Chunk.class.getName(), ExecutorVerbs.Applied.class.getName());

    /** A class name, a package ({@code p.*}), a package tree ({@code p.**}) or a name prefix ({@code p.Foo*}). */
    private static final Pattern USER_PATTERN = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z0-9_$]+)*"
            + "(\\.\\*\\*|\\.\\*|\\*)?");

    /** How a task's exception crosses: its description always, the original object when it serialises. */
    record Failure(RemoteTaskException description, byte[] original) implements Serializable {
    }

    record Frame(byte kind, long id, byte[] payload) {
    }

    private Wire() {
    }

    /** Checks user allow-list patterns: class names and package wildcards only, no limits and no negations. */
    static List<String> checkPatterns(List<String> patterns) {
        for (String pattern : patterns) {
            if (!USER_PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("not an allow-list pattern: '" + pattern
                        + "' (use a class name, 'pkg.*', 'pkg.**' or 'pkg.Prefix*')");
            }
        }
        return List.copyOf(patterns);
    }

    /** The allow-list filter: the base list, then the user's patterns, then the limits; all else rejected. */
    static ObjectInputFilter filter(List<String> userPatterns) {
        List<String> all = new ArrayList<>(BASE_ALLOW);
        all.addAll(checkPatterns(userPatterns));
        all.add(LIMITS);
        all.add("!*");
        return ObjectInputFilter.Config.createFilter(String.join(";", all));
    }

    static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    /** Fails when {@code payload} is too big for one frame. */
    static byte[] checkSize(byte[] payload) throws IOException {
        if (payload.length > MAX_FRAME - HEADER) {
            throw new IOException("a serialised object of " + payload.length + " bytes exceeds the process pool's"
                    + " frame limit of " + (MAX_FRAME - HEADER) + " bytes");
        }
        return payload;
    }

    /** A whole frame in one array, so that it goes out in one write. */
    static byte[] frame(byte kind, long id, byte[] payload) {
        byte[] frame = new byte[Integer.BYTES + HEADER + payload.length];
        int length = HEADER + payload.length;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        frame[4] = kind;
        for (int i = 0; i < Long.BYTES; i++) {
            frame[5 + i] = (byte) (id >>> (56 - 8 * i));
        }
        System.arraycopy(payload, 0, frame, Integer.BYTES + HEADER, payload.length);
        return frame;
    }

    static void writeFrame(DataOutputStream out, byte kind, long id, byte[] payload) throws IOException {
        checkSize(payload);
        out.writeInt(HEADER + payload.length);
        out.writeByte(kind);
        out.writeLong(id);
        out.write(payload);
        out.flush();
    }

    /** Reads one frame; {@link java.io.EOFException} at a clean end of stream. */
    static Frame readFrame(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < HEADER || length > MAX_FRAME) {
            throw new StreamCorruptedException("bad frame length " + length
                    + " (did something other than the pool write to the worker's stdout?)");
        }
        byte kind = in.readByte();
        long id = in.readLong();
        byte[] payload = new byte[length - HEADER];
        in.readFully(payload);
        return new Frame(kind, id, payload);
    }

    /**
     * A serialisable lambda is checked twice: as {@link java.lang.invoke.SerializedLambda} with its capturing
     * class, and (on newer JDKs) once more as the hidden class its {@code readResolve} produced, named like
     * {@code com.example.Foo$$Lambda/0x...}. That one is judged as its nest host, the capturing class, so that
     * allowing {@code com.example.Foo} allows Foo's lambdas.
     */
    private static ObjectInputFilter.FilterInfo lambdaAsItsCapturingClass(ObjectInputFilter.FilterInfo info) {
        Class<?> type = info.serialClass();
        if (type == null || !type.isHidden() || !type.getName().contains("$$Lambda")) {
            return info;
        }
        Class<?> host = type.getNestHost();
        return new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return host;
            }

            @Override
            public long arrayLength() {
                return info.arrayLength();
            }

            @Override
            public long depth() {
                return info.depth();
            }

            @Override
            public long references() {
                return info.references();
            }

            @Override
            public long streamBytes() {
                return info.streamBytes();
            }
        };
    }

    /**
     * Deserialises one object through {@code filter}. A class the filter rejects fails with a
     * {@link ClassNotAllowedException} naming it.
     */
    static Object deserialize(byte[] payload, ObjectInputFilter filter) throws IOException, ClassNotFoundException {
        String[] rejected = new String[1];
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            in.setObjectInputFilter(info -> {
                ObjectInputFilter.Status status = filter.checkInput(lambdaAsItsCapturingClass(info));
                if (status == ObjectInputFilter.Status.REJECTED && rejected[0] == null) {
                    rejected[0] = info.serialClass() != null ? info.serialClass().getName()
                            : "(a limit: depth " + info.depth() + ", references " + info.references() + ")";
                }
                return status;
            });
            return in.readObject();
        } catch (InvalidClassException e) {
            if (rejected[0] != null) {
                ClassNotAllowedException clear = new ClassNotAllowedException(rejected[0],
                        "rejected by the process pool's deserialisation filter; only java.base value types,"
                                + " collections, the pool's protocol and the allowed patterns may cross (allow"
                                + " more with ProcessPool.builder().allow(\"com.example.**\"))");
                clear.initCause(e);
                throw clear;
            }
            throw e;
        }
    }
}
