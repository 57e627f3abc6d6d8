import ArgumentParser
import Foundation
import PlaybooksDurability
import PlaybooksRuntime
import PlaybooksStores

/// Exit statuses of the execution commands (documented in the README).
enum ExitStatus {
    static let failed: Int32 = 1
    static let usage: Int32 = 2
    /// The execution waits for a message and none was available: resume it with `--message`.
    static let waiting: Int32 = 3
    /// The store, the execution or the program could not be used (locked, damaged, changed, missing).
    static let executionError: Int32 = 4
}

/// `--store` / `--program` / `--durability`: which store the command uses.
struct StoreOptions: ParsableArguments {
    @Option(help: "Where executions are kept: sqlite:PATH, files:DIR or postgres://USER@HOST:PORT/DATABASE.")
    var store: String?

    @Option(help: "Use the store that this program's playbooks.toml names (default: .playbooks/state.db beside it).")
    var program: String?

    @Option(help: "process (survives kill -9) or machine (fsync: survives power loss).")
    var durability: String?

    /// The store's location: `--store`, else the program's configuration, else `sqlite:.playbooks/state.db` here.
    func location(configuration: RunConfiguration?) throws -> StoreLocation {
        if let store { return try StoreLocation(parsing: store) }
        if let configuration { return configuration.durability.store }
        if let program {
            return try RunConfiguration.load(forProgramAt: program).durability.store
        }
        return .sqlite(path: ".playbooks/state.db")
    }

    func level(configuration: RunConfiguration?) throws -> DurabilityLevel {
        if let durability {
            guard let level = DurabilityLevel(rawValue: durability) else {
                throw ValidationError("--durability must be process or machine, got '\(durability)'")
            }
            return level
        }
        return configuration?.durability.level ?? .process
    }

    func open(configuration: RunConfiguration? = nil) throws -> any CheckpointStore {
        return try openStore(location(configuration: configuration), durability: level(configuration: configuration))
    }

    /// Opens a store that must already exist, for commands that only read: a missing `--program`,
    /// SQLite file or journal directory is an error, and nothing is created.
    func openExisting() throws -> any CheckpointStore {
        if let program, store == nil, !FileManager.default.fileExists(atPath: program) {
            throw MissingStore(description: "no program at \(program) (--program names a .pb file whose store to read)")
        }
        let location = try location(configuration: nil)
        let path: String?
        switch location {
        case .sqlite(let file): path = file
        case .files(let directory): path = directory
        case .url: path = nil  // a server: the store opens whatever it holds
        }
        if let path, !FileManager.default.fileExists(atPath: path) {
            throw MissingStore(description: "no store at \(location): nothing has run with it here (choose one with --store or --program)")
        }
        return try openStore(location, durability: level(configuration: nil))
    }

    /// The options that name this store again on another command line (`--store` or `--program`,
    /// quoted for a POSIX shell), empty for the default store; a password in a URL is left out
    /// (PostgreSQL reads it from `PGPASSWORD`).
    var commandLineArguments: String {
        if let store { return " --store " + shellQuoted(StoreLocation.redactingPassword(store)) }
        if let program { return " --program " + shellQuoted(program) }
        return ""
    }
}

/// A store or program that a read-only command was asked to read does not exist.
struct MissingStore: Error, CustomStringConvertible {
    var description: String
}

/// `text` as one word of a POSIX shell command line: as it is when that is safe, else in single quotes.
func shellQuoted(_ text: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:@%+=,")
    if !text.isEmpty && text.allSatisfy({ safe.contains($0) }) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// Prints an error for people and exits with `status`.
func fail(_ message: String, status: Int32 = ExitStatus.executionError) -> ExitCode {
    FileHandle.standardError.write(Data("playbooks: \(message)\n".utf8))
    return ExitCode(status)
}

func parseExecutionID(_ text: String) throws -> ExecutionID {
    do { return try ExecutionID(validating: text) } catch { throw ValidationError(error.description) }
}

/// Loads the program an execution runs, checking nothing (the runner checks the hash).
func loadExecutionProgram(path: String) throws -> ExecutionProgram {
    let program: Program
    do { program = try Program.load(path: path) } catch { throw fail(error.description, status: ExitStatus.usage) }
    do { return try ExecutionProgram(program: program) } catch { throw fail(error.description, status: ExitStatus.usage) }
}

/// The program of a stored execution, for inspection: the file if it is still there and the
/// same, else the text a worker queue stored at submit, else a stand-in with the recorded hash
/// (inspection then relies on snapshots).
func inspectionProgram(for info: ExecutionInfo, in store: any CheckpointStore) async -> ExecutionProgram {
    let path = info.attributes["program_file"] ?? info.programPath
    if let program = try? Program.load(path: path), let runnable = try? ExecutionProgram(program: program),
        runnable.hash == info.programHash
    {
        return runnable
    }
    if let queue = store as? any ExecutionQueue, let text = try? await queue.programText(hash: info.programHash),
        let program = try? Program(parsing: text, path: info.programPath), let runnable = try? ExecutionProgram(program: program)
    {
        return runnable
    }
    return ExecutionProgram(
        path: info.programPath, text: "", agent: info.attributes["agent"] ?? "Agent", pythonSource: "",
        entry: info.attributes["entry"] ?? "Main", hash: info.programHash)
}
