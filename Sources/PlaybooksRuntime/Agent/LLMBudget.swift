import PlaybooksLLM

/// A model's price per million tokens (`[llm.prices."MODEL"]` in `playbooks.toml`).
///
/// ```toml
/// [llm.prices."claude-sonnet-4-5"]
/// input_per_million = 3.0
/// output_per_million = 15.0
/// cached_input_per_million = 0.3   # optional; cache reads, by default at the input price
/// ```
public struct LLMPrice: Sendable, Equatable, Codable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double
    /// The price of input tokens read from the prompt cache; `nil` charges them as other input tokens.
    public var cachedInputPerMillion: Double?

    public init(inputPerMillion: Double, outputPerMillion: Double, cachedInputPerMillion: Double? = nil) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
        self.cachedInputPerMillion = cachedInputPerMillion
    }

    /// What `usage` costs, in the unit of the prices.
    public func cost(of usage: LLMUsage) -> Double {
        let cached = Double(usage.cachedInputTokens)
        let uncached = Double(usage.inputTokens) - cached
        return
            (uncached * inputPerMillion + cached * (cachedInputPerMillion ?? inputPerMillion)
            + Double(usage.outputTokens) * outputPerMillion) / 1_000_000
    }
}

/// Per-execution limits on LLM use, checked before each new LLM call (`__PBStart__`): once one is reached, the call
/// is refused with a `RuntimeError` that names the limit and the figures, and the execution fails (the model is not
/// asked to deal with it). `nil` means no limit.
///
/// ```swift
/// var options = RunnerOptions(llm: provider, llmModel: "gpt-4o-mini")
/// options.llmBudget = LLMBudget(maxCalls: 20, maxInputTokens: 200_000, maxCost: 0.50)
/// options.llmPrice = LLMPrice(inputPerMillion: 0.15, outputPerMillion: 0.60)
/// ```
public struct LLMBudget: Sendable, Equatable, Codable {
    public var maxCalls: Int?
    public var maxInputTokens: Int?
    public var maxOutputTokens: Int?
    /// The most the execution may spend, in the unit of the price table; needs a price for the model.
    public var maxCost: Double?

    public init(maxCalls: Int? = nil, maxInputTokens: Int? = nil, maxOutputTokens: Int? = nil, maxCost: Double? = nil) {
        self.maxCalls = maxCalls
        self.maxInputTokens = maxInputTokens
        self.maxOutputTokens = maxOutputTokens
        self.maxCost = maxCost
    }

    /// The first message error prefix: the prelude lets errors that start with it end the execution.
    static let errorPrefix = "LLM budget exceeded"

    /// Why a new call must not start with `totals` used so far, or `nil` when it may.
    func refusal(_ totals: LLMUsageTotals, price: LLMPrice?) -> String? {
        let used =
            "(used: \(totals.calls) calls, \(totals.usage.inputTokens) input and \(totals.usage.outputTokens) output tokens"
            + (price.map { ", cost \(Self.money(totals.cost(at: $0)))" } ?? "") + ")"
        if let max = maxCalls, totals.calls >= max {
            return "\(Self.errorPrefix): max_calls = \(max) LLM calls reached; no further call is made \(used)"
        }
        if let max = maxInputTokens, totals.usage.inputTokens >= max {
            return "\(Self.errorPrefix): max_input_tokens = \(max), \(totals.usage.inputTokens) input tokens used \(used)"
        }
        if let max = maxOutputTokens, totals.usage.outputTokens >= max {
            return "\(Self.errorPrefix): max_output_tokens = \(max), \(totals.usage.outputTokens) output tokens used \(used)"
        }
        if maxCost != nil, price == nil {
            return "\(Self.errorPrefix): max_cost is set but no price is configured for the model ([llm.prices.\"MODEL\"])"
        }
        if let max = maxCost, let price, totals.cost(at: price) >= max {
            return "\(Self.errorPrefix): max_cost = \(Self.money(max)), \(Self.money(totals.cost(at: price))) spent \(used)"
        }
        return nil
    }

    /// A cost with 4 decimals.
    static func money(_ value: Double) -> String {
        let scaled = Int((value * 10_000).rounded())
        let fraction = String(scaled % 10_000)
        return "\(scaled / 10_000).\(String(repeating: "0", count: 4 - fraction.count))\(fraction)"
    }
}
