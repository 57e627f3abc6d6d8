import ArgumentParser
import PlaybooksDurability
import PlaybooksRuntime

extension ExecutionsCommand {
    /// `playbooks executions trace ID [--transcript] [--json]`.
    struct Trace: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trace",
            abstract: "Show what the model was asked and what its replies did, call by call; or both sides of the conversation.")
        @Argument(help: "The execution's id.") var id: String
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print the messages said and received, with senders, one per line.") var transcript = false
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let executionID = try parseExecutionID(id)
            let store: any CheckpointStore
            do { store = try storeOptions.openExisting() } catch { throw fail("\(error)") }
            let trace: LLMTrace
            do {
                guard let info = try await store.loadExecution(executionID) else {
                    throw fail("no execution \(executionID) in \(store.location)")
                }
                let program = await inspectionProgram(for: info, in: store)
                trace = try await ExecutionRunner.trace(id: executionID, program: program, store: store)
            } catch let error as ExecutionError {
                throw fail(error.description)
            } catch let error as StoreError { throw fail(error.description) }
            if transcript {
                if json { printJSON(trace.transcript) } else if !trace.transcript.isEmpty { print(trace.transcriptText) }
                return
            }
            if json { printJSON(trace); return }
            print(trace.text)
        }
    }
}
