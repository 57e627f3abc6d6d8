// Single-character matchers: literals, `.`, character classes and the \d \w \s categories.

/// Unicode character predicates with Python `re` semantics.
enum RegexUnicode {
    @inline(__always)
    static func lower(_ c: UInt32) -> UInt32 {
        if c < 128 { return (c >= 65 && c <= 90) ? c + 32 : c }
        return simpleMapping(c, upper: false)
    }

    @inline(__always)
    static func upper(_ c: UInt32) -> UInt32 {
        if c < 128 { return (c >= 97 && c <= 122) ? c - 32 : c }
        return simpleMapping(c, upper: true)
    }

    /// Case mapping restricted to ASCII letters (IGNORECASE together with ASCII).
    @inline(__always)
    static func asciiLower(_ c: UInt32) -> UInt32 { (c >= 65 && c <= 90) ? c + 32 : c }
    @inline(__always)
    static func asciiUpper(_ c: UInt32) -> UInt32 { (c >= 97 && c <= 122) ? c - 32 : c }

    private static func simpleMapping(_ c: UInt32, upper: Bool) -> UInt32 {
        guard let scalar = Unicode.Scalar(c) else { return c }
        let props = scalar.properties
        if upper ? !props.changesWhenUppercased : !props.changesWhenLowercased { return c }
        let mapped = upper ? props.uppercaseMapping : props.lowercaseMapping
        let scalars = mapped.unicodeScalars
        if scalars.count == 1, let first = scalars.first { return first.value }
        return c
    }

    static func isDigit(_ c: UInt32, ascii: Bool) -> Bool {
        if c < 128 { return c >= 48 && c <= 57 }
        if ascii { return false }
        guard let scalar = Unicode.Scalar(c) else { return false }
        return scalar.properties.generalCategory == .decimalNumber
    }

    static func isWord(_ c: UInt32, ascii: Bool) -> Bool {
        if c < 128 {
            return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
        }
        if ascii { return false }
        guard let scalar = Unicode.Scalar(c) else { return false }
        let props = scalar.properties
        switch props.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return props.numericType != nil
        }
    }

    static func isSpace(_ c: UInt32, ascii: Bool) -> Bool {
        if c < 128 {
            if (c >= 9 && c <= 13) || c == 32 { return true }
            return !ascii && c >= 0x1c && c <= 0x1f
        }
        if ascii { return false }
        switch c {
        case 0x85, 0xa0, 0x1680, 0x2000...0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000: return true
        default: return false
        }
    }
}

enum RegexCategory: Sendable, Hashable {
    case digit, notDigit, word, notWord, space, notSpace

    func contains(_ c: UInt32, ascii: Bool) -> Bool {
        switch self {
        case .digit: return RegexUnicode.isDigit(c, ascii: ascii)
        case .notDigit: return !RegexUnicode.isDigit(c, ascii: ascii)
        case .word: return RegexUnicode.isWord(c, ascii: ascii)
        case .notWord: return !RegexUnicode.isWord(c, ascii: ascii)
        case .space: return RegexUnicode.isSpace(c, ascii: ascii)
        case .notSpace: return !RegexUnicode.isSpace(c, ascii: ascii)
        }
    }
}

enum RegexSetItem: Sendable, Hashable {
    case char(UInt32)
    case range(UInt32, UInt32)
    case category(RegexCategory)
}

/// A bracketed character class (or a category escape used on its own).
final class RegexCharSet: Sendable {
    let items: [RegexSetItem]
    let negated: Bool
    let ignoreCase: Bool
    let ascii: Bool
    private let low: UInt64  // membership of scalars 0..<64 (negation and case folding applied)
    private let high: UInt64  // membership of scalars 64..<128

