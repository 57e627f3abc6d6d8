import Foundation

/// When and how long an HTTP provider waits before asking again.
///
/// A request is retried on HTTP 408, 429 and 5xx, on retryable error events (overloaded, rate limited) and on
/// broken or failed connections — but only while no text of the reply has been delivered. The wait before retry
/// `n` (1-based) is `initialBackoff * multiplier^(n-1)`, capped at `maxBackoff`, spread by ± `jitter` (a fraction).
/// A `retry-after` (seconds or an HTTP date) or `retry-after-ms` header replaces the computed wait; one longer than
/// `maxRetryAfter` makes the provider give up at once.
///
/// ```swift
/// var policy = RetryPolicy(maxAttempts: 3, initialBackoff: .milliseconds(200))
/// policy.sleep = { duration in print("waiting", duration) }   // tests: record instead of sleeping
/// ```
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (1 = never retry).
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var multiplier: Double
    public var maxBackoff: Duration
    /// The wait is multiplied by a random factor in `1 - jitter ..< 1 + jitter`.
    public var jitter: Double
    /// The longest `retry-after` the provider is willing to wait.
    public var maxRetryAfter: Duration
    /// Waits; replace it in tests. The default is `Task.sleep(for:)`.
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A random number in `0 ..< 1` for the jitter; replace it in tests.
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 4, initialBackoff: Duration = .milliseconds(500), multiplier: Double = 2,
        maxBackoff: Duration = .seconds(20), jitter: Double = 0.2, maxRetryAfter: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.multiplier = multiplier
        self.maxBackoff = maxBackoff
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
        self.random = random
    }

    /// The wait before retry number `retry` (1 = the first retry), without a `retry-after`.
    public func backoff(beforeRetry retry: Int) -> Duration {
        let base = initialBackoff.seconds * pow(multiplier, Double(max(0, retry - 1)))
        let capped = min(base, maxBackoff.seconds)
        let factor = 1 + jitter * (2 * random() - 1)
        return .nanoseconds(Int64((max(0, capped * factor) * 1e9).rounded()))
    }

    /// Parses a `retry-after` value: delay seconds (`"2"`, `"1.5"`) or an HTTP date (IMF-fixdate).
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let trimmed = value.trimmingWhitespace()
        if let seconds = Double(trimmed), seconds >= 0, seconds.isFinite {
            return .nanoseconds(Int64((seconds * 1e9).rounded()))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return .nanoseconds(Int64((max(0, date.timeIntervalSince(now)) * 1e9).rounded()))
    }
}

extension Duration {
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
