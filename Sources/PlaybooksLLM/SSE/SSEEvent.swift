/// One Server-Sent Event, dispatched by a blank line.
///
/// ```text
/// event: content_block_delta        ->  SSEEvent(type: "content_block_delta",
/// data: {"delta":{"text":"Hi"}}                  data: "{\"delta\":{\"text\":\"Hi\"}}")
///
/// ```
public struct SSEEvent: Sendable, Equatable, Hashable {
    /// The `event:` field, or `"message"` when the event had none.
    public var type: String
    /// The `data:` lines joined with `"\n"`.
    public var data: String
    /// The last `id:` seen on the stream (it carries over to later events, as in the standard), if any.
    public var id: String?
    /// The `retry:` field of this event (milliseconds), if it had a valid one.
    public var retry: Int?

    public init(type: String = "message", data: String, id: String? = nil, retry: Int? = nil) {
        self.type = type
        self.data = data
        self.id = id
        self.retry = retry
    }
}
