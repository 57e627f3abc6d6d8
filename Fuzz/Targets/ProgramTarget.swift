import PlaybooksRuntime

/// libFuzzer target `program`: a `.pb` file's text, as untrusted bytes, through the public entry
/// point of the program parser, `Program(parsing:path:)` (agents, Python blocks, Markdown
/// playbooks, steps, triggers). Bad text is a `ProgramError`; parsing never traps and gives the
/// same result twice.
@_cdecl("LLVMFuzzerTestOneInput")
public func programTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let first = Result { () throws(ProgramError) in try Program(parsing: text, path: "fuzz.pb") }
    let second = Result { () throws(ProgramError) in try Program(parsing: text, path: "fuzz.pb") }
    switch (first, second) {
    case (.success(let a), .success(let b)):
        precondition(a.agents.map(\.name) == b.agents.map(\.name) && a.hash == b.hash, "parsing the same text twice differs")
    case (.failure(let a), .failure(let b)):
        precondition("\(a)" == "\(b)", "parsing the same text twice fails differently")
    default:
        preconditionFailure("parsing the same text twice succeeds once")
    }
    return 0
}
