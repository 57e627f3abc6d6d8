extension VirtualMachine {
    /// `str.format(*args, **kwargs)`.
    func strFormat(_ template: String, _ args: [Value], _ kwargs: [(String, Value)]) throws(PyException) -> String {
        let chars = UnicodeText.scalars(template)
        var out = String.UnicodeScalarView()
        var autoIndex = 0
        var usedManual = false
        var usedAuto = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "{" {
                if i + 1 < chars.count && chars[i + 1] == "{" {
                    out.append("{")
                    i += 2
                    continue
                }
                // Find the matching close brace (spec may nest one level).
                var depth = 1
                var j = i + 1
                while j < chars.count && depth > 0 {
                    if chars[j] == "{" { depth += 1 }
                    if chars[j] == "}" { depth -= 1 }
                    if depth > 0 { j += 1 }
                }
                guard j < chars.count else { throw PyException.valueError("Single '{' encountered in format string") }
                let field = String(String.UnicodeScalarView(chars[(i + 1)..<j]))
                var fieldName = field
                var conversion: Character? = nil
                var spec = ""
                if let colon = topLevelIndex(of: ":", in: field) {
                    spec = String(field[field.index(after: colon)...])
                    fieldName = String(field[..<colon])
                }
                if let bang = fieldName.firstIndex(of: "!") {
                    let conv = fieldName[fieldName.index(after: bang)...]
                    guard conv.count == 1, let ch = conv.first, "rsa".contains(ch) else {
                        throw PyException.valueError("Unknown conversion specifier \(conv)")
                    }
                    conversion = ch
                    fieldName = String(fieldName[..<bang])
                }
                // The first part of the name is an index or keyword; then .attr and [key] parts.
                var headEnd = fieldName.endIndex
                if let k = fieldName.firstIndex(where: { $0 == "." || $0 == "[" }) { headEnd = k }
                let head = String(fieldName[..<headEnd])
                var value: Value
                if head.isEmpty {
                    if usedManual {
                        throw PyException.valueError("cannot switch from manual field specification to automatic field numbering")
                    }
                    usedAuto = true
                    guard autoIndex < args.count else {
                        throw PyException.indexError("Replacement index \(autoIndex) out of range for positional args tuple")
                    }
                    value = args[autoIndex]
                    autoIndex += 1
                } else if let n = Int(head) {
                    if usedAuto {
                        throw PyException.valueError("cannot switch from automatic field numbering to manual field specification")
                    }
                    usedManual = true
                    guard n < args.count else {
                        throw PyException.indexError("Replacement index \(n) out of range for positional args tuple")
                    }
                    value = args[n]
                } else {
                    guard let v = kwargs.first(where: { $0.0 == head })?.1 else { throw PyException.keyError(.str(head)) }
                    value = v
                }
                var rest = Substring(fieldName[headEnd...])
                while !rest.isEmpty {
                    if rest.first == "." {
                        rest = rest.dropFirst()
                        let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                        value = try getAttribute(value, String(rest[..<end]))
                        rest = rest[end...]
                    } else if rest.first == "[" {
                        guard let close = rest.firstIndex(of: "]") else { throw PyException.valueError("Missing ']' in format string") }
                        let key = String(rest[rest.index(after: rest.startIndex)..<close])
                        value = try getItem(value, Int(key).map { .int($0) } ?? .str(key))
                        rest = rest[rest.index(after: close)...]
                    } else {
                        throw PyException.valueError("Only '.' or '[' may follow ']' in format field specifier")
                    }
                }
                switch conversion {
                case "r": value = .str(try repr(value))
                case "s": value = .str(try str(value))
                case "a": value = .str(asciiEscaped(try repr(value)))
                default: break
                }
                if spec.contains("{") {
                    spec = try strFormatNested(spec, args, kwargs, &autoIndex)
                }
                out.append(contentsOf: try format(value, spec).unicodeScalars)
                i = j + 1
            } else if c == "}" {
                if i + 1 < chars.count && chars[i + 1] == "}" {
                    out.append("}")
                    i += 2
                    continue
                }
                throw PyException.valueError("Single '}' encountered in format string")
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }

    private func strFormatNested(
        _ spec: String, _ args: [Value], _ kwargs: [(String, Value)], _ autoIndex: inout Int
    ) throws(PyException) -> String {
        var out = ""
        var rest = Substring(spec)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            let v: Value
            if name.isEmpty {
                guard autoIndex < args.count else {
                    throw PyException.indexError("Replacement index \(autoIndex) out of range for positional args tuple")
                }
                v = args[autoIndex]
                autoIndex += 1
            } else if let n = Int(name), n < args.count {
                v = args[n]
            } else if let kv = kwargs.first(where: { $0.0 == name }) {
                v = kv.1
            } else {
                throw PyException.keyError(.str(name))
            }
            out += try str(v)
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    private func topLevelIndex(of ch: Character, in s: String) -> String.Index? {
        var depth = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "[" { depth += 1 }
            if c == "]" { depth -= 1 }
            if c == ch && depth == 0 { return i }
            i = s.index(after: i)
        }
        return nil
    }

    /// `template % values` (printf-style formatting).
    func percentFormat(_ template: String, _ values: Value) throws(PyException) -> String {
        var args: [Value]
        var mapping: DictObject? = nil
        switch values {
        case .tuple(let t): args = t.array
        case .dict(let d):
            mapping = d
            args = [values]
        default: args = [values]
        }
        let chars = UnicodeText.scalars(template)
        var out = ""
        var argIndex = 0
        var i = 0
        func nextArg() throws(PyException) -> Value {
            guard argIndex < args.count else { throw PyException.typeError("not enough arguments for format string") }
            argIndex += 1
            return args[argIndex - 1]
        }
        while i < chars.count {
            let c = chars[i]
            if c != "%" {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < chars.count else { throw PyException.valueError("incomplete format") }
            var value: Value? = nil
            if chars[i] == "(" {
                guard let close = chars[i...].firstIndex(of: ")") else { throw PyException.valueError("incomplete format key") }
                let key = String(String.UnicodeScalarView(chars[(i + 1)..<close]))
                guard let m = mapping else { throw PyException.typeError("format requires a mapping") }
                guard let v = m.get(key) else { throw PyException.keyError(.str(key)) }
                value = v
                i = close + 1
            }
            var flags = ""
            while i < chars.count, "-+ #0".unicodeScalars.contains(chars[i]) {
                flags.unicodeScalars.append(chars[i])
                i += 1
            }
            var width = ""
            if i < chars.count, chars[i] == "*" {
                width = String(try integerArgument(try nextArg()))
                i += 1
            }
            while i < chars.count, chars[i].properties.numericType == .decimal, chars[i].value < 0x80 {
                width.unicodeScalars.append(chars[i])
                i += 1
            }
            var precision: String? = nil
            if i < chars.count, chars[i] == "." {
                i += 1
                var p = ""
                while i < chars.count, chars[i].value >= 0x30, chars[i].value <= 0x39 {
                    p.unicodeScalars.append(chars[i])
                    i += 1
                }
                precision = p.isEmpty ? "0" : p
            }
            guard i < chars.count else { throw PyException.valueError("incomplete format") }
            let type = chars[i]
            i += 1
            if type == "%" {
                out += "%"
                continue
            }
            let v: Value
            if let value { v = value } else { v = try nextArg() }
            var align = ""
            var sign = ""
            var fill = ""
            if flags.contains("-") {
                align = "<"
            } else if "srac".unicodeScalars.contains(type) {
                align = ">"
            } else if flags.contains("0") {
                fill = "0"
            }
            if flags.contains("+") { sign = "+" } else if flags.contains(" ") { sign = " " }
            let alt = flags.contains("#") ? "#" : ""
            let prec = precision.map { "." + $0 } ?? ""
            var piece: String
            switch type {
            case "s":
                piece = try str(v)
                if let p = precision, let n = Int(p) { piece = String(String.UnicodeScalarView(piece.unicodeScalars.prefix(n))) }
                piece = try format(.str(piece), align + width)
            case "r", "a":
                piece = try repr(v)
                if type == "a" { piece = asciiEscaped(piece) }
                if let p = precision, let n = Int(p) { piece = String(String.UnicodeScalarView(piece.unicodeScalars.prefix(n))) }
                piece = try format(.str(piece), align + width)
            case "d", "i", "u":
                var n = v
                if case .float = v { n = try toInt(v) }
                guard Arithmetic.isInt(n) else {
                    throw PyException.typeError("%\(type) format: a real number is required, not \(v.typeName)")
                }
                piece = try format(n, align + sign + fill + width + "d")
            case "x", "X", "o":
                guard Arithmetic.isInt(v) else {
                    throw PyException.typeError("%\(type) format: an integer is required, not \(v.typeName)")
                }
                piece = try format(v, align + sign + alt + fill + width + String(type))
            case "f", "F", "e", "E", "g", "G":
                guard let d = try Arithmetic.toDouble(v) else {
                    throw PyException.typeError("must be real number, not \(v.typeName)")
                }
                piece = try format(.float(d), align + sign + alt + fill + width + (prec.isEmpty ? ".6" : prec) + String(type))
            case "c":
                if case .int(let code) = v, let u = Unicode.Scalar(UInt32(max(0, code))) {
                    piece = try format(.str(String(u)), align + width)
                } else {
                    piece = try format(.str(try str(v)), align + width)
                }
            default:
                throw PyException.valueError(
                    "unsupported format character '\(type)' (0x\(String(type.value, radix: 16))) at index \(i - 1)")
            }
            out += piece
        }
        if mapping == nil && argIndex < args.count {
            throw PyException.typeError("not all arguments converted during string formatting")
        }
        return out
    }
}
