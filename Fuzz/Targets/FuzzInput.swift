/// Reads a fuzz input as a stream of small decisions and byte strings, so that one input can
/// describe a structured case (a journal of frames, a row of typed columns) that is then sealed
/// with correct checksums, and the decoders' paths behind the checksum are reached.
struct FuzzInput {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Whether every byte was read.
    var isEmpty: Bool { offset >= bytes.count }

    /// The next byte, or 0 past the end.
    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next eight bytes as a little-endian integer (missing bytes are 0).
    mutating func uint64() -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { value |= UInt64(byte()) << UInt64(shift) }
        return value
    }

    /// A byte string of a length from the next byte (at most `limit`), cut short at the end.
    mutating func chunk(limit: Int = 255) -> [UInt8] {
        let count = min(Int(byte()), limit, bytes.count - offset)
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Everything not read yet.
    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return offset < bytes.count ? Array(bytes[offset...]) : []
    }
}
