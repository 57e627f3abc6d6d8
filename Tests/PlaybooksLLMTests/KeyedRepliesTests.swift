import Foundation
import Testing

@testable import PlaybooksLLM

/// Keyed replies (`=== reply Host.Main ===`): parsing, consumption per key, errors, the file-text round trip.
@Suite struct KeyedRepliesTests {
    private func request(_ callIndex: Int, _ key: String? = nil, _ keyIndex: Int = 0) -> LLMRequest {
        LLMRequest(messages: [], callIndex: callIndex, key: key, keyIndex: keyIndex)
    }

    @Test func requestDefaultsHaveNoKey() {
        let request = LLMRequest(messages: [.user("hi")], callIndex: 3)
        #expect(request.key == nil)
        #expect(request.keyIndex == 0)
        #expect(LLMRequest(messages: [], key: "Host.Main", keyIndex: 2) != LLMRequest(messages: [], key: "Host.Main", keyIndex: 1))
    }

    @Test func parsesAMixedScript() throws {
        let text = """
            Header, ignored. === reply Host.Main === is not a marker here.
            === reply 0: unkeyed ===
            u0
            === reply Host.Main ===
            h0
            === reply Guest_2.Main ===
            g0

            === reply ===
            u1
            ===   reply Host.Main ===
            not a marker (spaces after the first ===), part of u1
            === reply   Host.Main\t===\u{20}\u{20}
            h1
            === reply Guest_2.Main ===
            g1

            """
        let script = try ReplyScript(parsing: text)
        #expect(script.replies == ["u0", "u1\n===   reply Host.Main ===\nnot a marker (spaces after the first ===), part of u1"])
        #expect(script.keyed == ["Host.Main": ["h0", "h1"], "Guest_2.Main": ["g0\n", "g1"]])
        #expect(try ReplyScript(parsing: text.replacingOccurrences(of: "\n", with: "\r\n")) == script)
        #expect(try ReplyScript(parsing: "=== reply A.B ===").keyed == ["A.B": [""]])
        #expect(try ReplyScript(parsing: "=== reply A.B ===").replies == [])
        #expect(try ReplyScript(parsing: "=== reply A.B ===\na\n\n").keyed == ["A.B": ["a\n"]])
    }

    @Test func labelsThatAreNotKeysLeaveTheReplyUnkeyed() throws {
        let labels = [
            "2", "2: the greeting", "Host.Main: greet", "Host.Main extra", "Host", "Host.Main.Sub", "Host..Main", ".Main",
            "Host.", "1Host.Main", "Host.2Main", "Host-1.Main", "H\u{F6}st.Main", "Host .Main", "v1.2", "#2",
        ]
        for label in labels {
            let script = try ReplyScript(parsing: "=== reply \(label) ===\nbody\n")
            #expect(script.replies == ["body"], "label \(label)")
            #expect(script.keyed.isEmpty, "label \(label)")
            #expect(!ReplyScript.isKey(label), "label \(label)")
        }
        for key in ["Host.Main", "_a._", "A1.b2", "host_agent.Main_Loop", "x.y"] {
            #expect(ReplyScript.isKey(key), "key \(key)")
            #expect(try ReplyScript(parsing: "=== reply \(key) ===\nbody").keyed == [key: ["body"]], "key \(key)")
        }
        #expect(ReplyScript.markerLabel("=== reply ===") == "")
        #expect(ReplyScript.markerLabel("=== reply  Host.Main  ===  ") == "Host.Main")
        #expect(ReplyScript.markerLabel("=== replyHost.Main ===") == nil)
    }

