/// Reads the YAML subset that `.pb` programs use for front matter and metadata.
///
/// Supported: block mappings (`key: value`, nested by indentation), block sequences (`- item`, also
/// at the same indentation as their key), flow sequences and mappings (`[A, B]`, `{a: 1}`), plain,
/// single- and double-quoted scalars, `true`/`false`/`yes`/`no`/`on`/`off`, `null`/`~`, integers and
/// floats (as PyYAML reads them), literal (`|`) and folded (`>`) block scalars, and `#` comments.
/// Anchors, aliases, tags and multi-document streams are not supported and are an error that names
/// the line.
struct MetadataParser {
    let path: String
    let lines: [ProgramLine]
    private var index = 0

    init(path: String, lines: [ProgramLine]) {
        self.path = path
        self.lines = lines.filter { line in
            let trimmed = line.text.programTrimmed()
            return !trimmed.isEmpty && !trimmed.hasPrefix("#")
        }
    }

    /// Parses the lines as one mapping.
    static func parse(_ lines: [ProgramLine], path: String) throws(ProgramError) -> Metadata {
        var parser = MetadataParser(path: path, lines: lines)
        guard let first = parser.lines.first else { return Metadata() }
        let metadata = try parser.mapping(indent: MarkdownList.indentation(of: first.text))
        if parser.index < parser.lines.count {
            let line = parser.lines[parser.index]
            throw parser.error(line.number, "expected `key: value` here, found `\(line.text.programTrimmed())`")
        }
        return metadata
    }

