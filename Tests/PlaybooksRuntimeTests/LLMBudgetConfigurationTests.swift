import Foundation
import Testing

@testable import PlaybooksRuntime

/// `[llm]` budgets and `[llm.prices."MODEL"]` in `playbooks.toml`: read, and checked key by key.
struct LLMBudgetConfigurationTests {
    @Test func budgetsAndPrices() throws {
        let toml = """
            [llm]
            provider = "anthropic"
            model = "claude-sonnet-4-5"
            max_calls = 40
            max_input_tokens = 400000
            max_output_tokens = 20000
            max_cost = 1.5

            [llm.prices."claude-sonnet-4-5"]
            input_per_million = 3.0
            output_per_million = 15
            cached_input_per_million = 0.3

            [llm.prices.scripted]
            input_per_million = 1
            output_per_million = 2
            """
        let config = try RunConfiguration(parsingTOML: toml)
        #expect(config.llm.budget == LLMBudget(maxCalls: 40, maxInputTokens: 400_000, maxOutputTokens: 20_000, maxCost: 1.5))
        #expect(
            config.llm.price(of: "claude-sonnet-4-5")
                == LLMPrice(inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3))
        #expect(config.llm.price(of: "scripted") == LLMPrice(inputPerMillion: 1, outputPerMillion: 2))
        #expect(config.llm.price(of: "other") == nil)
        #expect(config.llm.price(of: nil) == nil)
    }

    @Test func noBudgetByDefault() throws {
        let config = try RunConfiguration(parsingTOML: "[llm]\nprovider = \"scripted\"\n")
        #expect(config.llm.budget == LLMBudget())
        #expect(config.llm.prices.isEmpty)
    }

    @Test(arguments: [
        ("[llm]\nmax_calls = 0\n", "llm.max_calls must be an integer >= 1"),
        ("[llm]\nmax_input_tokens = \"many\"\n", "llm.max_input_tokens must be an integer >= 1"),
        ("[llm]\nmax_output_tokens = 1.5\n", "llm.max_output_tokens must be an integer >= 1"),
        ("[llm]\nmax_cost = -1\n", "llm.max_cost must be a number >= 0, got -1"),
        ("[llm]\nmax_budget = 3\n", "unknown key \"llm.max_budget\""),
        ("[llm]\nprices = 3\n", "llm.prices must be a table of models"),
        ("[llm.prices.m]\ninput_per_million = 1\n", "llm.prices.\"m\" needs input_per_million and output_per_million"),
        ("[llm.prices.m]\ninput_per_million = 1\noutput_per_million = \"x\"\n", "llm.prices.\"m\".output_per_million must be a number"),
        ("[llm.prices.m]\ninput = 1\n", "unknown key \"llm.prices.\"m\".input\""),
        ("[llm.prices]\nm = 3\n", "llm.prices.\"m\" must be a table"),
    ])
    func invalidBudgetsAreRejectedNamingTheKey(toml: String, message: String) {
        do {
            _ = try RunConfiguration(parsingTOML: toml)
            Issue.record("accepted: \(toml)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func costAtAPrice() {
        let price = LLMPrice(inputPerMillion: 3, outputPerMillion: 15, cachedInputPerMillion: 0.3)
        let usage = LLMUsageTotals(usage: .init(inputTokens: 1_000_000, outputTokens: 100_000, cachedInputTokens: 500_000))
        // 500k uncached at 3, 500k cached at 0.3, 100k output at 15.
        #expect(abs(usage.cost(at: price) - (1.5 + 0.15 + 1.5)) < 1e-9)
    }
}
