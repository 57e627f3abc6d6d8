import Foundation
import Testing

/// The LLM's configuration is checked before an execution is created: a missing key is an error
/// up front, and nothing is left behind in the store.
@Suite("CLILLM: configuration checked up front") struct CLILLMConfigurationTests {
    @Test func openAIWithoutAKeyIsRefusedBeforeAnythingIsStored() throws {
        let directory = try CLI.temporaryDirectory("llm-config")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = try LLMExample.copy("travel", program: "travel.pb", into: directory)
        let store = directory.appendingPathComponent("store").path
        let run = try CLI.run(
            ["run", program, "--llm", "openai", "--model", "gpt-4o-mini", "--store", "files:\(store)"], in: directory,
            environment: ["OPENAI_API_KEY": ""])
        #expect(run.exited && run.status == 2, "\(run)")
        #expect(run.stderr.contains("OPENAI_API_KEY (api_key_env) is not set or empty"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: store), "a store was created")
    }

    @Test func aLocalOpenAICompatibleServerNeedsNoKey() throws {
        let directory = try CLI.temporaryDirectory("llm-config-local")
        defer { try? FileManager.default.removeItem(at: directory) }
        let program = try LLMExample.copy("travel", program: "travel.pb", into: directory)
        // Port 9 (discard) on loopback: nothing listens, so the LLM call fails — after the execution started.
        let run = try CLI.run(
            ["run", program, "--llm", "openai", "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--store", "files:store"],
            in: directory, environment: ["OPENAI_API_KEY": ""], timeout: 200)
        #expect(run.exited && run.status == 4, "\(run)")
        #expect(run.stderr.contains("the LLM failed"), "\(run)")
        #expect(run.stderr.contains("can be resumed once the LLM is reachable"), "\(run)")
    }
}
