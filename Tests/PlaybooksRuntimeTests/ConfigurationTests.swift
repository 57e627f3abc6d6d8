import Foundation
import PlaybooksDurability
import Testing

@testable import PlaybooksRuntime

struct ConfigurationTests {
    func failure(_ toml: String) -> ConfigurationError? {
        #expect(throws: ConfigurationError.self) { try RunConfiguration(parsingTOML: toml) }
    }

    @Test func defaults() {
        let config = RunConfiguration()
        #expect(config.durability.enabled)
        #expect(config.durability.level == .process)
        #expect(config.durability.store == .sqlite(path: ".playbooks/state.db"))
        #expect(config.durability.snapshotEvery == 64)
        #expect(config.durability.keepLastN == 0)
        #expect(config.limits.recursionLimit == 1000)
        #expect(config.limits.maxInstructions == LimitsConfiguration.defaultMaxInstructions)
        #expect(config.limits.maxMemoryMB == nil)
        #expect(config.limits.timeoutSeconds == LimitsConfiguration.defaultTimeoutSeconds)
        #expect(config.llm == LLMConfiguration())
        #expect(config.file == nil)
    }

    @Test func emptyDocumentGivesDefaults() throws {
        var config = try RunConfiguration(parsingTOML: "# nothing here\n")
        #expect(config.file == "playbooks.toml")
        config.file = nil
        #expect(config == RunConfiguration())
    }

    @Test func seedConfiguration() throws {
        let config = try RunConfiguration(parsingTOML: "[durability]\nenabled = true\n")
        #expect(config.durability == DurabilityConfiguration())
    }

