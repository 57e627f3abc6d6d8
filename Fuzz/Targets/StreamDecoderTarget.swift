@testable import PlaybooksLLM

/// libFuzzer target `sse`: an LLM provider's HTTP response body, as untrusted bytes, through the
/// `SSEParser` and then the OpenAI and Anthropic stream decoders.
///
/// The first byte seeds where the body is cut into network reads; the rest is the body. Checks:
/// the events do not depend on the cuts (a CR at the end of one read and an LF at the start of the
/// next are one line break); each decoder turns every event into text, nothing, the end, or an
/// `LLMError` (never a trap), and stops at its end marker.
@_cdecl("LLVMFuzzerTestOneInput")
public func streamDecoderTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var seed = UInt64(bytes[0]) &* 0x9E37_79B9_7F4A_7C15 | 1
    let body = Array(bytes.dropFirst())

    var whole = SSEParser()
    let expected = whole.feed(body) + whole.finish()
    var chunked = SSEParser()
    var events: [SSEEvent] = []
    var i = 0
    while i < body.count {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let n = 1 + Int(seed >> 59)
        events += chunked.feed(body[i..<min(body.count, i + n)])
        i += n
    }
    events += chunked.finish()
    precondition(events == expected, "the events depend on how the body was cut into reads")

    decode(events, with: OpenAIStreamDecoder(provider: "openai"))
    decode(events, with: AnthropicStreamDecoder(provider: "anthropic"))
    return 0
}

/// Feeds `events` to `decoder` until it finishes or throws, as the provider does.
private func decode<Decoder: StreamDecoder>(_ events: [SSEEvent], with decoder: Decoder) {
    var decoder = decoder
    var text = ""
    for event in events {
        do {
            switch try decoder.decode(event) {
            case .none: continue
            case .text(let delta): text += delta
            case .finished: return
            }
        } catch {
            return
        }
    }
    _ = decoder.endedCleanly
}
