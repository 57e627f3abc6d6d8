/// An incremental Server-Sent Events parser over bytes (the WHATWG `text/event-stream` format).
///
/// Feed it bytes as they arrive, in chunks of any size; it returns the events that became complete.
/// ```swift
/// var parser = SSEParser()
/// parser.feed(Array("data: hel".utf8))          // []
/// parser.feed(Array("lo\n\n".utf8))             // [SSEEvent(type: "message", data: "hello")]
/// parser.finish()                               // [] (nothing pending)
/// ```
///
/// What it handles:
/// - line ends `\n`, `\r\n` and `\r`, also when a `\r\n` pair is split between two chunks;
/// - `data:` lines joined with `\n`; `event:`, `id:` (kept for later events; ignored when it contains NUL) and
///   `retry:` (digits only);
/// - comment lines starting with `:` (keep-alives), ignored;
/// - a field without a colon (`data` alone is a data line with an empty value);
/// - one space after the colon removed (`data:  x` has the value `" x"`);
/// - a blank line dispatches the pending event; one without data lines dispatches nothing;
/// - UTF-8 sequences split between chunks: bytes are buffered and only complete lines are decoded (invalid UTF-8
///   becomes U+FFFD); a leading byte order mark is dropped.
///
/// One lenient choice: ``finish()`` dispatches an event whose closing blank line never came (browsers drop it),
/// because LLM servers sometimes close the stream right after the last `data:` line.
public struct SSEParser: Sendable {
    private var line: [UInt8] = []
    private var previousWasCR = false
    private var sawFirstLine = false
    private var eventType = ""
    private var dataLines: [String] = []
    private var hasData = false
    private var retry: Int?
    /// The last event id set by an `id:` field.
    public private(set) var lastEventID: String?
    /// How many comment lines (keep-alives) the stream held so far.
    public private(set) var commentCount = 0

    public init() {}

    /// Parses `bytes` and returns the events completed by them, in order.
    public mutating func feed<Bytes: Sequence>(_ bytes: Bytes) -> [SSEEvent] where Bytes.Element == UInt8 {
        var events: [SSEEvent] = []
        for byte in bytes {
            if previousWasCR {
                previousWasCR = false
                if byte == 0x0A { continue }  // the LF of a CRLF pair
            }
            switch byte {
            case 0x0A:
                processLine(into: &events)
            case 0x0D:
                processLine(into: &events)
                previousWasCR = true
            default:
                line.append(byte)
            }
        }
        return events
    }

    /// Ends the stream: processes an unterminated last line and dispatches a pending event (see the type's notes).
    public mutating func finish() -> [SSEEvent] {
        var events: [SSEEvent] = []
        if !line.isEmpty { processLine(into: &events) }
        dispatch(into: &events)
        previousWasCR = false
        return events
    }

    private mutating func processLine(into events: inout [SSEEvent]) {
        var text = String(decoding: line, as: UTF8.self)
        line.removeAll(keepingCapacity: true)
        if !sawFirstLine {
            sawFirstLine = true
            if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        }
        if text.isEmpty {
            dispatch(into: &events)
            return
        }
        if text.utf8.first == UInt8(ascii: ":") {
            commentCount += 1
            return
        }
        let field: Substring
        var value: Substring
        if let colon = text.firstIndex(of: ":") {
            field = text[..<colon]
            value = text[text.index(after: colon)...]
            if value.first == " " { value.removeFirst() }
        } else {
            field = Substring(text)
            value = ""
        }
        switch field {
        case "event":
            eventType = String(value)
        case "data":
            dataLines.append(String(value))
            hasData = true
        case "id":
            if !value.contains("\u{0}") { lastEventID = String(value) }
        case "retry":
            if !value.isEmpty, value.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { retry = Int(value) }
        default:
            break  // unknown fields are ignored
        }
    }

    private mutating func dispatch(into events: inout [SSEEvent]) {
        defer {
            eventType = ""
            dataLines.removeAll(keepingCapacity: true)
            hasData = false
            retry = nil
        }
        guard hasData else { return }
        events.append(
            SSEEvent(
                type: eventType.isEmpty ? "message" : eventType, data: dataLines.joined(separator: "\n"), id: lastEventID,
                retry: retry))
    }
}
