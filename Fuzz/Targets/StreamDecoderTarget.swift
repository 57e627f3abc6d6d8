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
    var cuts = FuzzCuts(seedByte: bytes[0])
    let body = Array(bytes.dropFirst())

    var whole = SSEParser()
    let expected = whole.feed(body) + whole.finish()
    var chunked = SSEParser()
    var events: [SSEEvent] = []
    for piece in cuts.pieces(of: body, maxSizeBits: 5) { events += chunked.feed(piece) }
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
