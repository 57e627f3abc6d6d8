import BigInt

extension PyFormat {
    /// Strips whitespace and maps Unicode decimal digits to ASCII, as CPython
    /// does before parsing numbers. Returns nil if any other non-ASCII scalar
    /// remains.
    static func asciiNumberText(_ s: String) -> [UInt8]? {
        var scalars = Substring(s).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var out: [UInt8] = []
        out.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                out.append(UInt8(scalar.value))
            } else if scalar.properties.numericType == .decimal,
                let v = scalar.properties.numericValue, v >= 0, v <= 9
            {
                out.append(48 + UInt8(v))
            } else if scalar.properties.isWhitespace {
                out.append(32)
            } else {
                return nil
            }
        }
        return out
    }

    @inline(__always)
    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// Python's `float(str)`; nil when the text is not a valid float literal.
    static func parseFloat(_ s: String) -> Double? {
        guard let raw = asciiNumberText(s), !raw.isEmpty else { return nil }
        // Underscores are allowed only between two digits.
        var text: [UInt8] = []
        text.reserveCapacity(raw.count)
        for (i, b) in raw.enumerated() {
            if b == 95 {
                guard i > 0, i + 1 < raw.count, isDigit(raw[i - 1]), isDigit(raw[i + 1]) else { return nil }
                continue
            }
            text.append(b)
        }
        var pos = 0
        var negative = false
        if pos < text.count && (text[pos] == 43 || text[pos] == 45) {
            negative = text[pos] == 45
            pos += 1
        }
        let word = String(decoding: text[pos...], as: UTF8.self).lowercased()
        if word == "inf" || word == "infinity" { return negative ? -.infinity : .infinity }
        if word == "nan" { return .nan }

        var mantissaDigits = 0
        while pos < text.count && isDigit(text[pos]) { pos += 1; mantissaDigits += 1 }
        if pos < text.count && text[pos] == 46 {
            pos += 1
            while pos < text.count && isDigit(text[pos]) { pos += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return nil }
        if pos < text.count && (text[pos] == 101 || text[pos] == 69) {
            pos += 1
            if pos < text.count && (text[pos] == 43 || text[pos] == 45) { pos += 1 }
            var expDigits = 0
            while pos < text.count && isDigit(text[pos]) { pos += 1; expDigits += 1 }
            guard expDigits > 0 else { return nil }
        }
        guard pos == text.count else { return nil }
        return Double(String(decoding: text, as: UTF8.self))
    }

    /// Python's `int(str, base)`; nil when the text is invalid for the base
    /// or the base is not 0 or 2...36.
    static func parseInt(_ s: String, base: Int) -> BigInt? {
        guard base == 0 || (base >= 2 && base <= 36) else { return nil }
        guard let text = asciiNumberText(s), !text.isEmpty else { return nil }
        var pos = 0
        var negative = false
        if text[pos] == 43 || text[pos] == 45 {
            negative = text[pos] == 45
            pos += 1
        }
        var radix = base
        var zerosOnly = false
        func lower(_ i: Int) -> UInt8 { i < text.count ? text[i] | 0x20 : 0 }
        if radix == 0 {
            if pos >= text.count || text[pos] != 48 {
                radix = 10
            } else if lower(pos + 1) == UInt8(ascii: "x") {
                radix = 16
            } else if lower(pos + 1) == UInt8(ascii: "o") {
                radix = 8
            } else if lower(pos + 1) == UInt8(ascii: "b") {
                radix = 2
            } else {
                zerosOnly = true
                radix = 10
            }
        }
        if pos < text.count && text[pos] == 48 {
            let p = lower(pos + 1)
            if (radix == 16 && p == UInt8(ascii: "x")) || (radix == 8 && p == UInt8(ascii: "o"))
                || (radix == 2 && p == UInt8(ascii: "b"))
            {
                pos += 2
                if pos < text.count && text[pos] == 95 { pos += 1 }
            }
        }
        guard pos < text.count, text[pos] != 95 else { return nil }

        var values: [UInt8] = []
        values.reserveCapacity(text.count - pos)
        var previousUnderscore = false
        while pos < text.count {
            let b = text[pos]
            pos += 1
            if b == 95 {
                if previousUnderscore { return nil }
                previousUnderscore = true
                continue
            }
            previousUnderscore = false
            let v: UInt8
            switch b {
            case 48...57: v = b - 48
            case 97...122: v = b - 87
            case 65...90: v = b - 55
            default: return nil
            }
            guard Int(v) < radix else { return nil }
            values.append(v)
        }
        if previousUnderscore || values.isEmpty { return nil }
        if zerosOnly && values.contains(where: { $0 != 0 }) { return nil }

        // Accumulate chunks that fit in a UInt64, then fold into a BigUInt.
        var chunkSize = 0
        var chunkScale: UInt64 = 1
        while true {
            let (next, overflow) = chunkScale.multipliedReportingOverflow(by: UInt64(radix))
            if overflow { break }
            chunkScale = next
            chunkSize += 1
        }
        var magnitude = BigUInt(0)
        var index = 0
        let firstChunk = values.count % chunkSize == 0 ? chunkSize : values.count % chunkSize
        var take = firstChunk
        while index < values.count {
            var chunk: UInt64 = 0
            var scale: UInt64 = 1
            for _ in 0..<take {
                chunk = chunk * UInt64(radix) + UInt64(values[index])
                scale = scale &* UInt64(radix)
                index += 1
            }
            if take == chunkSize {
                magnitude = magnitude * BigUInt(chunkScale) + BigUInt(chunk)
            } else {
                magnitude = magnitude * BigUInt(scale) + BigUInt(chunk)
            }
            take = chunkSize
        }
        let result = BigInt(sign: .plus, magnitude: magnitude)
        return negative ? -result : result
    }
}