    /// Whether `text` starts a metadata entry in a description: `key:` or `key: value` at the start of
    /// the line, where the key is lowercase snake_case (`public`, `meeting`, `required_attendees`).
    static func isMetadataLine(_ text: String) -> Bool {
        guard let key = key(of: text) else { return false }
        return key.first.map { $0.isLowercase || $0 == "_" } == true && key.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }
    }

    /// The key of a `key: value` line written at the start of the line, if it is one.
    static func key(of text: String) -> String? {
        guard let first = text.first, first.isLetter || first == "_" else { return nil }
        let key = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        let rest = text.dropFirst(key.count)
        guard rest.first == ":" else { return nil }
        let after = rest.dropFirst()
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        return String(key)
    }

    private func error(_ line: Int, _ message: String) -> ProgramError {
        ProgramError(.invalidMetadata, path: path, line: line, message: "metadata: " + message)
    }

    private mutating func mapping(indent: Int) throws(ProgramError) -> Metadata {
        var metadata = Metadata()
        while index < lines.count {
            let line = lines[index]
            let lineIndent = MarkdownList.indentation(of: line.text)
            if lineIndent < indent { break }
            if lineIndent > indent {
                throw error(line.number, "unexpected indentation")
            }
            let text = line.text.programTrimmed()
            if text.hasPrefix("- ") || text == "-" { break }
            guard let (key, rest) = MetadataParser.splitKey(text) else {
                throw error(line.number, "expected `key: value`, found `\(text)`")
            }
            index += 1
            metadata[key] = try value(rest, line: line.number, indent: indent)
        }
        return metadata
    }

    /// `key: rest` with the key unquoted; `nil` when the line has no `: `.
    static func splitKey(_ text: String) -> (String, String)? {
        var key = ""
        var rest = Substring(text)
        if let quote = rest.first, quote == "\"" || quote == "'" {
            guard let close = rest.dropFirst().firstIndex(of: quote) else { return nil }
            key = String(rest[rest.index(after: rest.startIndex)..<close])
            rest = rest[rest.index(after: close)...]
            guard rest.first == ":" else { return nil }
        } else {
            var cursor = rest.startIndex
            while cursor < rest.endIndex {
                if rest[cursor] == ":" {
                    let next = rest.index(after: cursor)
                    if next == rest.endIndex || rest[next] == " " || rest[next] == "\t" { break }
                }
                cursor = rest.index(after: cursor)
            }
            guard cursor < rest.endIndex else { return nil }
            key = rest[rest.startIndex..<cursor].programTrimmed()
            rest = rest[cursor...]
        }
        guard !key.isEmpty else { return nil }
        return (key, String(rest.dropFirst()).programTrimmed())
    }

    /// The value after `key:`: inline, or the indented block (or same-indent sequence) below.
    private mutating func value(_ rest: String, line: Int, indent: Int) throws(ProgramError) -> MetadataValue {
        let inline = MetadataParser.stripComment(rest)
        if inline == "|" || inline == ">" || inline.hasPrefix("|") || inline.hasPrefix(">") {
            return .string(blockScalar(folded: inline.hasPrefix(">"), indent: indent))
        }
        if !inline.isEmpty { return try scalarOrFlow(inline, line: line) }
        guard index < lines.count else { return .null }
        let next = lines[index]
        let nextIndent = MarkdownList.indentation(of: next.text)
        let nextText = next.text.programTrimmed()
        let isItem = nextText.hasPrefix("- ") || nextText == "-"
        if nextIndent > indent {
            return isItem ? try sequence(indent: nextIndent) : .map(try mapping(indent: nextIndent))
        }
        if nextIndent == indent, isItem { return try sequence(indent: indent) }
        return .null
    }

    private mutating func sequence(indent: Int) throws(ProgramError) -> MetadataValue {
        var items: [MetadataValue] = []
        while index < lines.count {
            let line = lines[index]
            let lineIndent = MarkdownList.indentation(of: line.text)
            let text = line.text.programTrimmed()
            guard lineIndent == indent, text.hasPrefix("- ") || text == "-" else {
                if lineIndent > indent { throw error(line.number, "unexpected indentation") }
                break
            }
            index += 1
            let item = String(text.dropFirst()).programTrimmed()
            if item.isEmpty {
                if index < lines.count, MarkdownList.indentation(of: lines[index].text) > indent {
                    let childIndent = MarkdownList.indentation(of: lines[index].text)
                    let childText = lines[index].text.programTrimmed()
                    items.append(childText.hasPrefix("- ") ? try sequence(indent: childIndent) : .map(try mapping(indent: childIndent)))
                } else {
                    items.append(.null)
                }
            } else if let (key, rest) = MetadataParser.splitKey(item), !item.hasPrefix("[") && !item.hasPrefix("{") {
                // `- key: value` starts a mapping whose other keys are indented to the key's column.
                let keyIndent = indent + 2
                var map = Metadata()
                map[key] = try value(rest, line: line.number, indent: keyIndent)
                if index < lines.count, MarkdownList.indentation(of: lines[index].text) == keyIndent {
                    map.merge(try mapping(indent: keyIndent))
                }
                items.append(.map(map))
            } else {
                items.append(try scalarOrFlow(MetadataParser.stripComment(item), line: line.number))
            }
        }
        return .list(items)
    }

    private mutating func blockScalar(folded: Bool, indent: Int) -> String {
        var body: [String] = []
        var bodyIndent: Int? = nil
        while index < lines.count, MarkdownList.indentation(of: lines[index].text) > indent {
            let text = lines[index].text
            let own = MarkdownList.indentation(of: text)
            let cut = bodyIndent ?? own
            bodyIndent = cut
            body.append(String(text.dropFirst(min(cut, own))))
            index += 1
        }
        return body.joined(separator: folded ? " " : "\n") + (body.isEmpty ? "" : "\n")
    }

    /// Drops a ` # comment` outside quotes.
    static func stripComment(_ text: String) -> String {
        var quote: Character? = nil
        var previous: Character = " "
        var out = ""
        for ch in text {
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else if ch == "#", previous == " " || previous == "\t" {
                break
            }
            out.append(ch)
            previous = ch
        }
        return out.programTrimmed()
    }

    private func scalarOrFlow(_ text: String, line: Int) throws(ProgramError) -> MetadataValue {
        if let first = text.first, first == "&" || first == "*" || first == "!" {
            throw ProgramError(
                .unsupportedFeature(name: "YAML anchors, aliases and tags"), path: path, line: line,
                message: "metadata: YAML anchors, aliases and tags (`\(text)`) are not supported")
        }
        var reader = FlowReader(text: Array(text))
        guard let value = reader.value(topLevel: true), reader.atEnd else {
            throw error(line, "cannot read the value `\(text)`")
        }
        return value
    }
}

