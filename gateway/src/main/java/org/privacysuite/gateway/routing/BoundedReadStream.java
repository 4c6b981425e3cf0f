package org.privacysuite.gateway.routing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Passes a body through until more than {@code limit} bytes have gone by, then reports {@link RequestBodyTooLarge}
 * to whoever pipes it (the proxy), which aborts the upstream request.
 */
final class BoundedReadStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long limit;
    private long received;
    private boolean exceeded;
    private Handler<Buffer> dataHandler;
    private Handler<Throwable> exceptionHandler;

    BoundedReadStream(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        this.dataHandler = handler;
        source.handler(handler == null ? null : this::onData);
        return this;
    }

    private void onData(Buffer chunk) {
        if (exceeded) {
            return; // drained, not forwarded
        }
        received += chunk.length();
        if (received > limit) {
            exceeded = true;
            if (exceptionHandler != null) {
                exceptionHandler.handle(new RequestBodyTooLarge());
            }
            return;
        }
        dataHandler.handle(chunk);
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler);
        return this;
    }
}
