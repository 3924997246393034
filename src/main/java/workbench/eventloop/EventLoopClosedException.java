package workbench.eventloop;

/**
 * What every verb of a closed {@link EventLoop} throws, as asyncio raises {@code RuntimeError('Event loop is
 * closed')}: the one rule of a closed loop (see {@link EventLoop}).
 */
public final class EventLoopClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    EventLoopClosedException(String loopName) {
        super("Event loop is closed ('" + loopName + "')");
    }
}