/// Reads one flow-style YAML value: `[a, b]`, `{k: v}`, quoted or plain scalars.
private struct FlowReader {
    let text: [Character]
    var position = 0

    var atEnd: Bool {
        var p = position
        while p < text.count, text[p] == " " { p += 1 }
        return p == text.count
    }

    mutating func skipSpaces() {
        while position < text.count, text[position] == " " || text[position] == "\t" { position += 1 }
    }

    mutating func value(topLevel: Bool) -> MetadataValue? {
        skipSpaces()
        guard position < text.count else { return topLevel ? .null : nil }
        switch text[position] {
        case "[":
            position += 1
            var items: [MetadataValue] = []
            skipSpaces()
            if position < text.count, text[position] == "]" {
                position += 1
                return .list(items)
            }
            while true {
                guard let item = value(topLevel: false) else { return nil }
                items.append(item)
                skipSpaces()
                guard position < text.count else { return nil }
                if text[position] == "," {
                    position += 1
                    skipSpaces()
                    if position < text.count, text[position] == "]" {
                        position += 1
                        return .list(items)
                    }
                    continue
                }
                if text[position] == "]" {
                    position += 1
                    return .list(items)
                }
                return nil
            }
        case "{":
            position += 1
            var map = Metadata()
            skipSpaces()
            if position < text.count, text[position] == "}" {
                position += 1
                return .map(map)
            }
            while true {
                skipSpaces()
                guard let keyValue = scalar(stopAt: ":,}", topLevel: false), case .string(let key) = keyValue else { return nil }
                skipSpaces()
                guard position < text.count, text[position] == ":" else { return nil }
                position += 1
                guard let item = value(topLevel: false) else { return nil }
                map[key] = item
                skipSpaces()
                guard position < text.count else { return nil }
                if text[position] == "," {
                    position += 1
                    continue
                }
                if text[position] == "}" {
                    position += 1
                    return .map(map)
                }
                return nil
            }
        default:
            return scalar(stopAt: topLevel ? "" : ",]}", topLevel: topLevel)
        }
    }

    mutating func scalar(stopAt stops: String, topLevel: Bool) -> MetadataValue? {
        guard position < text.count else { return nil }
        let first = text[position]
        if first == "\"" || first == "'" {
            position += 1
            var out = ""
            while position < text.count {
                let ch = text[position]
                position += 1
                if ch == first {
                    if first == "'", position < text.count, text[position] == "'" {
                        out.append("'")
                        position += 1
                        continue
                    }
                    return .string(out)
                }
                if first == "\"", ch == "\\", position < text.count {
                    let escaped = text[position]
                    position += 1
                    switch escaped {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"": out.append("\"")
                    case "\\": out.append("\\")
                    case "/": out.append("/")
                    default:
                        out.append("\\")
                        out.append(escaped)
                    }
                    continue
                }
                out.append(ch)
            }
            return nil
        }
        var out = ""
        while position < text.count {
            let ch = text[position]
            if stops.contains(ch) {
                // In flow context `:` ends a key only when a space or the end follows.
                if ch == ":" {
                    let next = position + 1 < text.count ? text[position + 1] : " "
                    if next != " " && next != "," && next != "}" {
                        out.append(ch)
                        position += 1
                        continue
                    }
                }
                break
            }
            out.append(ch)
            position += 1
        }
        let plain = out.programTrimmed()
        if plain.isEmpty { return topLevel ? .null : nil }
        return FlowReader.resolve(plain)
    }

    /// A plain scalar's type, as PyYAML resolves it.
    static func resolve(_ plain: String) -> MetadataValue {
        switch plain {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        case "null", "Null", "NULL", "~": return .null
        default: break
        }
        let digits = String(plain.filter { $0 != "_" })
        if let number = Int(digits), plain.first.map({ $0.isNumber || $0 == "-" || $0 == "+" }) == true {
            return .int(number)
        }
        if plain.contains("."), plain.first.map({ $0.isNumber || $0 == "-" || $0 == "+" || $0 == "." }) == true,
            let number = Double(plain)
        {
            return .double(number)
        }
        return .string(plain)
    }
}
