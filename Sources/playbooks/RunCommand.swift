import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksLanguage
import PlaybooksRuntime

/// `playbooks run PROGRAM.pb`: starts a durable execution.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a .pb program as a durable execution: a checkpoint at every await.",
        discussion: """
            Prints what the agent says to the user as it happens, and the id to resume the execution by. \
            Exit status: 0 finished, 1 the program failed, 3 waiting for a message (resume with --message), \
            4 the store or execution could not be used.
            """
    )

    @Argument(help: "The program (.pb).")
    var programFile: String

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The execution's id (default: a new one).")
    var id: String?

    @OptionGroup var messageOptions: MessageOptions

    @OptionGroup var llmOptions: LLMOptions

    func run() async throws {
        let executionProgram = try loadExecutionProgram(path: programFile)
        let configuration: RunConfiguration
        do { configuration = try RunConfiguration.load(forProgramAt: programFile) } catch {
            throw fail(error.description, status: ExitStatus.usage)
        }
        // The LLM's configuration (a missing key, say) is checked before any store is opened or created.
        let provider = try llmOptions.provider(configuration: configuration)
        let executionID = try id.map(parseExecutionID)
        let store: any CheckpointStore
        let durable = configuration.durability.enabled || storeOptions.store != nil
        do {
            store = durable ? try storeOptions.open(configuration: configuration) : MemoryCheckpointStore()
        } catch { throw fail(id.map { "execution \($0): \(error)" } ?? "\(error)") }
        let runner: ExecutionRunner
        do {
            let options = messageOptions.runnerOptions(llm: provider, llmOptions: llmOptions, configuration: configuration)
            runner = try await ExecutionRunner.start(program: executionProgram, store: store, id: executionID, options: options)
        } catch { throw fail(error.description) }
        let resumeHint =
            storeOptions.store != nil
            ? "playbooks resume \(runner.id) --store \(storeOptions.store ?? "")"
            : "playbooks resume \(runner.id) --program \(programFile)"
        if durable {
            note("execution \(runner.id) (store \(store.location)); if interrupted: \(resumeHint)")
        } else {
            note("execution \(runner.id): durability is disabled in playbooks.toml, nothing is saved")
        }
        try await drive(runner, interactive: !messageOptions.nonInteractive, resumeHint: resumeHint)
    }
}

/// `playbooks resume ID`: continues an execution from its last checkpoint.
struct ResumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue a crashed or waiting execution from its last checkpoint.",
        discussion: "Exit status as for `run`."
    )

    @Argument(help: "The execution's id.")
    var id: String

    @OptionGroup var storeOptions: StoreOptions

    @OptionGroup var messageOptions: MessageOptions

    @OptionGroup var llmOptions: LLMOptions

    func run() async throws {
        let executionID = try parseExecutionID(id)
        let store: any CheckpointStore
        do { store = try storeOptions.open() } catch { throw fail("execution \(executionID): \(error)") }
        let info: ExecutionInfo?
        do { info = try await store.loadExecution(executionID) } catch { throw fail(error.naming(executionID).description) }
        guard let info else {
            throw fail("no execution \(executionID) in \(store.location) (pass --store or --program to choose the store)")
        }
        let path = info.attributes["program_file"] ?? info.programPath
        let program = try loadExecutionProgram(path: path)
        let configuration = try? RunConfiguration.load(forProgramAt: path)
        let provider = try llmOptions.provider(configuration: configuration)
        let runner: ExecutionRunner
        do {
            let options = messageOptions.runnerOptions(llm: provider, llmOptions: llmOptions, configuration: configuration)
            runner = try await ExecutionRunner.resume(id: executionID, program: program, store: store, options: options)
        } catch { throw fail(error.description) }
        var hint = "playbooks resume \(executionID)"
        if let s = storeOptions.store { hint += " --store \(s)" } else if let p = storeOptions.program { hint += " --program \(p)" }
        try await drive(runner, interactive: !messageOptions.nonInteractive, resumeHint: hint)
    }
}

/// Runs until the execution ends or waits with no message to give it; prints as it goes.
func drive(_ runner: ExecutionRunner, interactive: Bool, resumeHint: String) async throws {
    let output = StandardOutput()
    runner.onEvent = { event in
        switch event {
        case .said(let m):
            output.write(m.target == "user" ? "\(m.sender): \(m.text)\n" : "\(m.sender) -> \(m.target): \(m.text)\n")
            output.flush()
        case .printed(let text):
            output.write(text)
        case .recovered(let snapshot, let replayed, let note):
            if let note { FileHandle.standardError.write(Data("playbooks: \(note)\n".utf8)) }
            FileHandle.standardError.write(
                Data("playbooks: resumed \(runner.id) at record \(snapshot + replayed) (snapshot \(snapshot), \(replayed) replayed)\n".utf8)
            )
        case .stepped, .checkpointed:
            break
        }
    }
    let readsTerminal = interactive && isatty(0) == 1
    while true {
        let outcome: ExecutionOutcome
        do { outcome = try await runner.run() } catch {
            output.flush()
            throw fail(error.description)
        }
        output.flush()
        switch outcome {
        case .finished(let result):
            note("execution \(runner.id) finished: \(result)")
            return
        case .failed(let traceback):
            FileHandle.standardError.write(Data(traceback.utf8))
            note("execution \(runner.id) failed")
            throw ExitCode(ExitStatus.failed)
        case .waitingForMessage(let source):
            if readsTerminal {
                FileHandle.standardError.write(Data("\(source)> ".utf8))
                if let line = readLine() {
                    runner.send(line)
                    continue
                }
            }
            note("execution \(runner.id) is waiting for a message from \(source); continue it with: \(resumeHint) --message TEXT")
            throw ExitCode(ExitStatus.waiting)
        }
    }
}

func note(_ text: String) {
    FileHandle.standardError.write(Data("playbooks: \(text)\n".utf8))
}
