import Foundation

/// The replies of a scripted LLM: one per LLM call, in order.
///
/// File format: every reply starts with a marker line `=== reply ===`; it runs to the next marker or the end of
/// the file. Anything before the first marker is a comment header and is ignored. A marker may carry a label
/// between `reply` and the closing `===` (`=== reply 2: the greeting ===`), which is ignored too. Markers must stand
/// alone on their line (trailing spaces allowed); `===` is not valid Python, and a line `=== reply ===` is not
/// something Markdown prose produces by accident. The line end before a marker belongs to the marker, so a reply
/// has no trailing newline unless it ends with a blank line. `\r\n` line ends are read as `\n`. A reply cannot
/// contain a marker line.
///
/// ```text
/// Replies for the seed scenario. This header is ignored.
/// === reply 1 ===
/// await Step("Main:01:QUE")
/// await Say("user", "What is your name?")
/// === reply 2 ===
/// await Return("done")
/// ```
public struct ReplyScript: Sendable, Equatable {
    /// The replies, in order: reply `i` answers the call with `callIndex == i`.
    public var replies: [String]

    public init(replies: [String]) { self.replies = replies }

    /// Parses the text of a script file.
    ///
    /// - Throws: ``LLMError`` (kind `.script`) when the text has no marker line.
    public init(parsing text: String, source: String = "the script") throws(LLMError) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var replies: [String] = []
        var current: [Substring]?
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            if Self.isMarker(line) {
                if let current { replies.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current?.append(line)
            }
        }
        guard var current else {
            throw LLMError(
                provider: "scripted", kind: .script,
                message: "\(source) has no reply: each reply starts with a line `=== reply ===`")
        }
        if normalized.hasSuffix("\n"), current.last == "" { current.removeLast() }  // the file's final newline
        replies.append(current.joined(separator: "\n"))
        self.replies = replies
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
    static func isMarker(_ line: Substring) -> Bool {
        var line = line
        while let last = line.last, last == " " || last == "\t" || last == "\r" { line.removeLast() }
        guard line.hasPrefix("=== reply"), line.hasSuffix("==="), line.count >= "=== reply ===".count else { return false }
        let middle = line.dropFirst("=== reply".count).dropLast(3)
        return middle.isEmpty || middle.first == " "
    }

    /// The script as file text (the inverse of ``init(parsing:source:)`` for replies without marker lines).
    public var fileText: String {
        replies.map { "=== reply ===\n" + $0 + "\n" }.joined()
    }
}
