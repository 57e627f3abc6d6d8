import Foundation

/// The replies of a scripted LLM: unkeyed replies, one per LLM call in the order the calls happen, and keyed
/// replies, one per LLM call of one agent's playbook.
///
/// File format: every reply starts with a marker line `=== reply ===`; it runs to the next marker or the end of
/// the file. Anything before the first marker is a comment header and is ignored. A marker may carry a label
/// between `reply` and the closing `===`. A label that is exactly `AgentName.PlaybookName` (two identifiers
/// `[A-Za-z_][A-Za-z0-9_]*` joined by one dot, nothing else, spaces around it allowed) makes the reply a *keyed*
/// reply for that key (`=== reply Host.Main ===`); any other label (`=== reply 2 ===`,
/// `=== reply 2: the greeting ===`, `=== reply Host.Main: greet ===`) is ignored and the reply is *unkeyed*, like
/// a reply without a label. Markers must stand alone on their line (trailing spaces allowed); `===` is not valid
/// Python, and a line `=== reply ===` is not something Markdown prose produces by accident. The line end before a
/// marker belongs to the marker, so a reply has no trailing newline unless it ends with a blank line. `\r\n` line
/// ends are read as `\n`. A reply cannot contain a marker line.
///
/// Which reply answers which call (see ``ScriptedProvider``):
/// - The keyed replies of one key are consumed in order, independently of every other key: the `n`-th LLM call
///   (0-based, ``LLMRequest/keyIndex``) of the playbook `Host.Main` (``LLMRequest/key``) gets the `n`-th reply
///   keyed `Host.Main`, whatever other agents called in between. Keyed markers of different keys may be
///   interleaved in the file in any order.
/// - A call whose key has no keyed replies (or that has no key) gets unkeyed reply `callIndex`, where
///   ``LLMRequest/callIndex`` counts every LLM call of the execution, keyed or not.
///
/// ```text
/// Replies for the seed scenario. This header is ignored.
/// === reply 1 ===
/// await Step("Main:01:QUE")
/// await Say("user", "What is your name?")
/// === reply 2 ===
/// await Return("done")
/// ```
///
/// ```text
/// Two agents: each reply goes to its agent's playbook, whichever agent calls first.
/// === reply Host.Main ===
/// await Say("Guest", "Welcome!")
/// === reply Guest.Main ===
/// await Say("Host", "Thank you.")
/// === reply Host.Main ===
/// await Return("done")
/// ```
public struct ReplyScript: Sendable, Equatable {
    /// The unkeyed replies, in order: reply `i` answers the call with `callIndex == i` (unless the call's key has
    /// keyed replies).
    public var replies: [String]
    /// The keyed replies by key (`"Host.Main"`), each list in order: reply `n` of key `k` answers the call with
    /// `key == k` and `keyIndex == n`. Keys should satisfy ``isKey(_:)``, or ``fileText`` cannot write them back; a
    /// key with an empty list counts as a key without keyed replies.
    public var keyed: [String: [String]]

    public init(replies: [String] = [], keyed: [String: [String]] = [:]) {
        self.replies = replies
        self.keyed = keyed
    }

    /// Parses the text of a script file.
    ///
    /// - Throws: ``LLMError`` (kind `.script`) when the text has no marker line.
    public init(parsing text: String, source: String = "the script") throws(LLMError) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var replies: [String] = []
        var keyed: [String: [String]] = [:]
        func add(_ reply: (key: String?, lines: [Substring])) {
            let text = reply.lines.joined(separator: "\n")
            if let key = reply.key { keyed[key, default: []].append(text) } else { replies.append(text) }
        }
        var current: (key: String?, lines: [Substring])?
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if let label = Self.markerLabel(line) {
                if let current { add(current) }
                current = (Self.isKey(label) ? String(label) : nil, [])
            } else {
                current?.lines.append(line)
            }
        }
        guard var current else {
            throw LLMError(
                provider: "scripted", kind: .script,
                message: "\(source) has no reply: each reply starts with a line `=== reply ===`")
        }
        if normalized.hasSuffix("\n"), current.lines.last == "" { current.lines.removeLast() }  // the file's final newline
        add(current)
        self.replies = replies
        self.keyed = keyed
    }

    /// Reads and parses a script file.
    public init(contentsOfFile path: String) throws(LLMError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LLMError(provider: "scripted", kind: .configuration, message: "cannot read the script \(path): \(error)")
        }
        try self.init(parsing: text, source: "the script \(path)")
    }

    /// Whether `line` is a reply marker: `=== reply ===` or `=== reply LABEL ===`.
    static func isMarker(_ line: Substring) -> Bool { markerLabel(line) != nil }

    /// The label of a marker line without the spaces around it (`""` for `=== reply ===`), or `nil` when `line`
    /// is not a marker.
    static func markerLabel(_ line: Substring) -> Substring? {
        var line = line
        while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
        guard line.hasPrefix("=== reply"), line.hasSuffix("==="), line.count >= "=== reply ===".count else { return nil }
        var middle = line.dropFirst("=== reply".count).dropLast(3)
        guard middle.isEmpty || middle.first == " " else { return nil }
        while let first = middle.first, first == " " || first == "\t" { middle.removeFirst() }
        while let last = middle.last, last == " " || last == "\t" { middle.removeLast() }
        return middle
    }

    /// Whether `label` is a reply key: exactly `AgentName.PlaybookName`, two identifiers `[A-Za-z_][A-Za-z0-9_]*`
    /// joined by one dot.
    public static func isKey<S: StringProtocol>(_ label: S) -> Bool {
        let parts = label.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { isIdentifier($0) }
    }

    private static func isIdentifier<S: StringProtocol>(_ part: S) -> Bool {
        guard let first = part.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return part.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || ("0"..."9").contains($0) }
    }

    private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    /// The script as file text: the unkeyed replies in order, then the keyed replies key by key (keys sorted),
    /// each in order. Parsing it gives an equal script, as long as no reply contains a marker line and every key
    /// satisfies ``isKey(_:)`` and has at least one reply.
    public var fileText: String {
        var text = replies.map { "=== reply ===\n" + $0 + "\n" }.joined()
        for key in keyed.keys.sorted() {
            text += keyed[key, default: []].map { "=== reply \(key) ===\n" + $0 + "\n" }.joined()
        }
        return text
    }
}
