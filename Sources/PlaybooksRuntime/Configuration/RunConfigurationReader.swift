import PlaybooksDurability
import TOMLKit

/// Reads a `playbooks.toml` document into a ``RunConfiguration``, checking every key and type.
struct RunConfigurationReader {
    let file: String
    let root: TOMLTable

    init(text: String, file: String) throws(ConfigurationError) {
        self.file = file
        if let line = TOMLHeaderCheck.firstUnparsableHeaderLine(in: text) {
            throw ConfigurationError(
                file: file, key: nil, line: line,
                message: "invalid TOML: a table header must start with a key (a bare key or a quoted one)")
        }
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: file, key: nil, line: error.source.begin.line, message: "invalid TOML: \(error.description)")
        } catch {
            throw ConfigurationError(file: file, key: nil, message: "invalid TOML: \(error)")
        }
    }

    mutating func read() throws(ConfigurationError) -> RunConfiguration {
        try checkKeys(root, prefix: nil, known: ["durability", "limits", "llm"])
        var config = RunConfiguration()

        if let table = try table("durability") {
            try checkKeys(table, prefix: "durability", known: ["enabled", "level", "store", "snapshot_every", "keep_last_n"])
            if let value = try bool(table, "durability", "enabled") { config.durability.enabled = value }
            if let value = table["level"] {
                guard let text = value.string, let level = DurabilityLevel(rawValue: text) else {
                    throw fail("durability.level", "must be \"process\" or \"machine\", got \(describe(value))")
                }
                config.durability.level = level
            }
            if let value = table["store"] {
                guard let text = value.string, let store = try? StoreLocation(parsing: text) else {
                    throw fail(
                        "durability.store",
                        "must be \"sqlite:PATH\", \"files:DIR\" or a store URL such as \"postgres://USER@HOST/DB\" "
                            + "(e.g. \"sqlite:.playbooks/state.db\"), got \(describe(value))")
                }
                config.durability.store = store
            }
            if let value = try int(table, "durability", "snapshot_every", atLeast: 1) { config.durability.snapshotEvery = value }
            if let value = try int(table, "durability", "keep_last_n", atLeast: 0) { config.durability.keepLastN = value }
        }

        if let table = try table("limits") {
            try checkKeys(table, prefix: "limits", known: ["max_instructions", "recursion_limit", "max_memory_mb", "timeout_seconds"])
            if let value = try int(table, "limits", "max_instructions", atLeast: 0) {
                config.limits.maxInstructions = value == 0 ? nil : value
            }
            if let value = try int(table, "limits", "recursion_limit", atLeast: 1) { config.limits.recursionLimit = value }
            // In bytes it must still fit an Int.
            config.limits.maxMemoryMB = try int(table, "limits", "max_memory_mb", atLeast: 1, atMost: Int.max >> 20)
            if let value = table["timeout_seconds"] {
                let seconds = value.double ?? value.int.map(Double.init)
                // At most about 31 years: in milliseconds it must still fit an Int64.
                guard let seconds, seconds >= 0, seconds <= LimitsConfiguration.maximumTimeoutSeconds else {
                    throw fail(
                        "limits.timeout_seconds",
                        "must be a number of seconds >= 0 (0: no limit) and at most \(Int(LimitsConfiguration.maximumTimeoutSeconds)), got \(describe(value))"
                    )
                }
                config.limits.timeoutSeconds = seconds == 0 ? nil : seconds
            }
        }

        if let table = try table("llm") {
            try checkKeys(
                table, prefix: "llm",
                known: [
                    "provider", "model", "base_url", "api_key_env", "script", "chunk_size", "max_calls", "max_input_tokens",
                    "max_output_tokens", "max_cost", "prices", "max_replies", "max_stalled_replies",
                    "max_context_characters",
                ])
            if let value = table["provider"] {
                guard let text = value.string, let provider = LLMConfiguration.Provider(rawValue: text) else {
                    throw fail("llm.provider", "must be \"scripted\", \"openai\" or \"anthropic\", got \(describe(value))")
                }
                config.llm.provider = provider
            }
            config.llm.model = try string(table, "llm", "model")
            config.llm.baseURL = try string(table, "llm", "base_url")
            config.llm.apiKeyEnv = try string(table, "llm", "api_key_env")
            config.llm.script = try string(table, "llm", "script")
            config.llm.chunkSize = try int(table, "llm", "chunk_size", atLeast: 1)
            config.llm.budget.maxCalls = try int(table, "llm", "max_calls", atLeast: 1)
            config.llm.budget.maxInputTokens = try int(table, "llm", "max_input_tokens", atLeast: 1)
            config.llm.budget.maxOutputTokens = try int(table, "llm", "max_output_tokens", atLeast: 1)
            config.llm.budget.maxCost = try number(table, "llm", "max_cost")
            if let n = try int(table, "llm", "max_replies", atLeast: 1) { config.llm.agentLoop.maxReplies = n }
            if let n = try int(table, "llm", "max_stalled_replies", atLeast: 1) { config.llm.agentLoop.maxStalledReplies = n }
            if let n = try int(table, "llm", "max_context_characters", atLeast: 1_000) {
                config.llm.agentLoop.maxContextCharacters = n
            }
            if let value = table["prices"] {
                guard let prices = value.table else {
                    throw fail("llm.prices", "must be a table of models ([llm.prices.\"MODEL\"]), got \(describe(value))")
                }
                for model in prices.keys {
                    let key = "llm.prices.\"\(model)\""
                    guard let price = prices[model]?.table else {
                        throw fail(key, "must be a table ([\(key)] with input_per_million and output_per_million)")
                    }
                    try checkKeys(price, prefix: key, known: ["input_per_million", "output_per_million", "cached_input_per_million"])
                    guard let input = try number(price, key, "input_per_million"),
                        let output = try number(price, key, "output_per_million")
                    else { throw fail(key, "needs input_per_million and output_per_million") }
                    config.llm.prices[model] = LLMPrice(
                        inputPerMillion: input, outputPerMillion: output,
                        cachedInputPerMillion: try number(price, key, "cached_input_per_million"))
                }
            }
        }
        return config
    }

    // MARK: Checked access

    private func fail(_ key: String, _ what: String) -> ConfigurationError {
        ConfigurationError(file: file, key: key, message: "\(key) \(what)")
    }

    private func checkKeys(_ table: TOMLTable, prefix: String?, known: [String]) throws(ConfigurationError) {
        for key in table.keys where !known.contains(key) {
            let full = prefix.map { "\($0).\(key)" } ?? key
            let list = known.joined(separator: ", ")
            let what = prefix == nil ? "known tables: \(list)" : "known keys: \(list)"
            throw ConfigurationError(file: file, key: full, message: "unknown key \"\(full)\" (\(what))")
        }
    }

    private func table(_ name: String) throws(ConfigurationError) -> TOMLTable? {
        guard let value = root[name] else { return nil }
        guard let table = value.table else { throw fail(name, "must be a table ([\(name)]), got \(describe(value))") }
        return table
    }

    private func bool(_ table: TOMLTable, _ prefix: String, _ key: String) throws(ConfigurationError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.bool else { throw fail("\(prefix).\(key)", "must be true or false, got \(describe(value))") }
        return bool
    }

    private func int(
        _ table: TOMLTable, _ prefix: String, _ key: String, atLeast minimum: Int, atMost maximum: Int = Int.max
    ) throws(ConfigurationError)
        -> Int?
    {
        guard let value = table[key] else { return nil }
        guard let int = value.int, int >= minimum, int <= maximum else {
            let upper = maximum == Int.max ? "" : " and <= \(maximum)"
            throw fail("\(prefix).\(key)", "must be an integer >= \(minimum)\(upper), got \(describe(value))")
        }
        return int
    }

    /// A number >= 0 (an integer or a float).
    private func number(_ table: TOMLTable, _ prefix: String, _ key: String) throws(ConfigurationError) -> Double? {
        guard let value = table[key] else { return nil }
        guard let number = value.double ?? value.int.map(Double.init), number >= 0, number.isFinite else {
            throw fail("\(prefix).\(key)", "must be a number >= 0, got \(describe(value))")
        }
        return number
    }

    private func string(_ table: TOMLTable, _ prefix: String, _ key: String) throws(ConfigurationError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw fail("\(prefix).\(key)", "must be a string, got \(describe(value))") }
        return string
    }

    /// A value as it would appear in the file, or its kind for tables and arrays.
    private func describe(_ value: TOMLValueConvertible) -> String {
        switch value.type {
        case .string: return "\"\(value.string ?? "")\""
        case .int: return value.int.map(String.init) ?? "an integer"
        case .double: return value.double.map { "\($0)" } ?? "a float"
        case .bool: return value.bool.map { $0 ? "true" : "false" } ?? "a boolean"
        case .table: return "a table"
        case .array: return "an array"
        case .date, .time, .dateTime: return "a date or time"
        }
    }
}