    @Test func everyKey() throws {
        let toml = """
            [durability]
            enabled = false
            level = "machine"
            store = "files:/var/lib/playbooks"
            snapshot_every = 16
            keep_last_n = 5

            [limits]
            max_instructions = 1000000
            recursion_limit = 200
            max_memory_mb = 512
            timeout_seconds = 2.5

            [llm]
            provider = "openai"
            model = "gpt-4o-mini"
            base_url = "http://localhost:11434/v1"
            api_key_env = "OPENAI_API_KEY"
            script = "/tmp/replies.md"
            chunk_size = 7
            """
        let config = try RunConfiguration(parsingTOML: toml)
        #expect(
            config.durability
                == DurabilityConfiguration(
                    enabled: false, level: .machine, store: .files(directory: "/var/lib/playbooks"), snapshotEvery: 16,
                    keepLastN: 5))
        #expect(
            config.limits == LimitsConfiguration(maxInstructions: 1_000_000, recursionLimit: 200, maxMemoryMB: 512, timeoutSeconds: 2.5))
        #expect(
            config.llm
                == LLMConfiguration(
                    provider: .openai, model: "gpt-4o-mini", baseURL: "http://localhost:11434/v1", apiKeyEnv: "OPENAI_API_KEY",
                    script: "/tmp/replies.md", chunkSize: 7))
    }

    @Test func integerTimeoutIsAccepted() throws {
        let config = try RunConfiguration(parsingTOML: "[limits]\ntimeout_seconds = 30\n")
        #expect(config.limits.timeoutSeconds == 30)
    }

    @Test func aLimitsTableWithoutTheTimeAndInstructionLimitsKeepsTheirDefaults() throws {
        let config = try RunConfiguration(parsingTOML: "[limits]\nrecursion_limit = 500\n")
        #expect(config.limits.maxInstructions == LimitsConfiguration.defaultMaxInstructions)
        #expect(config.limits.timeoutSeconds == LimitsConfiguration.defaultTimeoutSeconds)
        #expect(config.limits.vmLimits.maxInstructions == 10_000_000_000)
        #expect(config.limits.vmLimits.maxDuration == .seconds(60))
    }

    @Test func zeroLiftsTheTimeAndInstructionLimits() throws {
        let config = try RunConfiguration(parsingTOML: "[limits]\nmax_instructions = 0\ntimeout_seconds = 0\n")
        #expect(config.limits.maxInstructions == nil)
        #expect(config.limits.timeoutSeconds == nil)
        #expect(config.limits.vmLimits.maxInstructions == nil)
        #expect(config.limits.vmLimits.maxDuration == nil)
    }

    @Test func badLevel() {
        let error = failure("[durability]\nlevel = \"disk\"\n")
        #expect(error?.description == #"playbooks.toml: durability.level must be "process" or "machine", got "disk""#)
        #expect(error?.key == "durability.level")
        #expect(error?.file == "playbooks.toml")
    }

    @Test(arguments: [
        ("[durability]\nenabled = \"yes\"\n", #"playbooks.toml: durability.enabled must be true or false, got "yes""#),
        ("[durability]\nlevel = 1\n", #"playbooks.toml: durability.level must be "process" or "machine", got 1"#),
        (
            "[durability]\nstore = \"state.db\"\n",
            #"playbooks.toml: durability.store must be "sqlite:PATH", "files:DIR" or a store URL such as "postgres://USER@HOST/DB" (e.g. "sqlite:.playbooks/state.db"), got "state.db""#
        ),
        ("[durability]\nsnapshot_every = 0\n", "playbooks.toml: durability.snapshot_every must be an integer >= 1, got 0"),
        ("[durability]\nkeep_last_n = -1\n", "playbooks.toml: durability.keep_last_n must be an integer >= 0, got -1"),
        ("[durability]\nkeep_last_n = 2.5\n", "playbooks.toml: durability.keep_last_n must be an integer >= 0, got 2.5"),
        (
            "[durability]\nfsync = true\n",
            #"playbooks.toml: unknown key "durability.fsync" (known keys: enabled, level, store, snapshot_every, keep_last_n)"#
        ),
        ("[storage]\nx = 1\n", #"playbooks.toml: unknown key "storage" (known tables: durability, limits, llm)"#),
        ("durability = 3\n", "playbooks.toml: durability must be a table ([durability]), got 3"),
        ("[limits]\nrecursion_limit = \"deep\"\n", #"playbooks.toml: limits.recursion_limit must be an integer >= 1, got "deep""#),
        (
            "[limits]\ntimeout_seconds = -1\n",
            "playbooks.toml: limits.timeout_seconds must be a number of seconds >= 0 (0: no limit) and at most 1000000000, got -1"
        ),
        ("[limits]\nmax_instructions = -1\n", "playbooks.toml: limits.max_instructions must be an integer >= 0, got -1"),
        (
            "[limits]\nmax_memory_mb = [1]\n",
            "playbooks.toml: limits.max_memory_mb must be an integer >= 1 and <= 8796093022207, got an array"
        ),
        ("[llm]\nprovider = \"gemini\"\n", #"playbooks.toml: llm.provider must be "scripted", "openai" or "anthropic", got "gemini""#),
        ("[llm]\nmodel = 4\n", "playbooks.toml: llm.model must be a string, got 4"),
        (
            "[llm]\napi_key = \"sk-secret\"\n",
            "playbooks.toml: unknown key \"llm.api_key\" (known keys: provider, model, base_url, api_key_env, script, chunk_size, max_calls, max_input_tokens, max_output_tokens, max_cost, prices, max_replies, max_stalled_replies, max_context_characters)"
        ),
    ])
    func wrongKeysAndTypes(toml: String, expected: String) {
        #expect(failure(toml)?.description == expected)
    }

    /// Values that used to trap when the limits were built ("Double value cannot be converted to
    /// Int64", an Int overflow) are refused when the file is read, naming the key and its range.
    @Test(arguments: [
        ("timeout_seconds = 1e17", "limits.timeout_seconds", "at most 1000000000"),
        ("timeout_seconds = inf", "limits.timeout_seconds", "at most 1000000000"),
        ("timeout_seconds = nan", "limits.timeout_seconds", "at most 1000000000"),
        ("timeout_seconds = -inf", "limits.timeout_seconds", ">= 0 (0: no limit)"),
        ("max_memory_mb = 9223372036854775807", "limits.max_memory_mb", "<= 8796093022207"),
    ])
    func hugeAndNonFiniteLimitsAreRefused(line: String, key: String, range: String) {
        let error = failure("[limits]\n\(line)\n")
        #expect(error?.key == key, "\(line): \(String(describing: error))")
        #expect(error?.description.contains(range) == true, "\(line): \(String(describing: error))")
    }

    @Test func tomlSyntaxErrorHasALine() {
        let error = failure("[durability]\nenabled = \n")
        #expect(error?.line == 2)
        #expect(error?.key == nil)
        #expect(error?.description.hasPrefix("playbooks.toml:2: invalid TOML: ") == true)
    }

    @Test func relativePathsResolveAgainstTheBaseDirectory() throws {
        let toml = "[durability]\nstore = \"sqlite:data/../state.db\"\n[llm]\nscript = \"replies.md\"\n"
        let config = try RunConfiguration(parsingTOML: toml, baseDirectory: "/srv/app")
        #expect(config.durability.store == .sqlite(path: "/srv/app/state.db"))
        #expect(config.llm.script == "/srv/app/replies.md")
        let absolute = try RunConfiguration(parsingTOML: "[durability]\nstore = \"files:/data/j\"\n", baseDirectory: "/srv/app")
        #expect(absolute.durability.store == .files(directory: "/data/j"))
        let unresolved = try RunConfiguration(parsingTOML: toml)
        #expect(unresolved.durability.store == .sqlite(path: "data/../state.db"))
    }

    @Test func loadWithoutAFileGivesDefaultsBesideTheProgram() throws {
        let directory = try ProgramTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = try RunConfiguration.load(forProgramAt: directory + "/agent.pb")
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        #expect(config.durability.store == .sqlite(path: absolute + "/.playbooks/state.db"))
        #expect(config.file == nil)
        #expect(config.durability.enabled)
    }

    @Test func loadReadsTheFileBesideTheProgram() throws {
        let directory = try ProgramTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let toml = "[durability]\nlevel = \"machine\"\nstore = \"files:journal\"\n"
        try Data(toml.utf8).write(to: URL(fileURLWithPath: directory + "/playbooks.toml"))
        let config = try RunConfiguration.load(forProgramAt: directory + "/agent.pb")
        let absolute = URL(fileURLWithPath: directory).standardizedFileURL.path
        #expect(config.durability.level == .machine)
        #expect(config.durability.store == .files(directory: absolute + "/journal"))
        #expect(config.file == directory + "/playbooks.toml")

        try Data("[durability]\nlevel = \"disk\"\n".utf8).write(to: URL(fileURLWithPath: directory + "/playbooks.toml"))
        let error = #expect(throws: ConfigurationError.self) { try RunConfiguration.load(forProgramAt: directory + "/agent.pb") }
        #expect(error?.description == "\(directory)/playbooks.toml: durability.level must be \"process\" or \"machine\", got \"disk\"")
    }

    @Test func theAgentLoopBoundsAreReadFromTheLLMTable() throws {
        let config = try RunConfiguration(
            parsingTOML: "[llm]\nmax_replies = 7\nmax_stalled_replies = 2\nmax_context_characters = 50000\n")
        #expect(config.llm.agentLoop == AgentLoopSettings(maxReplies: 7, maxStalledReplies: 2, maxContextCharacters: 50_000))
        #expect(try RunConfiguration(parsingTOML: "[llm]\n").llm.agentLoop == AgentLoopSettings())
        for bad in ["max_replies = 0", "max_stalled_replies = \"3\"", "max_context_characters = 10"] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try RunConfiguration(parsingTOML: "[llm]\n\(bad)\n") }
        }
    }
}
