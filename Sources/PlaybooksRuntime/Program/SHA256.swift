import Crypto

/// SHA-256 of program texts, computed by swift-crypto, with the lowercase hex form the stores keep.
///
/// Used for ``Program/hash``: an execution records the hash of the program it began with, so a resume
/// can tell that the `.pb` file changed underneath it.
///
/// ```swift
/// SHA256.hexDigest(Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
///
/// var hasher = SHA256()
/// hasher.update(Array("ab".utf8))
/// hasher.update(Array("c".utf8))
/// hasher.finalizeHex()  // the same digest
/// ```
struct SHA256: Sendable {
    private var hasher = Crypto.SHA256()

    /// A hasher with nothing fed yet.
    init() {}

    /// The 32-byte digest of `bytes`.
    static func digest(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as 64 lowercase hex digits.
    static func hexDigest(_ bytes: some Sequence<UInt8>) -> String {
        hex(digest(bytes))
    }

    /// The digest of `text`'s UTF-8 bytes as 64 lowercase hex digits.
    static func hexDigest(of text: String) -> String {
        hexDigest(text.utf8)
    }

    /// Feeds `bytes` (contiguous storage is hashed in place; other sequences are copied first).
    mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        if done == nil { hasher.update(data: Array(bytes)) }
    }

    /// The 32-byte digest of everything fed so far.
    func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// The digest of everything fed so far as 64 lowercase hex digits.
    func finalizeHex() -> String {
        SHA256.hex(finalize())
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
