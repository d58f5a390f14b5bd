package dev.kiln.session.tunnel;

import dev.kiln.proto.control.BytesMessage;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;

/**
 * How the daemon reaches the services a session's client serves.
 *
 * @param channel calls the client's services
 * @param fromClient the request observer of the outer {@code Control.Session} call
 * @param close releases the transport
 */
record DaemonTransport(ManagedChannel channel, StreamObserver<BytesMessage> fromClient, Runnable close) {}
