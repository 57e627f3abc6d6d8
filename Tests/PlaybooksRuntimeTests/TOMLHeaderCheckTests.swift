import Testing

@testable import PlaybooksRuntime

/// Table headers that toml++ (under TOMLKit) asserts on: found by the `config` fuzz target, where `[/durability]`
/// aborted the process (a debug build's `assert`; undefined behaviour in a release build). They must be
/// configuration errors with a line.
struct TOMLHeaderCheckTests {
    @Test(arguments: [
        ("[/durability]\n", 1),
        ("[durability]\nenabled = true\n[.limits]\n", 3),
        ("# a comment\n[[#x]]\n", 2),
        ("[\n", 1),
        ("x = 1\n  [ /y ]\n", 2),
        ("[\u{00E9}]\n", 1),
        ("\u{FEFF}[\u{05FB}]\n", 1),
    ])
    func headerKeysTomlCannotParseAreConfigurationErrors(toml: String, line: Int) {
        #expect(TOMLHeaderCheck.firstUnparsableHeaderLine(in: toml) == line)
        let error = #expect(throws: ConfigurationError.self) { try RunConfiguration(parsingTOML: toml) }
        #expect(error?.line == line)
        #expect(error?.key == nil)
        #expect(error?.description.hasPrefix("playbooks.toml:\(line): invalid TOML: a table header") == true)
    }

    @Test(arguments: [
        "[durability]\n",
        "[ durability ]\n",
        "[\"durability\"]\n",
        "['durability']\n",
        "[[x]]\n",
        "[]\n",
        "a = [\n  [/x],\n]\n",
        "a = \"\"\"\n[/x]\n\"\"\"\n",
        "a = '''\n[/x]\n'''\n",
        "a = \"[/x]\"\n",
        "# [/x]\n",
        "a = \"\\\"\" # [/x]\n",
        "a = \"\"\"\\\n[/x]\"\"\"\n",
        "a = { b = [1, 2] }\n[durability]\n",
        "\u{FEFF}[durability]\n",
    ])
    func otherHeadersAndBracketsOutsideHeadersPass(toml: String) {
        #expect(TOMLHeaderCheck.firstUnparsableHeaderLine(in: toml) == nil, "\(toml)")
    }

    @Test func aValidDocumentWithBracketsInStringsStillReads() throws {
        let toml = "[llm]\nmodel = \"\"\"\n[/not a header]\n\"\"\"\n[ \"durability\" ]\nsnapshot_every = 8\n"
        let configuration = try RunConfiguration(parsingTOML: toml)
        #expect(configuration.llm.model == "[/not a header]\n")
        #expect(configuration.durability.snapshotEvery == 8)
    }
}
