/// Fast conversions between `String` and arrays of Unicode scalars (Python's code points).
enum UnicodeText {
    /// Whether every byte is ASCII, eight bytes at a time.
    static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            let raw = UnsafeRawPointer(base)
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < n {
                if bytes[i] >= 0x80 { return false }
                i += 1
            }
            return true
        }
    }

    /// The number of code points (Python's `len`): UTF-8 bytes that are not continuation bytes.
    static func count(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base)
            var continuation = 0
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // A continuation byte is 10xxxxxx: high bit set and next bit clear.
                continuation += (w & ~(w << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                i += 8
            }
            while i < n {
                if bytes[i] & 0xC0 == 0x80 { continuation += 1 }
                i += 1
            }
            return n - continuation
        }
    }

    /// The code points of `s`.
    static func scalars(_ s: String) -> [Unicode.Scalar] {
        var s = s
        return s.withUTF8 { bytes in
            [Unicode.Scalar](unsafeUninitializedCapacity: bytes.count) { buffer, count in
                var i = 0
                var n = 0
                while i < bytes.count {
                    if bytes[i] < 0x80 {
                        // ASCII, most text: no decoding, and no validity check to make.
                        buffer[n] = Unicode.Scalar(bytes[i])
                        n += 1
                        i += 1
                        continue
                    }
                    let b0 = UInt32(bytes[i])
                    var v: UInt32
                    var len: Int
                    if b0 < 0x80 {
                        v = b0
                        len = 1
                    } else if b0 < 0xE0 {
                        v = b0 & 0x1F
                        len = 2
                    } else if b0 < 0xF0 {
                        v = b0 & 0x0F
                        len = 3
                    } else {
                        v = b0 & 0x07
                        len = 4
                    }
                    var j = 1
                    while j < len && i + j < bytes.count {
                        v = (v << 6) | (UInt32(bytes[i + j]) & 0x3F)
                        j += 1
                    }
                    buffer[n] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    n += 1
                    i += len
                }
                count = n
            }
        }
    }

    /// A string made of `scalars`, encoded straight into the string's storage.
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        var size = 0
        for u in scalars { size += UTF8.width(u) }
        if size == 0 { return "" }
        return String(unsafeUninitializedCapacity: size) { buffer in
            var i = 0
            for u in scalars {
                let v = u.value
                if v < 0x80 {
                    buffer[i] = UInt8(v)
                    i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(0xC0 | (v >> 6))
                    buffer[i + 1] = UInt8(0x80 | (v & 0x3F))
                    i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(0xE0 | (v >> 12))
                    buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (v & 0x3F))
                    i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | (v >> 18))
                    buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 3] = UInt8(0x80 | (v & 0x3F))
                    i += 4
                }
            }
            return i
        }
    }
}
