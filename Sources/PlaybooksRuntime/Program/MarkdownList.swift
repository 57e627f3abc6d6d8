/// A nested Markdown bullet list, read from the lines of one `###` section.
///
/// Bullets are `-`, `*`, `+` or `1.` / `1)` followed by a space; nesting follows indentation (a tab
/// counts as four spaces). A non-bullet line inside an item continues that item's text. Text before
/// the first bullet, or after a blank line that ends the list at the outer level, is kept as
/// paragraphs.
struct MarkdownList {
    struct Item: Equatable {
        var text: String
        var line: Int
        var children: [Item]
    }

    var items: [Item]
    /// Text outside any bullet, one entry per paragraph (lines joined by a space), with the line it starts on.
    var paragraphs: [(text: String, line: Int)]

    init(lines: [ProgramLine]) {
        // Flat items with parent links first; the tree is built at the end.
        struct Flat {
            var text: String
            var line: Int
            var indent: Int
            var parent: Int?
        }
        var flat: [Flat] = []
        var open: [Int] = []  // indices of the items that can still take children or continuations
        var paragraphs: [(text: String, line: Int)] = []
        var paragraph: [String] = []
        var paragraphLine = 0
        var sawBlank = false
        func endParagraph() {
            if !paragraph.isEmpty { paragraphs.append((paragraph.joined(separator: " "), paragraphLine)) }
            paragraph = []
        }
        for line in lines {
            let indent = MarkdownList.indentation(of: line.text)
            let trimmed = line.text.programTrimmed()
            if trimmed.isEmpty {
                sawBlank = true
                endParagraph()
                continue
            }
            if let content = MarkdownList.bulletContent(trimmed) {
                endParagraph()
                while let last = open.last, flat[last].indent >= indent { open.removeLast() }
                flat.append(Flat(text: content, line: line.number, indent: indent, parent: open.last))
                open.append(flat.count - 1)
                sawBlank = false
                continue
            }
            if let last = open.last, !(sawBlank && indent <= flat[open[0]].indent) {
                // A continuation of the innermost open item.
                flat[last].text += flat[last].text.isEmpty ? trimmed : " " + trimmed
            } else {
                open.removeAll()
                if paragraph.isEmpty { paragraphLine = line.number }
                paragraph.append(trimmed)
            }
            sawBlank = false
        }
        endParagraph()

        var children: [[Int]] = Array(repeating: [], count: flat.count)
        var roots: [Int] = []
        for (index, item) in flat.enumerated() {
            if let parent = item.parent { children[parent].append(index) } else { roots.append(index) }
        }
        func build(_ index: Int) -> Item {
            Item(text: flat[index].text, line: flat[index].line, children: children[index].map(build))
        }
        self.items = roots.map(build)
        self.paragraphs = paragraphs
    }

    /// Leading spaces, a tab counting as four.
    static func indentation(of text: String) -> Int {
        var count = 0
        for ch in text {
            if ch == " " {
                count += 1
            } else if ch == "\t" {
                count += 4
            } else {
                break
            }
        }
        return count
    }

    /// The text after the bullet marker, or `nil` when the line is not a bullet.
    static func bulletContent(_ trimmed: String) -> String? {
        guard let first = trimmed.first else { return nil }
        if first == "-" || first == "*" || first == "+" {
            let rest = trimmed.dropFirst()
            if rest.isEmpty { return "" }
            guard let next = rest.first, next == " " || next == "\t" else { return nil }
            return String(rest).programTrimmed()
        }
        if first.isASCII, first.isNumber {
            let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
            let rest = trimmed.dropFirst(digits.count)
            guard digits.count <= 9, let marker = rest.first, marker == "." || marker == ")" else { return nil }
            let afterMarker = rest.dropFirst()
            if afterMarker.isEmpty { return "" }
            guard let next = afterMarker.first, next == " " || next == "\t" else { return nil }
            return String(afterMarker).programTrimmed()
        }
        return nil
    }
}

/// One line of a `.pb` file and its 1-based number.
struct ProgramLine: Equatable {
    var text: String
    var number: Int
    /// Text inside an XML-style block (`<rules>` ... `</rules>`) or a non-Python fence: never read as
    /// metadata, headings or steps.
    var opaque = false
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func programTrimmed() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}
