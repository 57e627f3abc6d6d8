import PlaybooksLLM
import PlaybooksLanguage

/// What an execution's LLM calls used so far: VM data (the prelude global `__pb_llm_usage__`), so it is in every
/// snapshot and is rebuilt by replay exactly as it was counted live.
///
/// How it is counted (see `docs/LLM.md`, "Usage and budgets"):
/// - ``calls``: each LLM call the Markdown playbook loop started (`__PBStart__`), refused ones excepted.
/// - tokens: what the provider reported for each request whose reply was read to its end, added when the
///   `__PBNext__` (or `__PBStart__`) record that carries it is applied — the same live and in replay, so a resume
///   neither loses nor double-counts it. A request cut by a crash or a broken connection before its end reported
///   nothing and counts no tokens (the provider may still bill it); its continuation is a new request and counts what
///   the provider reports for it.
public struct LLMUsageTotals: Sendable, Equatable, Codable {
    /// LLM calls started.
    public var calls: Int
    /// Requests whose usage the provider reported (continuations included).
    public var reportedRequests: Int
    /// The tokens, summed over the requests.
    public var usage: LLMUsage
    /// What the requests cost at the price configured when each was made (`nil` when none had a price).
    public var cost: Double?

    public init(calls: Int = 0, reportedRequests: Int = 0, usage: LLMUsage = .zero, cost: Double? = nil) {
        self.calls = calls
        self.reportedRequests = reportedRequests
        self.usage = usage
        self.cost = cost
    }

    /// These totals with one more request's usage (and its cost, if it had one).
    func adding(_ reported: Reported) -> LLMUsageTotals {
        var copy = self
        copy.usage = usage + reported.usage
        copy.reportedRequests += 1
        if let cost = reported.cost { copy.cost = (self.cost ?? 0) + cost }
        return copy
    }

    /// The sum of two agents' totals.
    func adding(_ other: LLMUsageTotals) -> LLMUsageTotals {
        var copy = self
        copy.calls += other.calls
        copy.reportedRequests += other.reportedRequests
        copy.usage = usage + other.usage
        if let cost = other.cost { copy.cost = (self.cost ?? 0) + cost }
        return copy
    }

    /// The name of the prelude global that holds the totals.
    static let global = "__pb_llm_usage__"

    /// The totals of the execution whose VM this is (zero when no call was counted yet or the snapshot predates them).
    init(reading vm: VirtualMachine) {
        self.init()
        guard let value = vm.globals[Self.global], let portable = try? PortableValue(value), case .dict(let entries) = portable
        else { return }
        let n = Self.numbers(entries)
        calls = n["calls"] ?? 0
        reportedRequests = n["requests"] ?? 0
        usage = LLMUsage(
            inputTokens: n["input"] ?? 0, outputTokens: n["output"] ?? 0, cachedInputTokens: n["cached"] ?? 0,
            cacheCreationTokens: n["cache_write"] ?? 0)
        cost = Self.float(entries, "cost")
    }

    /// Stores these totals in `vm`.
    func write(to vm: VirtualMachine) {
        let fields: [(String, Int)] = [
            ("calls", calls), ("requests", reportedRequests), ("input", usage.inputTokens), ("output", usage.outputTokens),
            ("cached", usage.cachedInputTokens), ("cache_write", usage.cacheCreationTokens),
        ]
        var entries = fields.map { PortableEntry(.str($0.0), .int($0.1)) }
        if let cost { entries.append(PortableEntry(.str("cost"), .float(cost))) }
        vm.globals[Self.global] = PortableValue.dict(entries).makeValue()
    }

    /// One request's usage as a journal record carries it, with its cost when a price was configured.
    struct Reported: Equatable {
        var usage: LLMUsage
        var cost: Double?
    }

    /// How a journal record carries one request's usage:
    /// `{"input": n, "output": n, "cached": n, "cache_write": n, "cost": x}` (`cost` only with a price).
    static func portable(_ usage: LLMUsage, price: LLMPrice?) -> PortableValue {
        var entries = [
            PortableEntry(.str("input"), .int(usage.inputTokens)), PortableEntry(.str("output"), .int(usage.outputTokens)),
            PortableEntry(.str("cached"), .int(usage.cachedInputTokens)),
            PortableEntry(.str("cache_write"), .int(usage.cacheCreationTokens)),
        ]
        if let price { entries.append(PortableEntry(.str("cost"), .float(price.cost(of: usage)))) }
        return .dict(entries)
    }

    /// The usage in a record's value (see ``portable(_:price:)``), or `nil`.
    static func usage(in value: PortableValue) -> Reported? {
        guard case .dict(let entries) = value else { return nil }
        let n = numbers(entries)
        guard n["input"] != nil || n["output"] != nil else { return nil }
        let usage = LLMUsage(
            inputTokens: n["input"] ?? 0, outputTokens: n["output"] ?? 0, cachedInputTokens: n["cached"] ?? 0,
            cacheCreationTokens: n["cache_write"] ?? 0)
        return Reported(usage: usage, cost: float(entries, "cost"))
    }

    private static func float(_ entries: [PortableEntry], _ key: String) -> Double? {
        for entry in entries where entry.key == .str(key) {
            if case .float(let x) = entry.value { return x }
            if case .int(let x) = entry.value { return Double(x) }
        }
        return nil
    }

    /// The usage a `__PBStart__` or `__PBNext__` record reports, if any: the fourth element of a statement record
    /// `[text, line, rest, usage]`, or `{"usage": ...}` (the end of a reply, or a start after a drained reply).
    static func reported(by value: PortableValue) -> Reported? {
        switch value {
        case .list(let parts) where parts.count >= 4: return usage(in: parts[3])
        case .dict(let entries):
            return entries.first { $0.key == .str("usage") }.flatMap { usage(in: $0.value) }
        default: return nil
        }
    }

    /// One line for people: `3 calls, 5120 input tokens (4096 cached, 0 written to the cache), 310 output tokens, cost 0.0123`.
    public var summary: String {
        var text = "\(calls) \(calls == 1 ? "call" : "calls"), \(usage.inputTokens) input tokens"
        text += " (\(usage.cachedInputTokens) cached, \(usage.cacheCreationTokens) written to the cache)"
        text += ", \(usage.outputTokens) output tokens"
        if reportedRequests != calls { text += "; \(reportedRequests) requests reported usage" }
        if let cost { text += ", cost \(LLMBudget.money(cost))" }
        return text
    }

    /// The cost of these totals' tokens at `price`.
    public func cost(at price: LLMPrice) -> Double { price.cost(of: usage) }

    private static func numbers(_ entries: [PortableEntry]) -> [String: Int] {
        var out: [String: Int] = [:]
        for entry in entries { if case .str(let k) = entry.key, case .int(let v) = entry.value { out[k] = v } }
        return out
    }
}
