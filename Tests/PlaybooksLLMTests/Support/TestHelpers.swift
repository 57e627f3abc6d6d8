import Foundation
import Logging

@testable import PlaybooksLLM

/// What a stream delivered: the deltas in order, then the error that ended it, if any.
struct StreamOutcome {
    var deltas: [String]
    var error: (any Error)?

    var text: String { deltas.joined() }
    var llmError: LLMError? { error as? LLMError }
}

func consume(_ stream: AsyncThrowingStream<String, any Error>) async -> StreamOutcome {
    var deltas: [String] = []
    do {
        for try await delta in stream { deltas.append(delta) }
        return StreamOutcome(deltas: deltas, error: nil)
    } catch {
        return StreamOutcome(deltas: deltas, error: error)
    }
}

/// A key that must never show up anywhere but the request header.
let secretKey = "sk-test-SECRET-0123456789abcdefXYZ"

/// A retry policy that records its waits instead of sleeping, with no jitter randomness (factor 1).
func recordingRetryPolicy(_ sleeps: LockedBox<[Duration]>, maxAttempts: Int = 4) -> RetryPolicy {
    RetryPolicy(
        maxAttempts: maxAttempts, initialBackoff: .milliseconds(100), multiplier: 2, maxBackoff: .seconds(5),
        jitter: 0.2, sleep: { duration in sleeps.withLock { $0.append(duration) } }, random: { 0.5 })
}

func httpConfiguration(
    provider: String, baseURL: String, sleeps: LockedBox<[Duration]>, maxAttempts: Int = 4,
    timeouts: HTTPProviderConfiguration.Timeouts = .init(connect: .seconds(5), responseHead: .seconds(10), idleRead: .seconds(10))
) throws -> HTTPProviderConfiguration {
    try HTTPProviderConfiguration(
        provider: provider, baseURL: baseURL, model: "test-model", apiKeyEnv: "PLAYBOOKS_TEST_KEY",
        environment: ["PLAYBOOKS_TEST_KEY": secretKey], timeouts: timeouts,
        retry: recordingRetryPolicy(sleeps, maxAttempts: maxAttempts))
}

/// A log handler that keeps every line (message and metadata) in memory.
struct CapturingLogHandler: LogHandler {
    let lines: LockedBox<[String]>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        lines.withLock { $0.append("\(event.level) \(event.message) \(merged)") }
    }
}

func capturingLogger(_ lines: LockedBox<[String]>) -> Logger {
    Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
}

let sampleMessages: [LLMMessage] = [
    .system("You run playbooks."), .user("Begin."), .assistant("await Step(\"Main:01:QUE\")"), .user("Go on."),
]
