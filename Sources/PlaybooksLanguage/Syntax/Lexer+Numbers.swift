import BigInt

extension Lexer {
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    @inline(__always) static func isHexDigit(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
    }

    /// Scans a numeric literal at `pos` with CPython's rules and error messages.
    mutating func scanNumber() throws(SyntaxError) -> NumberLiteral {
        let start = pos
        var c = bytes[pos]
        if c == UInt8(ascii: "0") {
            let x = byte(pos + 1) | 0x20
            if x == UInt8(ascii: "x") {
                pos += 2
                return try scanRadixInteger(start: start, radix: 16, kind: "hexadecimal")
            }
            if x == UInt8(ascii: "o") {
                pos += 2
                return try scanRadixInteger(start: start, radix: 8, kind: "octal")
            }
            if x == UInt8(ascii: "b") {
                pos += 2
                return try scanRadixInteger(start: start, radix: 2, kind: "binary")
            }
            // Zeros, possibly with underscores; a nonzero digit after them is an error unless
            // the literal turns out to be a float.
            pos += 1
            while true {
                c = byte(pos)
                if c == UInt8(ascii: "_") {
                    pos += 1
                    if !Lexer.isDigit(byte(pos)) { throw error("invalid decimal literal") }
                    continue
                }
                if c != UInt8(ascii: "0") { break }
                pos += 1
            }
            var nonzero = false
            if Lexer.isDigit(byte(pos)) {
                nonzero = true
                try scanDecimalTail()
            }
            if let float = try scanFloatAfterDigits(start: start) { return float }
            if nonzero {
                throw error(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    at: start)
            }
            try verifyEndOfNumber(kind: "decimal")
            return .int(0)
        }
        if c == UInt8(ascii: ".") {
            pos += 1
            return try scanFraction(start: start)
        }
        try scanDecimalTail()
        if let float = try scanFloatAfterDigits(start: start) { return float }
        try verifyEndOfNumber(kind: "decimal")
        return integerValue(start: start, radix: 10)
    }

    /// After the integer digits of a decimal literal: the float it continues into (a `.` or an exponent follows),
    /// `nil` when it is an integer, or the error for an imaginary `j` suffix.
    mutating func scanFloatAfterDigits(start: Int) throws(SyntaxError) -> NumberLiteral? {
        let c = byte(pos)
        if c == UInt8(ascii: ".") {
            pos += 1
            return try scanFraction(start: start)
        }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            return try scanExponent(start: start)
        }
        if c == UInt8(ascii: "j") || c == UInt8(ascii: "J") {
            throw error("imaginary numbers are not supported", at: start)
        }
        return nil
    }

    /// Digits with single underscores between them.
    mutating func scanDecimalTail() throws(SyntaxError) {
        while true {
            while Lexer.isDigit(byte(pos)) { pos += 1 }
            if byte(pos) != UInt8(ascii: "_") { return }
            pos += 1
            if !Lexer.isDigit(byte(pos)) { throw error("invalid decimal literal", at: pos - 1) }
        }
    }

    /// After the `.` of a float: optional digits, then an optional exponent.
    mutating func scanFraction(start: Int) throws(SyntaxError) -> NumberLiteral {
        if Lexer.isDigit(byte(pos)) { try scanDecimalTail() }
        let c = byte(pos)
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            return try scanExponent(start: start)
        }
        if c == UInt8(ascii: "j") || c == UInt8(ascii: "J") {
            throw error("imaginary numbers are not supported", at: start)
        }
        try verifyEndOfNumber(kind: "decimal")
        return floatValue(start: start)
    }

    /// At an `e`/`E` after a number.
    mutating func scanExponent(start: Int) throws(SyntaxError) -> NumberLiteral {
        let e = pos
        pos += 1
        var c = byte(pos)
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            pos += 1
            if !Lexer.isDigit(byte(pos)) { throw error("invalid decimal literal", at: start) }
        } else if !Lexer.isDigit(c) {
            // `1else`: the number ends before the `e`.
            pos = e
            try verifyEndOfNumber(kind: "decimal")
            let text = digits(start: start, end: e)
            if text.contains(".") { return floatValue(start: start) }
            return integerValue(start: start, radix: 10)
        }
        try scanDecimalTail()
        c = byte(pos)
        if c == UInt8(ascii: "j") || c == UInt8(ascii: "J") {
            throw error("imaginary numbers are not supported", at: start)
        }
        try verifyEndOfNumber(kind: "decimal")
        return floatValue(start: start)
    }

    /// `0x`, `0o` or `0b` literals; `pos` is just after the prefix.
    mutating func scanRadixInteger(start: Int, radix: Int, kind: String) throws(SyntaxError) -> NumberLiteral {
        func isRadixDigit(_ c: UInt8) -> Bool {
            switch radix {
            case 16: return Lexer.isHexDigit(c)
            case 8: return c >= 48 && c <= 55
            default: return c == 48 || c == 49
            }
        }
        repeat {
            if byte(pos) == UInt8(ascii: "_") { pos += 1 }
            let c = byte(pos)
            if !isRadixDigit(c) {
                if radix != 16 && Lexer.isDigit(c) {
                    throw error("invalid digit '\(Character(Unicode.Scalar(c)))' in \(kind) literal")
                }
                throw error("invalid \(kind) literal", at: max(start, pos - 1))
            }
            while isRadixDigit(byte(pos)) { pos += 1 }
        } while byte(pos) == UInt8(ascii: "_")
        if radix != 16 && Lexer.isDigit(byte(pos)) {
            throw error("invalid digit '\(Character(Unicode.Scalar(byte(pos))))' in \(kind) literal")
        }
        try verifyEndOfNumber(kind: kind)
        return integerValue(start: start + 2, radix: radix)
    }

    /// A number directly followed by an identifier is an error, except before the keywords that
    /// can legally follow a number (`1if x else y`).
    mutating func verifyEndOfNumber(kind: String) throws(SyntaxError) {
        let c = byte(pos)
        guard isIdentifierStart(c) || Lexer.isDigit(c) else { return }
        func follows(_ word: String) -> Bool {
            var i = pos
            for w in word.utf8 {
                if byte(i) != w { return false }
                i += 1
            }
            return true
        }
        for word in ["and", "else", "for", "if", "in", "is", "not", "or"] where follows(word) {
            return
        }
        throw error("invalid \(kind) literal", at: pos)
    }

    func digits(start: Int, end: Int) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(end - start)
        for c in bytes[start..<end] where c != UInt8(ascii: "_") { text.append(c) }
        return String(decoding: text, as: UTF8.self)
    }

    func integerValue(start: Int, radix: Int) -> NumberLiteral {
        let text = digits(start: start, end: pos)
        if let value = Int(text, radix: radix) { return .int(value) }
        if let value = BigInt(text, radix: radix) { return .bigInt(value) }
        return .int(0)
    }

    func floatValue(start: Int) -> NumberLiteral {
        .float(Double(digits(start: start, end: pos)) ?? 0)
    }
}
