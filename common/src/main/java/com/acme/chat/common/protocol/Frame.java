package com.acme.chat.common.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One WebSocket text message: a JSON object whose {@code type} property names the frame,
 * e.g. {@code {"type":"ping","id":"c1"}}.
 * <p>
 * <b>Connection.</b> After the authenticated handshake the server sends {@link Hello}.
 * The client then sends a frame at least every {@link Hello#heartbeatIntervalSeconds()}
 * (a {@link Ping} when idle). A device has at most one connection; a newer one closes the
 * older with {@link CloseCodes#REPLACED_BY_NEW_CONNECTION}.
 * <p>
 * <b>Requests.</b> Every {@link ClientFrame} carries a client-chosen
 * {@link ClientFrame#id() id} and is answered by exactly one frame carrying the same id:
 * {@link Pong} for {@link Ping}, otherwise {@link Ack} on success or {@link ErrorFrame}
 * on failure. Answers may arrive in a different order than the requests.
 * <p>
 * <b>Delivery.</b> {@link MessageFrame}s are delivered at least once to every device of
 * every member (except the sending device), each device keeping a queue until it
 * acknowledges with {@link AckDelivery}; a device must therefore ignore a
 * {@code messageId} it already has. Within one conversation messages carry a strictly
 * increasing, gap-free {@code seq}, so a device can order them and detect gaps even when
 * they arrive out of order. Receipts, presence and typing frames are best-effort: they
 * are not queued for offline devices.
 * <p>
 * <b>Evolution.</b> Fields and frame types are only ever added. Readers ignore unknown
 * fields (built in here, not left to mapper configuration); a client should ignore a
 * frame whose {@code type} it does not know. Absent optional fields are omitted rather
 * than written as {@code null}.
 * <p>
 * <b>Reading errors</b> (Jackson 3), to map to {@code error} frames: a missing or unknown
 * {@code type} raises {@code InvalidTypeIdException} ({@code unknown_frame_type}); a
 * missing required field or an invalid id raises {@code ValueInstantiationException}
 * ({@code validation_failed}); any other parse failure is {@code malformed_json}. Field
 * constraints ({@code jakarta.validation} annotations) are checked by the receiver with a
 * validator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(ClientFrame.class), @JsonSubTypes.Type(ServerFrame.class) })
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface Frame permits ClientFrame, ServerFrame {

}
