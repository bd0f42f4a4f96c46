package com.acme.chat.wsmanager.frame;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import com.acme.chat.common.protocol.ErrorFrame;
import com.acme.chat.common.protocol.ServerFrame;
import com.acme.chat.kit.tracing.TraceIds;

/**
 * The observation of one client frame, from its arrival to its answer: the first span of
 * a trace (timer {@value #NAME}, tags {@code type} and {@code outcome}, both
 * low-cardinality: a frame type and {@code ok} or an error code).
 * <p>
 * Each frame starts a trace of its own, with no parent: the connection's upgrade request
 * has an observation too, and it must not become the parent of every frame for the
 * connection's life (the connection already runs without the upgrade's Reactor context,
 * {@code ChatUpgradeStrategy}; the frame does not rely on that). The frame's observation
 * goes into the Reactor context of the frame's handling, where the WebClient calls to
 * messaging and relay find their parent. An {@code error} answer names the frame's trace.
 */
final class FrameObservation {

    static final String NAME = "chat.wsmanager.frame";

    static final String UNREAD = "unread";

    private final Observation observation;

    private FrameObservation(Observation observation) {
        this.observation = observation;
    }

    static FrameObservation start(ObservationRegistry registry) {
        Observation observation = Observation.createNotStarted(NAME, registry)
            .parentObservation(null)
            .contextualName("frame")
            .lowCardinalityKeyValue("type", UNREAD)
            .start();
        return new FrameObservation(observation);
    }

    /** Names the frame once it is read: {@code invalid} when it could not be. */
    FrameObservation type(String type) {
        observation.lowCardinalityKeyValue("type", type);
        observation.contextualName("frame " + type);
        return this;
    }

    /**
     * @param answering the frame's handling, not yet subscribed
     * @return the same answer, the error frame naming this trace; the observation ends
     * once the answer has been handed on (or the handling was cancelled)
     */
    Mono<ServerFrame> observe(Mono<ServerFrame> answering) {
        return answering.map(this::answered)
            .doFinally(this::stop)
            .contextWrite(context -> context.put(ObservationThreadLocalAccessor.KEY, observation));
    }

    private ServerFrame answered(ServerFrame answer) {
        if (answer instanceof ErrorFrame error) {
            observation.lowCardinalityKeyValue("outcome", error.code());
            return error.withTraceId(TraceIds.of(observation.getContext()));
        }
        observation.lowCardinalityKeyValue("outcome", "ok");
        return answer;
    }

    private void stop(SignalType signal) {
        if (signal == SignalType.CANCEL) {
            observation.lowCardinalityKeyValue("outcome", "cancelled");
        }
        observation.stop();
    }

}
