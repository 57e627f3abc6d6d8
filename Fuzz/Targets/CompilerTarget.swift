@testable import PlaybooksLanguage

/// libFuzzer target `compiler`: the input (as UTF-8, invalid bytes replaced) is parsed and
/// compiled as a module; what compiles is run under tight limits with host functions answered,
/// then snapshotted and restored once. Must never crash: bad programs are a `SyntaxError` or a
/// Python exception.
@_cdecl("LLVMFuzzerTestOneInput")
public func compilerTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let vm = VirtualMachine(limits: FuzzDriver.limits)
    for name in ["fetch", "tick"] { vm.registerHostFunction(name) }
    guard (try? vm.load(source: source, filename: "fuzz.py")) != nil else { return 0 }
    vm.output = { _ in }
    if case .suspended = vm.run(), let copy = try? VirtualMachine(snapshot: vm.encodeSnapshot(), limits: FuzzDriver.limits) {
        FuzzDriver.exercise(copy)
    }
    return 0
}
