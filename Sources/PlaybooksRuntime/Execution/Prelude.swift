/// Python run before a program's own code. It defines the `@playbook` decorator, which keeps the
/// playbook call stack as data in the VM (so it is in every snapshot and replays exactly), and
/// the names the runtime's host functions read and write.
///
/// Hidden globals (all start with `__pb_`):
/// - `__pb_stack__`: one dict per running playbook: `playbook`, `step` (the last `Step` id),
///   `returned`/`value` (set by `Return`);
/// - `__pb_transcript__`: messages said, as `(sender, target, text)` tuples;
/// - `__pb_artifacts__`: name -> `{"summary": ..., "content": ...}`;
/// - `__pb_playbooks__`: name -> the wrapped playbook.
enum Prelude {
    static let filename = "<playbooks prelude>"

    static func source(agent: String, markdownPlaybooks: [String]) -> String {
        var text = """
            __pb_agent__ = \(pythonString(agent))
            __pb_stack__ = []
            __pb_transcript__ = []
            __pb_artifacts__ = {}
            __pb_playbooks__ = {}
            __pb_max_llm_rounds__ = 20

            def playbook(fn):
                name = fn.__name__
                async def __pb_run__(*args, **kwargs):
                    frame = {"playbook": name, "step": None, "returned": False, "value": None}
                    __pb_stack__.append(frame)
                    try:
                        result = fn(*args, **kwargs)
                        if type(result).__name__ == "coroutine":
                            result = await result
                    finally:
                        __pb_stack__.pop()
                    if result is None and frame["returned"]:
                        return frame["value"]
                    return result
                __pb_playbooks__[name] = __pb_run__
                return __pb_run__

            """
        text += llmLoop
        for name in markdownPlaybooks {
            text += """

                async def \(name)(*args, **kwargs):
                    return await __pb_llm_playbook__(\(pythonString(name)), list(args), kwargs)
                __pb_playbooks__[\(pythonString(name))] = \(name)

                """
        }
        return text
    }

    /// How a Markdown playbook runs: ask the LLM, run each statement of its reply as it arrives
    /// (`__PBNext__` hands them over one by one), and ask again with what happened until the
    /// playbook returns. The loop's state — the conversation, the response so far, how much of it
    /// ran — is data in the playbook's frame, so it is in every snapshot and replays exactly.
    static let llmLoop = """

        __pb_llm_calls__ = [0]

        async def __pb_llm_playbook__(name, args, kwargs):
            frame = {"playbook": name, "step": None, "returned": False, "value": None,
                     "conversation": [], "response": "", "executed": "", "call": None, "rest": None,
                     "statement": "", "statement_record": None}
            __pb_stack__.append(frame)
            try:
                prompt = await __PBPrompt__(name, args, kwargs)
                frame["conversation"].append(["user", prompt])
                rounds = 0
                while True:
                    rounds += 1
                    if rounds > __pb_max_llm_rounds__:
                        raise RuntimeError(f"playbook {name} did not return after {rounds - 1} LLM calls")
                    __pb_llm_calls__[0] += 1
                    frame["call"] = __pb_llm_calls__[0] - 1
                    frame["response"] = ""
                    frame["executed"] = ""
                    frame["rest"] = None
                    await __PBStart__(name, frame["call"])
                    failure = None
                    while True:
                        piece = await __PBNext__()
                        if piece is None:
                            break
                        text, line = piece[0], piece[1]
                        if piece[2] is not None:
                            frame["rest"] = piece[2]
                        elif frame["rest"]:
                            frame["rest"].pop(0)
                        frame["response"] += text
                        frame["statement"] = text
                        try:
                            await __pb_run__(text, line)
                        except Exception as e:
                            failure = f"The statement at line {line} of your response failed: {type(e).__name__}: {e}\\n{text}"
                            break
                        frame["executed"] += text
                        if frame["returned"]:
                            break
                    frame["conversation"].append(["assistant", frame["response"]])
                    if frame["returned"]:
                        return frame["value"]
                    if failure is not None:
                        frame["conversation"].append(["user", failure + "\\nThe statements before it ran; fix the error and continue from there."])
                    else:
                        frame["conversation"].append(["user", "Your response ran to the end. Continue with the next steps, and call await Return(value) when the playbook is done."])
            finally:
                __pb_stack__.pop()

        """

    /// The statement appended after the program's Python code: it runs the entry playbook.
    static func entry(_ name: String) -> String {
        "__pb_result__ = await __pb_playbooks__[\(pythonString(name))]()\n"
    }

    static func pythonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(format2: scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate init(format2 value: UInt32) {
        let h = String(value, radix: 16)
        self = h.count < 2 ? "0" + h : h
    }
}