    @Test func fileTextRoundTrips() throws {
        let scripts = [
            ReplyScript(replies: ["u0", "", "u2\n", "\n"], keyed: ["Host.Main": ["h0", "h1\n\n"], "Guest.Main": ["", "g1"]]),
            ReplyScript(keyed: ["B.Main": ["b"], "A.Main": ["a0", "a1"]]),
            ReplyScript(replies: ["only unkeyed"]),
            ReplyScript(replies: [], keyed: ["A.B": ["ends with a newline\n"]]),
        ]
        for script in scripts {
            #expect(try ReplyScript(parsing: script.fileText) == script)
            #expect(try ReplyScript(parsing: script.fileText.replacingOccurrences(of: "\n", with: "\r\n")) == script)
        }
        #expect(
            ReplyScript(replies: ["u"], keyed: ["B.Main": ["b"], "A.Main": ["a0", "a1"]]).fileText
                == "=== reply ===\nu\n=== reply A.Main ===\na0\n=== reply A.Main ===\na1\n=== reply B.Main ===\nb\n")
    }

    @Test func eachKeyConsumesItsRepliesInOrderWhateverTheInterleaving() async throws {
        let script = try ReplyScript(
            parsing: """
                === reply Host.Main ===
                host 0
                === reply Guest.Main ===
                guest 0
                === reply Host.Main ===
                host 1
                === reply Guest.Main ===
                guest 1
                === reply Host.Greet ===
                greet 0
                """)
        let provider = ScriptedProvider(script: script, chunkSize: 2)
        // One interleaving: Guest calls twice before Host calls at all.
        let orderA: [(String, Int)] = [("Guest.Main", 0), ("Guest.Main", 1), ("Host.Greet", 0), ("Host.Main", 0), ("Host.Main", 1)]
        // Another: Host first, alternating.
        let orderB: [(String, Int)] = [("Host.Main", 0), ("Guest.Main", 0), ("Host.Main", 1), ("Host.Greet", 0), ("Guest.Main", 1)]
        let expected = [
            "Host.Main": ["host 0", "host 1"], "Guest.Main": ["guest 0", "guest 1"], "Host.Greet": ["greet 0"],
        ]
        for order in [orderA, orderB] {
            for (callIndex, (key, keyIndex)) in order.enumerated() {
                let outcome = await consume(provider.stream(request(callIndex, key, keyIndex)))
                #expect(outcome.error == nil)
                #expect(outcome.text == expected[key]?[keyIndex], "\(key) #\(keyIndex)")
            }
        }
        // Keyed replies are streamed in chunks like unkeyed ones, and report usage.
        #expect(await consume(provider.stream(request(9, "Guest.Main", 1))).deltas == ["gu", "es", "t ", "1"])
        let events = provider.events(request(9, "Host.Greet", 0))
        var usage: LLMUsage?
        for try await event in events { if case .usage(let reported) = event { usage = reported } }
        #expect(usage?.outputTokens == LLMUsage.estimatedTokens("greet 0"))
        #expect(provider.requestedCallIndices == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 9, 9])
        #expect(provider.description.contains("replies: 0, keyed: Guest.Main 2, Host.Greet 1, Host.Main 2"))
    }

    @Test func aKeyWithoutKeyedRepliesFallsBackToTheUnkeyedRepliesByCallIndex() async throws {
        let script = ReplyScript(replies: ["u0", "u1", "u2"], keyed: ["Host.Main": ["h0"]])
        let provider = ScriptedProvider(script: script)
        #expect(try await provider.complete(request(0, "Host.Main", 0)) == "h0")
        #expect(try await provider.complete(request(1, "Guest.Main", 0)) == "u1")
        #expect(try await provider.complete(request(2)) == "u2")
        #expect(try await provider.complete(request(0, "Other.Main", 5)) == "u0")
        let past = try #require(await consume(provider.stream(request(3, "Guest.Main", 1))).llmError)
        #expect(past.kind == .script)
        #expect(past.description == "scripted: the script has 3 replies; reply 4 was requested (callIndex 3)")
        // An empty list of keyed replies is no keyed replies.
        let empty = ScriptedProvider(script: ReplyScript(replies: ["u0"], keyed: ["Host.Main": []]))
        #expect(try await empty.complete(request(0, "Host.Main", 0)) == "u0")
        let onlyEmpty = ScriptedProvider(script: ReplyScript(keyed: ["Host.Main": []]))
        #expect(
            try #require(await consume(onlyEmpty.stream(request(0, "Host.Main", 0))).llmError).message
                == "the script has 0 replies; reply 1 was requested (callIndex 0)")
    }

    @Test func keyIndexPastTheKeyedRepliesIsAnErrorEvenWithUnkeyedReplies() async throws {
        let provider = ScriptedProvider(script: ReplyScript(replies: ["u0", "u1", "u2"], keyed: ["Host.Main": ["h0", "h1"]]))
        let error = try #require(await consume(provider.stream(request(2, "Host.Main", 2))).llmError)
        #expect(error.kind == .script)
        #expect(
            error.description
                == "scripted: the script has 2 replies for Host.Main; reply 3 for Host.Main was requested (keyIndex 2, callIndex 2)")
        let single = ScriptedProvider(script: ReplyScript(keyed: ["Host.Main": ["h0"]]))
        #expect(
            try #require(await consume(single.stream(request(0, "Host.Main", -1))).llmError).message
                == "the script has 1 reply for Host.Main; reply 0 for Host.Main was requested (keyIndex -1, callIndex 0)")
        #expect(provider.requestedCallIndices == [2])
    }

    @Test func aKeyWithNoRepliesAtAllNamesTheKeysTheScriptHas() async throws {
        let provider = ScriptedProvider(script: ReplyScript(keyed: ["Host.Main": ["h0"], "Guest.Main": ["g0"]]))
        let error = try #require(await consume(provider.stream(request(4, "Host.Greet", 1))).llmError)
        #expect(error.kind == .script)
        #expect(
            error.message
                == "the script has no reply for Host.Greet (keyIndex 1, callIndex 4): it has no unkeyed replies, and keyed replies only for Guest.Main, Host.Main"
        )
        let unkeyed = try #require(await consume(provider.stream(request(0))).llmError)
        #expect(unkeyed.kind == .script)
        #expect(
            unkeyed.message
                == "the script has no reply for a call without a key (callIndex 0): it has no unkeyed replies, and keyed replies only for Guest.Main, Host.Main"
        )
    }

    @Test func keyedScriptFromAFileNamesTheFileInErrors() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keyed-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "=== reply Host.Main ===\nhello\n".write(toFile: path, atomically: true, encoding: .utf8)
        let provider = try ScriptedProvider(scriptPath: path)
        #expect(try await provider.complete(request(0, "Host.Main", 0)) == "hello")
        let error = try #require(await consume(provider.stream(request(1, "Host.Main", 1))).llmError)
        #expect(error.message.hasPrefix("the script \(path) has 1 reply for Host.Main; reply 2 for Host.Main was requested"))
    }

    @Test func theCacheKeepsKeyedScriptedCallsApart() {
        let cache = CachingProvider(
            wrapping: ScriptedProvider(script: ReplyScript(replies: ["u"])), directory: URL(fileURLWithPath: "/tmp/unused"))
        let plain = cache.file(for: request(1))
        #expect(cache.file(for: request(1, "Host.Main", 0)) != plain)
        #expect(cache.file(for: request(1, "Host.Main", 0)) != cache.file(for: request(1, "Guest.Main", 0)))
        #expect(cache.file(for: request(1, "Host.Main", 0)) != cache.file(for: request(1, "Host.Main", 1)))
        #expect(cache.file(for: request(1, "Host.Main", 1)) == cache.file(for: request(1, "Host.Main", 1)))
    }
}
