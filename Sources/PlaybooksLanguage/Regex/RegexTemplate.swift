// Replacement-template expansion for re.sub / Match.expand, following CPython 3.11.

enum RegexTemplatePiece: Sendable, Equatable {
    case literal(String)
    case group(Int)
}

/// Parses a replacement template into literal text and group references.
func parseRegexTemplate(_ template: String, regex: CompiledRegex) throws(RegexError) -> [RegexTemplatePiece] {
    var tok = try RegexTokenizer(Array(template.unicodeScalars))
    var pieces: [RegexTemplatePiece] = []
    var literal = ""

    func flush() {
        if !literal.isEmpty {
            pieces.append(.literal(literal))
            literal = ""
        }
    }
    func addGroup(_ index: Int, _ offset: Int) throws(RegexError) {
        if index > regex.groupCount { throw tok.error("invalid group reference \(index)", offset) }
        flush()
        pieces.append(.group(index))
    }

    while let this = try tok.get() {
        switch this {
        case .plain(let c):
            literal.unicodeScalars.append(c)
        case .escape(let c):
            if c == "g" {
                if !(try tok.match("<")) { throw tok.error("missing <") }
                let name = try tok.getUntil(">", "group name")
                let len = name.unicodeScalars.count
                let index: Int
                if RegexSyntaxHelpers.isIdentifier(name) {
                    guard let g = regex.groupNames[name] else {
                        throw RegexError("unknown group name \(VirtualMachine.quoteText(name))", kind: .indexError)
                    }
                    index = g
                } else {
                    guard let g = RegexSyntaxHelpers.pythonInt(name), g >= 0 else {
                        throw tok.error("bad character in group name \(VirtualMachine.quoteText(name))", len + 1)
                    }
                    if g >= RegexSyntaxHelpers.maxGroups { throw tok.error("invalid group reference \(g)", len + 1) }
                    index = g
                }
                try addGroup(index, len + 1)
            } else if c == "0" {
                var digits = "0"
                if let d = tok.nextPlain, RegexSyntaxHelpers.isOctDigit(d) {
                    digits.unicodeScalars.append(d)
                    try tok.advance()
                    if let d2 = tok.nextPlain, RegexSyntaxHelpers.isOctDigit(d2) {
                        digits.unicodeScalars.append(d2)
                        try tok.advance()
                    }
                }
                let v = (UInt32(digits, radix: 8) ?? 0) & 0xff
                literal.unicodeScalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            } else if RegexSyntaxHelpers.isDigit(c) {
                var text = "\\" + String(Character(c))
                var digits = String(Character(c))
                var isOctal = false
                if let d2 = tok.nextPlain, RegexSyntaxHelpers.isDigit(d2) {
                    try tok.advance()
                    text.unicodeScalars.append(d2)
                    digits.unicodeScalars.append(d2)
                    if RegexSyntaxHelpers.isOctDigit(c) && RegexSyntaxHelpers.isOctDigit(d2),
                        let d3 = tok.nextPlain, RegexSyntaxHelpers.isOctDigit(d3)
                    {
                        try tok.advance()
                        text.unicodeScalars.append(d3)
                        digits.unicodeScalars.append(d3)
                        isOctal = true
                        let v = UInt32(digits, radix: 8) ?? 0
                        if v > 0o377 {
                            throw tok.error("octal escape value \(text) outside of range 0-0o377", text.unicodeScalars.count)
                        }
                        literal.unicodeScalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                    }
                }
                if !isOctal {
                    try addGroup(Int(digits) ?? 0, text.unicodeScalars.count - 1)
                }
            } else if c == "b" {
                literal.unicodeScalars.append(Unicode.Scalar(8))
            } else if let v = RegexSyntaxHelpers.simpleEscape(c) {
                literal.unicodeScalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            } else if RegexSyntaxHelpers.isASCIILetter(c) {
                throw tok.error("bad escape \\\(Character(c))", 2)
            } else {
                literal += "\\"
                literal.unicodeScalars.append(c)
            }
        }
    }
    flush()
    return pieces
}

/// Expands `template` for `match` (like `match.expand(template)`); unmatched groups become "".
func expandTemplate(
    _ template: String, match: RegexMatch, text: [Unicode.Scalar],
    regex: CompiledRegex
) throws(RegexError) -> String {
    let pieces = try parseRegexTemplate(template, regex: regex)
    return expandTemplatePieces(pieces, match: match, text: text)
}

/// Expands pre-parsed template pieces (parse once with `parseRegexTemplate` for re.sub loops).
func expandTemplatePieces(_ pieces: [RegexTemplatePiece], match: RegexMatch, text: [Unicode.Scalar]) -> String {
    var out = String.UnicodeScalarView()
    for piece in pieces {
        switch piece {
        case .literal(let s):
            out.append(contentsOf: s.unicodeScalars)
        case .group(let g):
            if g < match.spans.count, let r = match.spans[g] {
                out.append(contentsOf: text[r])
            }
        }
    }
    return String(out)
}