    init(items: [RegexSetItem], negated: Bool, ignoreCase: Bool, ascii: Bool) {
        self.items = items
        self.negated = negated
        self.ignoreCase = ignoreCase
        self.ascii = ascii
        var lowBits: UInt64 = 0
        var highBits: UInt64 = 0
        for c in UInt32(0)..<128 {
            var hit = Self.slowContains(c, items: items, ignoreCase: ignoreCase, ascii: ascii)
            if !hit && ignoreCase && !ascii {
                // Non-ASCII literals whose lowercase is ASCII (e.g. KELVIN SIGN -> k).
                let lc = RegexUnicode.lower(RegexUnicode.upper(c))
                for case .char(let x) in items where x >= 128 && RegexUnicode.lower(RegexUnicode.upper(x)) == lc {
                    hit = true
                    break
                }
            }
            if hit != negated {
                if c < 64 { lowBits |= 1 << UInt64(c) } else { highBits |= 1 << UInt64(c - 64) }
            }
        }
        self.low = lowBits
        self.high = highBits
    }

    private static func rawContains(_ c: UInt32, items: [RegexSetItem], ascii: Bool) -> Bool {
        for item in items {
            switch item {
            case .char(let x): if x == c { return true }
            case .range(let lo, let hi): if c >= lo && c <= hi { return true }
            case .category(let cat): if cat.contains(c, ascii: ascii) { return true }
            }
        }
        return false
    }

    private static func slowContains(_ c: UInt32, items: [RegexSetItem], ignoreCase: Bool, ascii: Bool) -> Bool {
        if rawContains(c, items: items, ascii: ascii) { return true }
        guard ignoreCase else { return false }
        let lc = ascii ? RegexUnicode.asciiLower(c) : RegexUnicode.lower(c)
        if lc != c && rawContains(lc, items: items, ascii: ascii) { return true }
        let uc = ascii ? RegexUnicode.asciiUpper(c) : RegexUnicode.upper(c)
        if uc != c && rawContains(uc, items: items, ascii: ascii) { return true }
        if !ascii {
            // Characters such as U+017F LONG S or U+03C2 FINAL SIGMA fold through their uppercase.
            let folded = RegexUnicode.lower(uc)
            if folded != c && folded != lc && rawContains(folded, items: items, ascii: ascii) { return true }
        }
        return false
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        if c < 64 { return (low >> UInt64(c)) & 1 != 0 }
        if c < 128 { return (high >> UInt64(c - 64)) & 1 != 0 }
        return Self.slowContains(c, items: items, ignoreCase: ignoreCase, ascii: ascii) != negated
    }
}

/// Something that consumes exactly one scalar.
enum RegexCharMatcher: Sendable {
    case literal(UInt32)
    /// Case-insensitive literal: stores the pattern character's lower and upper forms.
    case literalIgnoreCase(lower: UInt32, upper: UInt32, ascii: Bool)
    case anyExceptNewline
    case anyScalar
    case set(RegexCharSet)

    static func makeLiteral(_ c: UInt32, ignoreCase: Bool, ascii: Bool) -> RegexCharMatcher {
        guard ignoreCase else { return .literal(c) }
        let lo = ascii ? RegexUnicode.asciiLower(c) : RegexUnicode.lower(c)
        let up = ascii ? RegexUnicode.asciiUpper(c) : RegexUnicode.upper(c)
        if lo == c && up == c && (ascii || c < 128) { return .literal(c) }
        return .literalIgnoreCase(lower: lo, upper: up, ascii: ascii)
    }

    @inline(__always)
    func matches(_ c: UInt32) -> Bool {
        switch self {
        case .literal(let x):
            return c == x
        case .literalIgnoreCase(let lo, let up, let ascii):
            if ascii { return RegexUnicode.asciiLower(c) == lo }
            return RegexUnicode.lower(c) == lo || RegexUnicode.upper(c) == up
        case .anyExceptNewline:
            return c != 10
        case .anyScalar:
            return true
        case .set(let s):
            return s.contains(c)
        }
    }
}
