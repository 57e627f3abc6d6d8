import PlaybooksChecksum
@testable import PlaybooksLanguage

/// libFuzzer target `snapshot`: the input is a snapshot *payload*; it is sealed with a correct
/// header, length and CRC-32 (so that the fuzzer explores the decoder rather than the checksum),
/// decoded, and whatever decodes is run under tight limits. Also decodes the input as a whole
/// snapshot, unsealed. Must never crash: damage is a ``SnapshotError``.
@_cdecl("LLVMFuzzerTestOneInput")
public func snapshotTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = Array(UnsafeBufferPointer(start: data, count: size))
    var sealed = SnapshotFormat.magic
    sealed.append(UInt8(SnapshotFormat.version & 0xFF))
    sealed.append(UInt8(SnapshotFormat.version >> 8))
    for i in 0..<8 { sealed.append(UInt8(truncatingIfNeeded: UInt64(payload.count) >> (8 * UInt64(i)))) }
    sealed.append(contentsOf: payload)
    let crc = CRC32.checksum(sealed)
    for i in 0..<4 { sealed.append(UInt8(truncatingIfNeeded: crc >> (8 * UInt32(i)))) }
    for bytes in [sealed, payload] {
        if let vm = try? VirtualMachine(snapshot: bytes, limits: FuzzDriver.limits) {
            FuzzDriver.exercise(vm)
        }
    }
    return 0
}
