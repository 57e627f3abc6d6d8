import Foundation

/// The signature in a Markdown playbook's `##` heading: `Name`, `Name(a, b)` or
/// `Name($a: str, b=1) -> ReturnType`.
///
/// A parameter is an identifier, optionally prefixed by `$`, `*` or `**`, optionally followed by
/// `: type` and `= default`. Surrounding backticks are ignored. A trailing comma is allowed.
struct MarkdownSignature: Equatable {
    var name: String
    var parameters: [String]
    /// The parameters with their types and defaults as written.
    var parameterDetails: [PlaybookParameter]
    var returnType: String?
    /// The heading text, tidied (backticks removed, spaces trimmed).
    var text: String

    /// Parses `heading`; `nil` when it is not a signature. A name written as prose (`Get tax rate`)
    /// becomes an identifier by ``ProgramNames/identifier(from:)``: `GetTaxRate`.
    init?(parsing heading: String) {
        var text = heading.programTrimmed()
        if text.count >= 2, text.hasPrefix("`"), text.hasSuffix("`") {
            text = String(text.dropFirst().dropLast()).programTrimmed()
        }
        var rest = Substring(text)
        let identifier = rest.prefix { MarkdownSignature.isIdentifierCharacter($0) }
        var name = String(identifier)
        rest = rest.dropFirst(identifier.count)
        if let next = rest.first,
            next == " " || next == "\t" || next == "-" || next == "'" || next == "." || next == "/" || next == "&" || next == ","
        {
            // A name in words, up to the parameters, the return type or the end.
            var words = Substring(text)
            if let open = text.firstIndex(of: "(") { words = text[text.startIndex..<open] }
            if let arrow = words.range(of: "->") { words = words[words.startIndex..<arrow.lowerBound] }
            guard let converted = ProgramNames.identifier(from: String(words)) else { return nil }
            name = converted
            rest = text[words.endIndex...]
        }
        guard let first = name.first, !first.isNumber else { return nil }
        rest = rest.drop { $0 == " " || $0 == "\t" }

        var parameterDetails: [PlaybookParameter] = []
        var parameterText = ""
        if rest.first == "(" {
            guard let close = MarkdownSignature.matchingParenthesis(in: rest) else { return nil }
            let inner = rest[rest.index(after: rest.startIndex)..<close]
            guard let parsed = MarkdownSignature.parameterDetails(in: inner, allowSeparators: false) else { return nil }
            parameterDetails = parsed
            parameterText = String(rest[rest.startIndex...close])
            rest = rest[rest.index(after: close)...]
            rest = rest.drop { $0 == " " || $0 == "\t" }
        }

        var returnType: String? = nil
        if rest.hasPrefix("->") {
            let type = rest.dropFirst(2).programTrimmed()
            guard !type.isEmpty else { return nil }
            returnType = type
            rest = rest[rest.endIndex...]
        } else if rest.hasPrefix(":"), rest.dropFirst().programTrimmed().isEmpty {
            rest = rest[rest.endIndex...]  // `## Main():` written out of Python habit
        }
        guard rest.programTrimmed().isEmpty else { return nil }

        self.name = name
        self.parameterDetails = parameterDetails
        self.parameters = parameterDetails.map(\.name)
        self.returnType = returnType
        if name == String(identifier) {
            self.text = text.hasSuffix(":") && returnType == nil ? String(text.dropLast()).programTrimmed() : text
        } else {
            self.text = name + parameterText + (returnType.map { " -> \($0)" } ?? "")
        }
    }

    static func isIdentifierCharacter(_ ch: Character) -> Bool {
        ch == "_" || ch.isLetter || ch.isNumber
    }

    /// Walks `text` outside quoted strings, calling `visit` with each character's index, the
    /// character and the bracket depth after it; returns the first index where `visit` says stop.
    static func scanTopLevel(
        _ text: Substring, _ visit: (Substring.Index, Character, Int) -> Bool
    ) -> Substring.Index? {
        var depth = 0
        var quote: Character? = nil
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if let q = quote {
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
            } else {
                if ch == "(" || ch == "[" || ch == "{" {
                    depth += 1
                } else if ch == ")" || ch == "]" || ch == "}" {
                    depth -= 1
                }
                if visit(index, ch, depth) { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// The index of the `)` that closes the `(` at the start of `text`, skipping nested brackets and strings.
    static func matchingParenthesis(in text: Substring) -> Substring.Index? {
        let closing = scanTopLevel(text) { _, ch, depth in depth == 0 && (ch == ")" || ch == "]" || ch == "}") }
        guard let closing, text[closing] == ")" else { return nil }
        return closing
    }

    /// The parameters in a parenthesised list, or `nil` when one is malformed. With
    /// `allowSeparators` (Python), a bare `/` or `*` marker is skipped.
    static func parameterDetails(in text: Substring, allowSeparators: Bool) -> [PlaybookParameter]? {
        var pieces: [Substring] = []
        var start = text.startIndex
        _ = scanTopLevel(text) { index, ch, depth in
            if ch == ",", depth == 0 {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
            return false
        }
        pieces.append(text[start..<text.endIndex])
        // `f()` has no parameters; `f(a, b,)` has a trailing comma.
        if pieces.count == 1, pieces[0].programTrimmed().isEmpty { return [] }
        if pieces.count > 1, let last = pieces.last, last.programTrimmed().isEmpty { pieces.removeLast() }

        var parameters: [PlaybookParameter] = []
        for piece in pieces {
            var p = Substring(piece.programTrimmed())
            if allowSeparators, p == "/" || p == "*" { continue }
            var stars = ""
            if p.hasPrefix("**") {
                stars = "**"
                p = p.dropFirst(2)
            } else if p.hasPrefix("*") {
                stars = "*"
                p = p.dropFirst()
            }
            if p.hasPrefix("$") { p = p.dropFirst() }
            let name = p.prefix { isIdentifierCharacter($0) }
            guard let first = name.first, !first.isNumber else { return nil }
            var after = Substring(p.dropFirst(name.count).programTrimmed())
            guard after.isEmpty || after.hasPrefix(":") || after.hasPrefix("=") else { return nil }
            var type: String? = nil
            var defaultValue: String? = nil
            if after.hasPrefix(":") {
                after = after.dropFirst()
                let end = topLevelEquals(in: after) ?? after.endIndex
                let written = after[after.startIndex..<end].programTrimmed()
                guard !written.isEmpty else { return nil }
                type = written
                after = after[end...]
            }
            if after.hasPrefix("=") {
                let written = after.dropFirst().programTrimmed()
                guard !written.isEmpty else { return nil }
                defaultValue = written
            }
            parameters.append(PlaybookParameter(name: stars + name, type: type, defaultValue: defaultValue))
        }
        return parameters
    }

    /// Parameter names in a parenthesised list, or `nil` when one is malformed.
    static func parameters(in text: Substring) -> [String]? {
        parameterDetails(in: text, allowSeparators: false)?.map(\.name)
    }

    /// The first `=` outside brackets and strings.
    static func topLevelEquals(in text: Substring) -> Substring.Index? {
        scanTopLevel(text) { _, ch, depth in ch == "=" && depth == 0 }
    }
}
