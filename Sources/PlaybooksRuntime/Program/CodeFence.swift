/// A fenced code block's opening line: ```` ```python ```` or `~~~`.
///
/// The fence may be indented (inside a list item); its body lines lose up to that much indentation.
/// It is closed by a line of the same character, at least as long, with nothing after it.
struct CodeFence: Equatable {
    var character: Character
    var length: Int
    var indent: Int
    /// The info string after the fence, e.g. `python`.
    var info: String

    /// The fence that `text` opens, or `nil` when it is not a fence line.
    init?(opening text: String) {
        let indent = MarkdownList.indentation(of: text)
        let rest = text.drop { $0 == " " || $0 == "\t" }
        guard let first = rest.first, first == "`" || first == "~" else { return nil }
        let run = rest.prefix { $0 == first }
        guard run.count >= 3 else { return nil }
        let info = rest.dropFirst(run.count).programTrimmed()
        if first == "`", info.contains("`") { return nil }
        self.character = first
        self.length = run.count
        self.indent = indent
        self.info = info
    }

    /// Whether the block holds Python (`python`, `py` or `python3`, any case).
    var isPython: Bool {
        let language = info.prefix { !$0.isWhitespace && $0 != "{" }.lowercased()
        return language == "python" || language == "py" || language == "python3"
    }

    /// Whether `text` closes this fence.
    func isClosing(_ text: String) -> Bool {
        let rest = text.drop { $0 == " " || $0 == "\t" }
        let run = rest.prefix { $0 == character }
        return run.count >= length && rest.dropFirst(run.count).programTrimmed().isEmpty
    }

    /// A body line without the fence's indentation.
    func dedent(_ text: String) -> String {
        var removed = 0
        var view = Substring(text)
        while removed < indent, let first = view.first, first == " " {
            view = view.dropFirst()
            removed += 1
        }
        return String(view)
    }
}
