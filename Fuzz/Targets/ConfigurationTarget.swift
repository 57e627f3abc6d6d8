import PlaybooksRuntime

/// libFuzzer target `config`: a `playbooks.toml` document, as untrusted bytes, through
/// `RunConfiguration(parsingTOML:)` (TOML syntax, then every key and type of `[durability]`,
/// `[limits]` and `[llm]` checked). Bad documents are a `ConfigurationError`; what is accepted
/// holds values the runtime can use (limits in range, a store location), and nothing traps.
@_cdecl("LLVMFuzzerTestOneInput")
public func configurationTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let configuration = try? RunConfiguration(parsingTOML: text, baseDirectory: "/fuzz") else { return 0 }
    precondition(configuration.durability.snapshotEvery >= 1, "snapshot_every below 1 accepted")
    precondition(configuration.durability.keepLastN >= 0, "keep_last_n below 0 accepted")
    precondition(configuration.limits.recursionLimit >= 1, "recursion_limit below 1 accepted")
    _ = configuration.limits.vmLimits
    _ = configuration.resolvingPaths(against: "/elsewhere")
    return 0
}
